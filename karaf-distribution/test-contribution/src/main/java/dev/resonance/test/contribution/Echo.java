package dev.resonance.test.contribution;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.http.HttpEndpoint;
import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;

/** A servlet at the plugin's path: answers who called and what path below it. */
@Component(service = HttpEndpoint.class, property = {"resonance.http.path=/api/plugins/test-contribution/echo",
        "resonance.http.access=signed-in", "resonance.http.name=test-contribution-echo"})
public final class Echo extends HttpServlet implements HttpEndpoint {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = (Caller) request.getAttribute(HttpContribution.CALLER_ATTRIBUTE);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write("echo " + (request.getPathInfo() == null ? "" : request.getPathInfo()) + " for " + caller.username());
    }
}
