package dev.resonance.impl.sync.bus;

import io.lettuce.core.RedisURI;
import java.util.Optional;

/** Reading {@code REDIS_URL} and showing it without its password. */
final class RedisUrls {

    private RedisUrls() {
    }

    /** The parsed URL, or empty when it is not a Redis URL (the reason is logged by the caller, never the URL). */
    static Optional<RedisURI> parse(String url) {
        try {
            RedisURI uri = RedisURI.create(url.strip());
            return uri.getHost() == null && uri.getSocket() == null && uri.getSentinels().isEmpty()
                    ? Optional.empty() : Optional.of(uri);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code redis://host:port/db} with no user or password, for logs and {@code /health}. */
    static String redact(RedisURI uri) {
        if (uri.getSocket() != null) {
            return "redis-socket://" + uri.getSocket();
        }
        if (uri.getHost() == null) {
            return "redis-sentinel://" + uri.getSentinelMasterId();
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort()
                + (uri.getDatabase() != 0 ? "/" + uri.getDatabase() : "");
    }

    /** {@code text} with the URL's password, if any, blanked out (error messages are shown in logs and health). */
    @SuppressWarnings("deprecation") // getPassword(): the credentials provider is reactive, overkill for a string
    static String scrub(String text, RedisURI uri) {
        if (text == null) {
            return "";
        }
        char[] password = uri.getPassword();
        return password == null || password.length == 0 ? text : text.replace(new String(password), "******");
    }
}
