package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The servlet in front of Jersey, on a real Jetty: what client address the API's rate limits and lockouts see. */
class ApiServletContainerTest {

    @Path("whoami")
    public static final class WhoAmI {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String get(@Context ContainerRequestContext request) {
            return RequestCaller.clientAddress(request);
        }
    }

    private Server jetty;

    private String start(ClientAddresses clients) throws Exception {
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new ApiServletContainer(JerseyServlets.application().register(WhoAmI.class), clients)),
                "/api/*");
        jetty.setHandler(context);
        jetty.start();
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/api/whoami";
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    private static String whoAmI(String url, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void behindATrustedProxyTheForwardedClientCounts() throws Exception {
        String url = start(ClientAddresses.parse("127.0.0.1"));

        assertThat(whoAmI(url, "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(whoAmI(url, null)).isEqualTo("127.0.0.1");
    }

    @Test
    void withoutTrustedProxiesAForwardedHeaderChangesNothing() throws Exception {
        String url = start(ClientAddresses.DIRECT);

        assertThat(whoAmI(url, "203.0.113.7")).isEqualTo("127.0.0.1");
    }

    @Test
    void aBodyTooLargeIsAnswered413AndTheClientGetsTheAnswerWhileStillSending() throws Exception {
        String url = start(ClientAddresses.DIRECT);
        int port = URI.create(url).getPort();
        int size = 2_000_000;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/whoami HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + size + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            // a client on a real network sends the body over a while: the server answers long before the last byte
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, size - sent));
                out.flush();
                Thread.sleep(10);
            }
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("body_too_large");
        }
    }
}
