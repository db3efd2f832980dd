package dev.resonance.plugin.lyrics.testing;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.net.PluginHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A real {@link PluginHttp} on the JDK's {@link HttpClient}, keeping the core's contract: only the allowed hosts
 * (exact, or {@code *.example.org} for subdomains) — any other is {@code FORBIDDEN} before anything is sent, redirects
 * included (followed by hand, only to allowed hosts, at most 5); a {@code User-Agent} naming Resonance and the plugin
 * unless the request has one; every exchange bounded by the request's timeout or {@link #DEFAULT_TIMEOUT}, whichever
 * is shorter.
 */
public final class AllowListPluginHttp implements PluginHttp {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final List<String> hosts;
    private final HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(DEFAULT_TIMEOUT)
        .build();

    public AllowListPluginHttp(List<String> hosts) {
        this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** The hosts the plugin's descriptor declares, and these. */
    public static AllowListPluginHttp forThisPlugin(String... moreHosts) {
        List<String> hosts = new ArrayList<>(PluginJson.networkHosts());
        hosts.addAll(List.of(moreHosts));
        return new AllowListPluginHttp(hosts);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        HttpRequest next = request;
        for (int redirects = 0; ; redirects++) {
            allow(next.uri());
            HttpResponse.BodyHandler<T> handler = info -> REDIRECTS.contains(info.statusCode())
                && info.headers().firstValue("Location").isPresent()
                ? HttpResponse.BodySubscribers.replacing(null) : body.apply(info);
            HttpResponse<T> response = client.send(bounded(next), handler);
            if (!REDIRECTS.contains(response.statusCode()) || response.headers().firstValue("Location").isEmpty()) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + request.uri());
            }
            URI target = next.uri().resolve(response.headers().firstValue("Location").get());
            next = HttpRequest.newBuilder(request, (name, value) -> true).uri(target).build();
        }
    }

    private HttpRequest bounded(HttpRequest request) {
        Duration timeout = request.timeout().filter(t -> t.compareTo(DEFAULT_TIMEOUT) < 0).orElse(DEFAULT_TIMEOUT);
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout);
        if (request.headers().firstValue("User-Agent").isEmpty()) {
            builder.header("User-Agent", "Resonance/test (plugin lyrics)");
        }
        return builder.build();
    }

    private void allow(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean allowed = hosts.stream().anyMatch(h -> h.startsWith("*.")
            ? host.endsWith(h.substring(1)) : host.equals(h));
        if (!allowed) {
            throw ResonanceException.forbidden("plugin_host", "the plugin did not declare the host '" + host + "'");
        }
    }
}
