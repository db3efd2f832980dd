package dev.resonance.plugin.testkit;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.net.PluginHttp;
import dev.resonance.api.plugin.PluginPermission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link PluginHttp} a plugin gets from the core, sending for real with {@code java.net.http}, limited as the core
 * limits it: only with the {@code network} permission, only to the hosts the descriptor lists (exact names, or
 * {@code *.example.org} for subdomains, not the domain itself), checked before anything is sent and again at every
 * redirect (a redirect elsewhere throws {@code FORBIDDEN}); a {@code User-Agent} naming Resonance and the plugin
 * unless the request has one; each exchange bounded by the request's timeout or {@link PluginHttp#DEFAULT_TIMEOUT},
 * whichever is shorter. Tests point it at a local server ({@code 127.0.0.1}) the descriptor lists, or at a fake.
 */
public final class TestPluginHttp implements PluginHttp {

    /** The most redirects followed for one request. */
    public static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Descriptor descriptor;
    private final HttpClient client;

    public TestPluginHttp(Descriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(DEFAULT_TIMEOUT).build();
    }

    /** The {@code User-Agent} sent when the request has none. */
    public String userAgent() {
        return "Resonance (plugin " + descriptor.id() + ")";
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
        throws IOException, InterruptedException {
        Permissions.require(descriptor, PluginPermission.NETWORK, "PluginHttp.send(" + request.uri() + ")");
        checkHost(request.uri());
        HttpRequest current = bounded(request, request.uri(), request.method());
        for (int redirects = 0; ; redirects++) {
            // a redirect's body is dropped: the caller's handler only sees the final response
            HttpResponse<T> response = client.send(current,
                info -> isRedirect(info.statusCode(), info.headers().firstValue("Location"))
                    ? HttpResponse.BodySubscribers.replacing(null) : body.apply(info));
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(response.statusCode(), location)) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + request.uri());
            }
            URI next = current.uri().resolve(location.get());
            checkHost(next);
            boolean toGet = response.statusCode() == 303
                || (response.statusCode() <= 302 && !current.method().equals("GET") && !current.method().equals("HEAD"));
            current = bounded(current, next, toGet ? "GET" : current.method());
        }
    }

    private HttpRequest bounded(HttpRequest request, URI uri, String method) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true).uri(uri);
        if (!method.equals(request.method())) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        Duration timeout = request.timeout().filter(t -> t.compareTo(DEFAULT_TIMEOUT) < 0).orElse(DEFAULT_TIMEOUT);
        builder.timeout(timeout);
        if (request.headers().firstValue("User-Agent").isEmpty()) {
            builder.setHeader("User-Agent", userAgent());
        }
        return builder.build();
    }

    private static boolean isRedirect(int status, Optional<String> location) {
        return REDIRECTS.contains(status) && location.isPresent();
    }

    private void checkHost(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || host.isEmpty()) {
            throw ResonanceException.forbidden("plugin_host_not_declared", "plugin \"" + descriptor.id()
                + "\" may only send http(s) requests to a host: " + uri);
        }
        if (descriptor.networkHosts().stream().noneMatch(pattern -> matches(pattern, host))) {
            throw ResonanceException.forbidden("plugin_host_not_declared", "plugin \"" + descriptor.id()
                + "\" did not declare the host " + host + " (" + uri + ") under \"network\".\"hosts\" "
                + descriptor.networkHosts() + ": add it to its descriptor");
        }
    }

    /** {@code lrclib.net} matches itself only; {@code *.example.org} matches its subdomains, not itself. */
    static boolean matches(String pattern, String host) {
        return pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : host.equals(pattern);
    }
}
