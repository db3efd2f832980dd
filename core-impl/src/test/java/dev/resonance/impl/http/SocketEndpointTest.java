package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.api.http.SocketEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A contributed WebSocket on a real Jetty behind the site: access, messages both ways, and its end with the route. */
class SocketEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Answers every message with the caller's name and the message; records how its sockets closed. */
    private static final class Echo implements SocketEndpoint {
        final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

        @Override
        public Listener open(Optional<Caller> caller, Socket socket) {
            String who = caller.map(Caller::username).orElse("nobody");
            socket.send("hello " + who);
            return new Listener() {
                @Override
                public void onText(String text) {
                    socket.send(who + ": " + text);
                }

                @Override
                public void onClose(int code, String reason) {
                    closes.add(code + "");
                }
            };
        }
    }

    private final SiteServlet site = new SiteServlet(r -> { }, token -> "ada-token".equals(token)
            ? Optional.of(new Caller(1, "ada", Role.ADMIN, Set.of(), 1, UUID.randomUUID())) : Optional.empty());
    private final Echo echo = new Echo();
    private HttpRoute route;
    private Server jetty;
    private String base;

    @BeforeEach
    void start() throws Exception {
        route = new HttpRoute("echo", "/api/plugins/echo/socket", new SocketServlet(echo), new AccessControl.AnyCaller());
        site.add(route);
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(site), "/api/*");
        jetty.setHandler(context);
        jetty.start();
        base = "ws://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/api/plugins/echo/socket";
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    /** Messages and the close of one client socket. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            messages.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }
    }

    private WebSocket connect(String url, Client client, String header, String value) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (header != null) {
            builder.header(header, value);
        }
        return builder.buildAsync(URI.create(url), client).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSignedInCallerTalksToTheEndpointWhichKnowsWhoTheyAre() throws Exception {
        Client client = new Client();
        WebSocket socket = connect(base + "?access_token=ada-token", client, null, null);

        assertThat(client.next()).isEqualTo("hello ada");
        socket.sendText("ping", true).join();
        assertThat(client.next()).isEqualTo("ada: ping");
        socket.abort();
    }

    @Test
    void withoutAValidTokenOrWithOnlyTheCookieTheHandshakeIsRefused() {
        for (String[] attempt : new String[][] {{base, null, null}, {base + "?access_token=forged", null, null},
                {base, "Cookie", AuthenticationFilter.ACCESS_COOKIE + "=ada-token"}}) {
            assertThatThrownBy(() -> connect(attempt[0], new Client(), attempt[1], attempt[2]))
                    .as(String.join(" ", java.util.Arrays.stream(attempt).map(String::valueOf).toList()))
                    .isInstanceOf(ExecutionException.class).rootCause().hasMessageContaining("status code 401");
        }
    }

    @Test
    void aSocketThatEndsWhileItsEndpointIsStillOpeningItIsToldOnceOpenReturns() throws Exception {
        // the endpoint greets, then takes its time to return its listener: the route goes away meanwhile (found by CI:
        // the greeting reached the client before open() had returned, and the close was never told)
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        BlockingQueue<String> closes = new LinkedBlockingQueue<>();
        HttpRoute slow = new HttpRoute("slow", "/api/plugins/slow/socket", new SocketServlet((caller, socket) -> {
            socket.send("hello");
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SocketEndpoint.Listener() {
                @Override
                public void onText(String text) {
                }

                @Override
                public void onClose(int code, String reason) {
                    closes.add(Integer.toString(code));
                }
            };
        }), new AccessControl.AnyCaller());
        site.add(slow);
        Client client = new Client();
        connect(base.replace("/echo/", "/slow/"), client, "Authorization", "Bearer ada-token");
        assertThat(client.next()).isEqualTo("hello");

        Thread removing = new Thread(() -> site.remove(slow));
        removing.start();
        try {
            client.closed.get(3, TimeUnit.SECONDS); // Jetty may close it only once open() has returned
        } catch (java.util.concurrent.TimeoutException e) {
            // fine: released below
        }
        release.countDown();
        removing.join(10_000);

        assertThat(closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1001");
        assertThat(closes.poll(500, TimeUnit.MILLISECONDS)).as("told once").isNull();
    }

    @Test
    void whenTheEndpointGoesItsSocketsCloseGoingAwayAndItHearsOfIt() throws Exception {
        Client client = new Client();
        connect(base, client, "Authorization", "Bearer ada-token");
        assertThat(client.next()).isEqualTo("hello ada");

        site.remove(route);

        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(echo.closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1001");
    }
}
