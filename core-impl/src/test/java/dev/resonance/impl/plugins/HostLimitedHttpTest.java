package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.resonance.api.error.ResonanceException;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** The HTTP client a plugin gets: declared hosts only, before anything is sent; redirects checked; a User-Agent. */
class HostLimitedHttpTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("User-Agent"));
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/hop")) {
                exchange.getResponseHeaders().add("Location", "/ok");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.startsWith("/away")) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/ok");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static final java.util.function.Function<String, Optional<String>> NO_SETTINGS = key -> Optional.empty();

    private static Descriptor plugin(String permissions) {
        return ((Descriptor.Valid) Descriptor.read("net", Version.valueOf("1.2.0"), Optional.of(new ByteArrayInputStream(
            PluginWorld.descriptor("net", "[1.1,2)", permissions).getBytes(StandardCharsets.UTF_8))))).descriptor();
    }

    private URI local(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    @Test
    void aDeclaredHostIsReachedWithAUserAgentNamingThePlugin() throws Exception {
        HostLimitedHttp http = new HostLimitedHttp(client, plugin(
            "{\"network\": {\"reason\": \"r\", \"hosts\": [\"localhost\"]}}"), "0.1.0", NO_SETTINGS);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(local("/ok")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("hello");
        assertThat(seen).containsExactly("/ok Resonance/0.1.0 (plugin net/1.2.0)");
    }

    @Test
    void anUndeclaredHostIsRefusedBeforeAnythingIsSent() {
        HostLimitedHttp http = new HostLimitedHttp(client, plugin(
            "{\"network\": {\"reason\": \"r\", \"hosts\": [\"lrclib.net\"]}}"), "0.1.0", NO_SETTINGS);

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(local("/ok")).build(), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(ResonanceException.class).hasMessageContaining("did not declare the host localhost")
            .extracting(e -> ((ResonanceException) e).kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN);
        assertThat(seen).isEmpty();
    }

    @Test
    void aPluginWithoutTheNetworkPermissionCannotSendAtAll() {
        HostLimitedHttp http = new HostLimitedHttp(client, plugin("{}"), "0.1.0", NO_SETTINGS);

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(local("/ok")).build(), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(ResonanceException.class).hasMessageContaining("network permission");
        assertThat(seen).isEmpty();
    }

    @Test
    void redirectsAreFollowedOnlyToDeclaredHosts() throws Exception {
        HostLimitedHttp http = new HostLimitedHttp(client, plugin(
            "{\"network\": {\"reason\": \"r\", \"hosts\": [\"localhost\"]}}"), "0.1.0", NO_SETTINGS);

        assertThat(http.send(HttpRequest.newBuilder(local("/hop")).build(), HttpResponse.BodyHandlers.ofString()).body())
            .isEqualTo("hello");
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(local("/away")).build(), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(ResonanceException.class).hasMessageContaining("did not declare the host 127.0.0.1");
        assertThat(seen).extracting(s -> s.split(" ")[0]).containsExactly("/hop", "/ok", "/away");
    }

    @Test
    void theHostOfAServerTheAdminSetInANamedSettingIsAllowedAsLongAsItIsSet() throws Exception {
        java.util.Map<String, String> settings = new java.util.concurrent.ConcurrentHashMap<>();
        HostLimitedHttp http = new HostLimitedHttp(client, plugin("{\"network\": {\"reason\": \"r\", \"hosts\": [\"lrclib.net\"], "
            + "\"hostsFromSettings\": [\"lrclibUrl\"]}}"), "0.1.0", key -> Optional.ofNullable(settings.get(key)));
        HttpRequest request = HttpRequest.newBuilder(local("/ok")).build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
            .hasMessageContaining("did not declare the host localhost (it may call lrclib.net)");
        settings.put("lrclibUrl", "http://LOCALHOST:" + server.getAddress().getPort() + "/");
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("hello");
        settings.put("lrclibUrl", "https://lrclib.example.org");
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
            .hasMessageContaining("(it may call lrclib.net, lrclib.example.org)");
        settings.put("lrclibUrl", "file:///etc/passwd");
        assertThat(http.allowedHosts()).as("only http(s) URLs name a host").containsExactly("lrclib.net");
        assertThat(seen).containsExactly("/ok Resonance/0.1.0 (plugin net/1.2.0)");
    }

    @Test
    void hostsFromSettingsMustNameSettings() {
        Descriptor.Result bad = Descriptor.read("net", Version.valueOf("1.2.0"), Optional.of(new ByteArrayInputStream(
            PluginWorld.descriptor("net", "[1.1,2)", "{\"network\": {\"reason\": \"r\", \"hostsFromSettings\": [\"a url\"]}}")
                .getBytes(StandardCharsets.UTF_8))));
        assertThat(bad).isInstanceOf(Descriptor.Invalid.class);
        assertThat(plugin("{\"network\": {\"reason\": \"r\", \"hostsFromSettings\": [\"url\"]}}").permissions()
            .get(dev.resonance.api.plugin.PluginPermission.NETWORK).hostsFromSettings()).containsExactly("url");
    }

    @Test
    void wildcardsCoverSubdomainsOnly() {
        assertThat(HostLimitedHttp.allowed("api.lrclib.net", List.of("*.lrclib.net"))).isTrue();
        assertThat(HostLimitedHttp.allowed("lrclib.net", List.of("*.lrclib.net"))).isFalse();
        assertThat(HostLimitedHttp.allowed("evillrclib.net", List.of("*.lrclib.net"))).isFalse();
        assertThat(HostLimitedHttp.allowed("lrclib.net.evil.org", List.of("lrclib.net"))).isFalse();
    }
}
