package dev.resonance.impl.http;

import java.util.Optional;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;

/** Where a servlet finds the caller's access token. */
public final class RequestTokens {

    private RequestTokens() {
    }

    /**
     * {@code Authorization: Bearer …} (an empty token for another scheme, which then fails authentication), else
     * — when {@code queryParameter} — {@code ?access_token=} (for media elements that cannot send headers), else the
     * web app's HTTP-only cookie.
     */
    /** For a WebSocket handshake: {@code Authorization: Bearer …}, else {@code ?access_token=}; never the cookie. */
    public static Optional<String> forSocket(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            return Optional.of(header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "");
        }
        return Optional.ofNullable(request.getParameter("access_token"));
    }

    public static Optional<String> of(HttpServletRequest request, boolean queryParameter) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            return Optional.of(header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "");
        }
        if (queryParameter) {
            String parameter = request.getParameter("access_token");
            if (parameter != null) {
                return Optional.of(parameter);
            }
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (AuthenticationFilter.ACCESS_COOKIE.equals(cookie.getName())) {
                    return Optional.of(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
