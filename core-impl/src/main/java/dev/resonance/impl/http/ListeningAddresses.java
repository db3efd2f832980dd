package dev.resonance.impl.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Where Jetty really listens: pax-web publishes the bound addresses as the {@code osgi.http.endpoint} property of its
 * {@code HttpServiceRuntime} service once the server has started ({@code "/"} before, or after a failed start).
 */
final class ListeningAddresses {

    static final String RUNTIME = "org.osgi.service.http.runtime.HttpServiceRuntime";
    static final String ENDPOINT = "osgi.http.endpoint";

    private ListeningAddresses() {
    }

    /** The endpoints the HTTP server is bound to now; empty while it is not (yet) listening. */
    static List<URI> bound(BundleContext context) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(RUNTIME, null);
            List<URI> result = new ArrayList<>();
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                result.addAll(parse(ref.getProperty(ENDPOINT)));
            }
            return result;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
    }

    /** The endpoint URLs in a property value (a String or String[]) that name a host and port. */
    static List<URI> parse(Object property) {
        List<String> values = property instanceof String[] array ? List.of(array)
                : property == null ? List.of() : List.of(property.toString());
        List<URI> result = new ArrayList<>();
        for (String value : values) {
            try {
                URI uri = URI.create(value.strip());
                if (uri.getHost() != null && uri.getPort() > 0) {
                    result.add(uri);
                }
            } catch (IllegalArgumentException e) {
                // "/" or garbage: not a bound address
            }
        }
        return result;
    }

    static boolean wildcard(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
    }

    /** How a request from this machine reaches {@code endpoint}. */
    static URI local(URI endpoint) {
        return wildcard(endpoint.getHost()) ? URI.create("http://127.0.0.1:" + endpoint.getPort() + "/") : endpoint;
    }

    /** URLs people can open: localhost, and for a wildcard address every address of this machine's interfaces. */
    static List<String> urls(List<URI> endpoints) {
        Set<String> urls = new LinkedHashSet<>();
        endpoints.forEach(e -> urls.addAll(ListeningUrls.of(e.getHost(), e.getPort())));
        return List.copyOf(urls);
    }

    static Optional<URI> first(List<URI> endpoints) {
        return endpoints.stream().filter(e -> "http".equals(e.getScheme())).findFirst();
    }
}
