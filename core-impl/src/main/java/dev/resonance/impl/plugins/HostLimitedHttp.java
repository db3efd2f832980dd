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
 * The {@link PluginHttp} one plugin gets: only to the hosts its descriptor lists — and the hosts of the URLs its admin
 * set in the settings the descriptor names under {@code hostsFromSettings}, read at each request — every exchange
 * bounded by {@link PluginHttp#DEFAULT_TIMEOUT}, a User-Agent naming the plugin, redirects followed only to allowed
 * hosts.
 */
final class HostLimitedHttp implements PluginHttp {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final Descriptor plugin;
    private final String userAgent;
    private final java.util.function.Function<String, Optional<String>> settings;

    /** @param settings the plugin's current value of a setting, by name (empty: not set) */
    HostLimitedHttp(HttpClient client, Descriptor plugin, String coreVersion,
                    java.util.function.Function<String, Optional<String>> settings) {
        this.client = client;
        this.plugin = plugin;
        this.settings = settings;
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
        List<String> hosts = allowedHosts();
        if (!allowed(host, hosts)) {
            throw ResonanceException.forbidden("plugin_network", "Plugin " + plugin.id() + " did not declare the host "
                + host + " (it may call " + (hosts.isEmpty() ? "no host" : String.join(", ", hosts)) + ")");
        }
        Duration timeout = request.timeout().filter(t -> t.compareTo(DEFAULT_TIMEOUT) < 0).orElse(DEFAULT_TIMEOUT);
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout);
        if (request.headers().firstValue("User-Agent").isEmpty()) {
            builder.header("User-Agent", userAgent);
        }
        return builder.build();
    }

    /** The declared hosts and the hosts of the URLs in the settings named by {@code hostsFromSettings}, as set now. */
    List<String> allowedHosts() {
        Descriptor.Grant network = plugin.permissions().get(PluginPermission.NETWORK);
        List<String> hosts = new java.util.ArrayList<>(network.hosts());
        for (String setting : network.hostsFromSettings()) {
            settings.apply(setting).flatMap(HostLimitedHttp::hostOf).filter(h -> !hosts.contains(h)).ifPresent(hosts::add);
        }
        return hosts;
    }

    /** The host of an http(s) URL, lower-cased; empty for anything else. */
    static Optional<String> hostOf(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                ? Optional.of(uri.getHost().toLowerCase(Locale.ROOT)) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
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
