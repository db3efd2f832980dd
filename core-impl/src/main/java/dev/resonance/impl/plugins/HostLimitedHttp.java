package dev.resonance.impl.plugins;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.net.PluginHttp;
import dev.resonance.api.plugin.PluginPermission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@link PluginHttp} one plugin gets: only to the hosts its descriptor lists, every exchange bounded by
 * {@link PluginHttp#DEFAULT_TIMEOUT}, a User-Agent naming the plugin, redirects followed only to listed hosts.
 */
final class HostLimitedHttp implements PluginHttp {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final Descriptor plugin;
    private final String userAgent;

    HostLimitedHttp(HttpClient client, Descriptor plugin, String coreVersion) {
        this.client = client;
        this.plugin = plugin;
        this.userAgent = "Resonance/" + coreVersion + " (plugin " + plugin.id() + "/" + plugin.version() + ")";
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
        throws IOException, InterruptedException {
        PermittedCatalog.require(plugin, PluginPermission.NETWORK);
        HttpRequest next = prepared(request, request.uri());
        for (int hop = 0; ; hop++) {
            HttpResponse<T> response = client.send(next, body);
            Optional<String> location = response.headers().firstValue("Location");
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || location.isEmpty() || hop >= MAX_REDIRECTS) {
                return response;
            }
            URI target = next.uri().resolve(location.get());
            HttpRequest.Builder follow = HttpRequest.newBuilder(target);
            next.headers().map().forEach((name, values) -> values.forEach(v -> follow.header(name, v)));
            if (status == 307 || status == 308) {
                follow.method(next.method(), next.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
            }
            next.timeout().ifPresent(follow::timeout);
            next = prepared(follow.build(), target);
        }
    }

    private HttpRequest prepared(HttpRequest request, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ResonanceException.forbidden("plugin_network", "Plugin " + plugin.id() + " may only use http(s): " + uri);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowed(host, plugin.permissions().get(PluginPermission.NETWORK).hosts())) {
            throw ResonanceException.forbidden("plugin_network", "Plugin " + plugin.id() + " did not declare the host "
                + host + " (it declared " + String.join(", ", plugin.permissions().get(PluginPermission.NETWORK).hosts())
                + ")");
        }
        Duration timeout = request.timeout().filter(t -> t.compareTo(DEFAULT_TIMEOUT) < 0).orElse(DEFAULT_TIMEOUT);
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout);
        if (request.headers().firstValue("User-Agent").isEmpty()) {
            builder.header("User-Agent", userAgent);
        }
        return builder.build();
    }

    /** Whether {@code host} is one of {@code declared}: exact, or under a {@code *.domain} entry. */
    static boolean allowed(String host, List<String> declared) {
        for (String entry : declared) {
            if (entry.equals(host)) {
                return true;
            }
            if (entry.startsWith("*.") && host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1) {
                return true;
            }
        }
        return false;
    }
}
