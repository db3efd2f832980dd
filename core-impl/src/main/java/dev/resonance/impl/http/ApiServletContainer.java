package dev.resonance.impl.http;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey's servlet with what only the servlet layer knows: the client's address (for rate limits and lockouts)
 * and an early 413 for a declared body larger than the API accepts.
 */
public final class ApiServletContainer extends ServletContainer {

    private static final long serialVersionUID = 1L;

    public ApiServletContainer(ResourceConfig application) {
        super(application);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (request.getContentLengthLong() > JsonProvider.MAX_BODY_BYTES) {
            response.setStatus(413);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":{\"code\":\"body_too_large\",\"message\":\"The request body is larger than "
                    + JsonProvider.MAX_BODY_BYTES / 1024 + " KiB\"}}");
            return;
        }
        // Jersey exposes servlet request attributes as request properties
        request.setAttribute(RequestCaller.CLIENT_ADDRESS, request.getRemoteAddr());
        super.service(request, response);
    }
}
