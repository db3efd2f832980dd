package dev.resonance.impl.auth;

import dev.resonance.impl.http.RateLimiter;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Public;
import dev.resonance.api.auth.SignedIn;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.http.AuthenticationFilter;
import dev.resonance.impl.http.RateLimit;
import dev.resonance.impl.http.RequestCaller;
import java.time.Duration;
import java.util.Optional;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** {@code /api/v1/auth/*}: sign in, refresh, sign out, the current session, first-user registration. */
@Path("v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

    static final String REFRESH_COOKIE = "resonance_refresh";

    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @POST
    @Path("login")
    @Public
    @RateLimit(RateLimiter.Kind.LOGIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(AuthRequests.Login request, @Context ContainerRequestContext context) {
        AuthViews.Tokens tokens = auth.login(body(request), RequestCaller.clientAddress(context));
        return withCookies(Response.ok(tokens), tokens, secure(context)).build();
    }

    /** Creates an account: the first one (becomes admin), or any while an admin has opened registration. */
    @POST
    @Path("register")
    @Public
    @RateLimit(RateLimiter.Kind.LOGIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(AuthRequests.Register request, @Context ContainerRequestContext context) {
        AuthRequests.Register body = body(request);
        AuthViews.Tokens tokens = auth.register(body.login(), body.setupCode() == null ? Optional.empty() : body.setupCode(),
                RequestCaller.onThisMachine(context));
        return withCookies(Response.status(Response.Status.CREATED).entity(tokens), tokens, secure(context)).build();
    }

    /** Rotates the refresh token (from the body, or the web app's cookie) and issues a new access token. */
    @POST
    @Path("refresh")
    @Public
    @RateLimit(RateLimiter.Kind.LOGIN)
    public Response refresh(AuthRequests.Refresh request, @CookieParam(REFRESH_COOKIE) String cookie,
                            @Context ContainerRequestContext context) {
        String token = Optional.ofNullable(request).flatMap(AuthRequests.Refresh::refreshToken).orElse(cookie);
        AuthViews.Tokens tokens = auth.refresh(token);
        return withCookies(Response.ok(tokens), tokens, secure(context)).build();
    }

    @POST
    @Path("logout")
    @SignedIn
    public Response logout(@Context SecurityContext security, @Context ContainerRequestContext context) {
        auth.logout(RequestCaller.required(security));
        boolean secure = secure(context);
        return Response.noContent()
                .header("Set-Cookie", cookie(AuthenticationFilter.ACCESS_COOKIE, "", "/", Duration.ZERO, secure))
                .header("Set-Cookie", cookie(REFRESH_COOKIE, "", "/api/v1/auth", Duration.ZERO, secure))
                .build();
    }

    @GET
    @Path("session")
    @SignedIn
    public AuthViews.Session session(@Context SecurityContext security) {
        Caller caller = RequestCaller.required(security);
        return auth.session(caller);
    }

    private Response.ResponseBuilder withCookies(Response.ResponseBuilder response, AuthViews.Tokens tokens, boolean secure) {
        return response
                .header("Cache-Control", "no-store")
                .header("Set-Cookie", cookie(AuthenticationFilter.ACCESS_COOKIE, tokens.accessToken(), "/",
                        auth.settings().accessTokenTtl(), secure))
                .header("Set-Cookie", cookie(REFRESH_COOKIE, tokens.refreshToken(), "/api/v1/auth",
                        auth.settings().refreshTokenTtl(), secure));
    }

    /** HTTPS as the browser sees it: directly, or through a trusted proxy that terminated TLS. */
    private static boolean secure(ContainerRequestContext context) {
        return RequestCaller.publicOrigin(context).secure();
    }

    /** HTTP-only, SameSite=Strict: scripts cannot read it and other sites cannot make the browser send it. */
    static String cookie(String name, String value, String path, Duration maxAge, boolean secure) {
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    static <T> T body(T request) {
        if (request == null) {
            throw ResonanceException.invalid("invalid_json", "A JSON object is expected in the request body");
        }
        return request;
    }
}
