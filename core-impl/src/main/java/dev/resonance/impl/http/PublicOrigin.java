package dev.resonance.impl.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;

/**
 * A request as the browser made it: whether it came over HTTPS and the origin ({@code scheme://host[:port]}) it was
 * sent to. Behind a TLS-terminating reverse proxy the connection is plain HTTP, so a proxy named in
 * {@code trustedProxies} may say otherwise with {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} or RFC 7239
 * {@code Forwarded: proto=…;host=…}; from anyone else those headers are ignored, so a client cannot claim HTTPS
 * (and get cookies it would then leak) or pretend a foreign origin is ours.
 */
public record PublicOrigin(boolean secure, String origin) {

    /** Reads a servlet request; headers that only a trusted proxy may send are ignored from others. */
    public static PublicOrigin of(HttpServletRequest request, ClientAddresses clients) {
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        boolean viaProxy = clients.trusts(request.getRemoteAddr());
        return of(request.isSecure() ? "https" : "http", host, viaProxy ? request.getHeader("X-Forwarded-Proto") : null,
                viaProxy ? request.getHeader("X-Forwarded-Host") : null, viaProxy ? request.getHeader("Forwarded") : null);
    }

    /**
     * @param scheme         of the connection itself
     * @param host           the {@code Host} header (host and optional port)
     * @param forwardedProto {@code X-Forwarded-Proto} of a trusted proxy, or null
     * @param forwardedHost  {@code X-Forwarded-Host} of a trusted proxy, or null
     * @param forwarded      RFC 7239 {@code Forwarded} of a trusted proxy, or null
     */
    public static PublicOrigin of(String scheme, String host, String forwardedProto, String forwardedHost, String forwarded) {
        String publicScheme = scheme;
        String publicHost = host;
        // the first element is what the client-facing proxy saw
        Optional<String> proto = first(forwardedProto).or(() -> forwardedParameter(forwarded, "proto"));
        if (proto.isPresent() && (proto.get().equalsIgnoreCase("https") || proto.get().equalsIgnoreCase("http"))) {
            publicScheme = proto.get().toLowerCase(Locale.ROOT);
        }
        Optional<String> forwardedAuthority = first(forwardedHost).or(() -> forwardedParameter(forwarded, "host"));
        if (forwardedAuthority.isPresent()) {
            publicHost = forwardedAuthority.get();
        }
        String origin = normalize(publicScheme + "://" + publicHost).orElse(publicScheme + "://invalid");
        return new PublicOrigin("https".equals(publicScheme), origin);
    }

    /** {@code scheme://host[:port]} in lower case without a default port; empty for anything that is not an origin. */
    public static Optional<String> normalize(String origin) {
        if (origin == null || origin.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> first(String commaSeparated) {
        if (commaSeparated == null) {
            return Optional.empty();
        }
        String first = commaSeparated.split(",", 2)[0].strip();
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
    }

    /** A parameter of the first element of an RFC 7239 {@code Forwarded} header ({@code for=…;proto=https;host=…}). */
    static Optional<String> forwardedParameter(String forwarded, String name) {
        if (forwarded == null) {
            return Optional.empty();
        }
        for (String pair : forwarded.split(",", 2)[0].split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
