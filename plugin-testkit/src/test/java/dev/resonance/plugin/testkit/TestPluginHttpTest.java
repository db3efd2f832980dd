package dev.resonance.plugin.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.resonance.api.error.ResonanceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1; "localhost" reaches the same server but is not declared. */
class TestPluginHttpTest {

    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int port;
    private TestPluginHttp http;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            switch (path) {
                case "/redirect-here" -> redirect(exchange, "/ok");
                case "/redirect-away" -> redirect(exchange, "http://localhost:" + port + "/ok");
                case "/slow" -> {
                    sleep(2_000);
                    answer(exchange, 200, "late");
                }
                default -> answer(exchange, 200, "ok");
            }
        });
        server.start();
        port = server.getAddress().getPort();
        http = new TestPluginHttp(Descriptors.withPermissions(
            "{\"network\": {\"reason\": \"a local server\", \"hosts\": [\"127.0.0.1\"]}}"));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void sendsToADeclaredHostNamingResonanceAndThePlugin() throws Exception {
        HttpResponse<String> response = http.send(get("127.0.0.1", "/ok"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(userAgents).containsExactly("Resonance (plugin sample)");
    }

    @Test
    void aRequestsOwnUserAgentIsKept() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ok")).header("User-Agent", "mine/1")
            .build(), HttpResponse.BodyHandlers.discarding());

        assertThat(userAgents).containsExactly("mine/1");
    }

    @Test
    void anUndeclaredHostIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> http.send(get("localhost", "/ok"), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOfSatisfying(ResonanceException.class,
                e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN))
            .hasMessageContaining("plugin \"sample\" did not declare the host localhost");
        assertThat(hits).isEmpty();
    }

    @Test
    void redirectsAreFollowedOnlyToDeclaredHosts() throws Exception {
        HttpResponse<String> followed = http.send(get("127.0.0.1", "/redirect-here"),
            HttpResponse.BodyHandlers.ofString());
        assertThat(followed.body()).isEqualTo("ok");
        assertThat(followed.uri().getPath()).isEqualTo("/ok");

        assertThatThrownBy(() -> http.send(get("127.0.0.1", "/redirect-away"), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(ResonanceException.class).hasMessageContaining("did not declare the host localhost");
        assertThat(hits.get("/ok")).hasValue(1);
    }

    @Test
    void withoutTheNetworkPermissionNothingIsSent() {
        TestPluginHttp undeclared = new TestPluginHttp(Descriptors.withPermissions("{}"));

        assertThatThrownBy(() -> undeclared.send(get("127.0.0.1", "/ok"), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(ResonanceException.class)
            .hasMessageContaining("without declaring the \"network\" permission");
        assertThat(hits).isEmpty();
    }

    @Test
    void theRequestsTimeoutBoundsTheExchange() {
        HttpRequest slow = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
            .timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> http.send(slow, HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aWildcardCoversSubdomainsButNotTheDomainItself() {
        assertThat(TestPluginHttp.matches("*.musicbrainz.org", "beta.musicbrainz.org")).isTrue();
        assertThat(TestPluginHttp.matches("*.musicbrainz.org", "musicbrainz.org")).isFalse();
        assertThat(TestPluginHttp.matches("*.musicbrainz.org", "evilmusicbrainz.org")).isFalse();
        assertThat(TestPluginHttp.matches("lrclib.net", "api.lrclib.net")).isFalse();
    }

    private HttpRequest get(String host, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).build();
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        answer(exchange, 302, "");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
