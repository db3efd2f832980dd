package dev.resonance.impl.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.RequestDispatcher;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;

/**
 * The error page of the whiteboard context: an error a servlet or the container produces inside it with
 * {@code sendError} (the web app's resource servlet refusing {@code ..} or a missing file, a servlet's 503) gets the
 * JSON error shape instead of Jetty's HTML page. Errors outside any context go to {@link JsonErrorHandler}.
 */
@Component(service = Servlet.class, immediate = true)
@HttpWhiteboardServletName("resonance-error-page")
@HttpWhiteboardServletErrorPage(errorPage = {"4xx", "5xx"})
public final class JsonErrorPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : response.getStatus();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        SecurityHeadersFilter.protect(response, false); // JSON, whatever page failed
        byte[] body = JsonErrors.body(status).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
