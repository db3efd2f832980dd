package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security headers on a real Jetty laid out like the server: the filter on {@code /*} in front of the API (Jersey),
 * a stream-like servlet, and the web app's files (including an error the container produces itself).
 */
class SecurityHeadersFilterTest {

    @Path("v1/server")
    public static final class Info {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public String get() {
            return "{\"name\":\"Resonance\"}";
        }
    }

    /** Stands for the web app's resource servlet: index.html and assets exist, anything else is the container's 404. */
    public static final class Files extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getRequestURI().equals("/index.html")) {
                response.setContentType("text/html");
                response.getWriter().write("<!doctype html><title>Resonance</title>");
            } else {
                response.sendError(404);
            }
        }
    }

    public static final class Audio extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("audio/mpeg");
            response.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFB});
        }
    }

    private Server jetty;
    private String base;

    @BeforeEach
    void start() throws Exception {
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new SecurityHeadersFilter()), "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR));
        context.addServlet(new ServletHolder(new ApiServletContainer(JerseyServlets.application().register(Info.class))), "/api/*");
        context.addServlet(new ServletHolder(new ApiServletContainer(JerseyServlets.application().register(Info.class))), "/health/*");
        context.addServlet(new ServletHolder(new Audio()), "/stream/*");
        context.addServlet(new ServletHolder(new Files()), "/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertCommonHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
    }

    @Test
    void theWebAppMayLoadOnlyFromItsOwnOrigin() throws Exception {
        HttpResponse<String> page = get("/index.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertCommonHeaders(page);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).startsWith("default-src 'self'").contains("script-src 'self';", "connect-src 'self' ws: wss:",
                "media-src 'self' blob:", "img-src 'self' data: blob:").doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    void apiHealthAndStreamAnswersMayLoadNothing() throws Exception {
        for (String path : new String[] {"/api/v1/server", "/api/v1/nothing-here", "/health/v1/server", "/stream/42"}) {
            HttpResponse<String> answer = get(path);
            assertCommonHeaders(answer);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue("default-src 'none'; frame-ancestors 'none'");
        }
    }

    @Test
    void errorsTheContainerProducesCarryTheHeadersToo() throws Exception {
        HttpResponse<String> missing = get("/no-such-file.js");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertCommonHeaders(missing);
    }
}
