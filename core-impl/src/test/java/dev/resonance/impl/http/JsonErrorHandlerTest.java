package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests Jetty refuses before any servlet runs, sent as raw bytes to a real Jetty with {@link JsonErrorHandler} as its
 * server error handler: the status stays, the body is the API's JSON error, and nothing names Jetty.
 */
class JsonErrorHandlerTest {

    private Server jetty;
    private int port;

    @BeforeEach
    void start() throws Exception {
        jetty = new Server(0);
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setHandler(okContext());
        jetty.start();
        port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    private record Raw(int status, String head, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }
    }

    private Raw send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, response.substring(split + 4));
        }
    }

    private static void assertJsonError(Raw raw, int status, String code) throws IOException {
        assertThat(raw.status()).as(raw.head()).isEqualTo(status);
        assertThat(raw.head()).containsIgnoringCase("Content-Type: application/json").containsIgnoringCase("X-Content-Type-Options: nosniff");
        assertThat(raw.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(raw.json().at("/error/message").asText()).isNotBlank();
        assertThat(raw.body()).doesNotContainIgnoringCase("jetty").doesNotContain("<html", "Caused by");
    }

    @Test
    void aUriThatDoesNotParseIs400Json() throws IOException {
        assertJsonError(send("GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "bad_request");
    }

    @Test
    void aPathClimbingAboveTheRootIs400Json() throws IOException {
        assertJsonError(send("GET /a/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "bad_request");
    }

    @Test
    void headersOverJettysBufferAre431Json() throws IOException {
        assertJsonError(send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n"),
                431, "headers_too_large");
    }

    @Test
    void aUriOverJettysBufferIs414Json() throws IOException {
        assertJsonError(send("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414, "uri_too_long");
    }

    /** A context whose one servlet answers "ok" to everything. */
    private static ServletContextHandler okContext() {
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().write("ok");
            }
        }), "/*");
        return context;
    }

    /** A Jetty with the site's filter in its context, as pax-web runs it. */
    private record Site(Server server, SecurityHeadersFilter filter) {
    }

    private Site site() throws Exception {
        Server server = new Server(0);
        ServletContextHandler context = okContext();
        SecurityHeadersFilter filter = new SecurityHeadersFilter();
        context.addFilter(new org.eclipse.jetty.servlet.FilterHolder(filter), "/*", java.util.EnumSet.of(javax.servlet.DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return new Site(server, filter);
    }

    private static final String TOO_LARGE = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n";
    private static final String PLAIN = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    @Test
    void theFirstRequestThroughTheSitesFilterInstallsTheHandlerOnItsServerAndTheFilterGivesJettysBackWhenItGoes() throws Exception {
        Site site = site();
        try {
            // before any request came through (the start-up probe's is the first): Jetty's own
            assertThat(site.server().getErrorHandler()).isNotInstanceOf(JsonErrorHandler.class);
            assertThat(send(PLAIN).status()).isEqualTo(200);

            assertThat(site.server().getErrorHandler()).isInstanceOf(JsonErrorHandler.class);
            assertJsonError(send(TOO_LARGE), 431, "headers_too_large");
            site.filter().destroy();
            assertThat(site.server().getErrorHandler()).isNotInstanceOf(JsonErrorHandler.class);
        } finally {
            site.server().stop();
        }
    }

    @Test
    void aHandlerSetByPaxWebInBetweenIsReplacedOnTheNextRequestAndStarted() throws Exception {
        Site site = site();
        try {
            send(PLAIN);
            site.server().setErrorHandler(new org.eclipse.jetty.server.handler.ErrorHandler()); // someone else's, as pax-web does
            send(PLAIN);

            assertThat(site.server().getErrorHandler()).isInstanceOf(JsonErrorHandler.class);
            assertThat(site.server().getErrorHandler().isStarted()).isTrue();
            assertThat(site.server().getErrorHandler().getServer()).isSameAs(site.server());
            assertJsonError(send(TOO_LARGE), 431, "headers_too_large");
        } finally {
            site.server().stop();
        }
    }

    @Test
    void errorsInsideTheContextGoThroughTheJsonErrorPage() throws Exception {
        Server server = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        org.eclipse.jetty.servlet.ErrorPageErrorHandler pages = new org.eclipse.jetty.servlet.ErrorPageErrorHandler();
        pages.addErrorPage(400, 599, "/resonance-error"); // what the whiteboard makes of errorPage=4xx,5xx
        context.setErrorHandler(pages);
        context.addServlet(new ServletHolder(new JsonErrorPage()), "/resonance-error");
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(request.getRequestURI().contains("..") ? 403 : 404, "No /srv/music/secret here");
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        try {
            port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            Raw missing = send("GET /missing.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().at("/error/code").asText()).isEqualTo("not_found");
            assertThat(missing.body()).doesNotContain("/srv/music", "<html");
            assertThat(missing.head()).contains("Content-Security-Policy: default-src 'none'; frame-ancestors 'none'");
        } finally {
            server.stop();
        }
    }

    @Test
    void aGoodRequestIsUntouched() throws IOException {
        Raw ok = send("GET /fine HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).endsWith("ok");
    }
}
