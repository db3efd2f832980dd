package dev.resonance.impl.stream;

import dev.resonance.api.error.ResonanceException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived stream URLs for {@code <audio src>}, which cannot send a header: {@code /stream/{id}?…&uid=&sid=&exp=&sig=}
 * where {@code sig} is an HMAC-SHA256, under a server key kept in the database, over the path ({@code /stream/{id}}
 * or {@code /stream/{id}/download}: a URL signed for one does not open the other) and every other query parameter
 * (format, bitrate, offset, user, session, expiry). Changing any of them breaks the signature; the
 * session must still be live when the URL is used, so signing out or disabling the user ends its URLs too. The key
 * and the signatures are never logged.
 */
public final class UrlSigner {

    static final String SIGNATURE = "sig";
    static final String EXPIRES = "exp";
    static final String USER = "uid";
    static final String SESSION = "sid";

    /** A verified URL's subject. */
    public record Grant(long userId, UUID sessionId) {
    }

    private final byte[] key;
    private volatile Duration lifetime;
    private final Clock clock;

    public UrlSigner(byte[] key, Duration lifetime, Clock clock) {
        this.key = key.clone();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** How long URLs signed from now on live (a configuration change); URLs already handed out keep their expiry. */
    public void lifetime(Duration next) {
        lifetime = next;
    }

    /**
     * Signatures before 2026-12 covered the track id only, so a URL signed for {@code /stream/{id}} also opened
     * {@code /stream/{id}/download}; v2 covers the path. URLs signed with v1 no longer verify (they lived 6 h).
     */
    private static final String VERSION = "resonance-stream-v2";

    /** The path of a track's stream. */
    public static String streamPath(long trackId) {
        return "/stream/" + trackId;
    }

    /** A signed {@code /stream/{trackId}} URL carrying {@code parameters}, valid for the configured lifetime. */
    public String sign(long trackId, long userId, UUID sessionId, Map<String, String> parameters) {
        return sign(streamPath(trackId), userId, sessionId, parameters);
    }

    /** A signed URL of {@code path} (a stream or a download) carrying {@code parameters}. */
    public String sign(String path, long userId, UUID sessionId, Map<String, String> parameters) {
        TreeMap<String, String> all = new TreeMap<>(parameters);
        all.put(USER, Long.toString(userId));
        all.put(SESSION, sessionId.toString());
        all.put(EXPIRES, Long.toString(clock.instant().plus(lifetime).getEpochSecond()));
        StringBuilder url = new StringBuilder(path).append('?');
        all.forEach((k, v) -> url.append(encode(k)).append('=').append(encode(v)).append('&'));
        return url.append(SIGNATURE).append('=').append(signature(path, all)).toString();
    }

    public Instant expiry(String url) {
        String exp = url.replaceAll(".*[?&]" + EXPIRES + "=([0-9]+).*", "$1");
        return Instant.ofEpochSecond(Long.parseLong(exp));
    }

    /**
     * Checks a request's signature for {@code path} (as the servlet parsed it): 403 {@code invalid_signature} when
     * anything was changed or is missing, 401 {@code url_expired} when it is too old (or claims an expiry beyond the
     * lifetime).
     */
    public Grant verify(String path, Map<String, String[]> query) {
        TreeMap<String, String> signed = new TreeMap<>();
        for (Map.Entry<String, String[]> e : query.entrySet()) {
            if (e.getValue().length != 1) {
                throw invalid();
            }
            if (!e.getKey().equals(SIGNATURE)) {
                signed.put(e.getKey(), e.getValue()[0]);
            }
        }
        String[] given = query.get(SIGNATURE);
        if (given == null || !MessageDigest.isEqual(signature(path, signed).getBytes(StandardCharsets.US_ASCII),
                given[0].getBytes(StandardCharsets.US_ASCII))) {
            throw invalid();
        }
        try {
            long expires = Long.parseLong(signed.getOrDefault(EXPIRES, ""));
            long now = clock.instant().getEpochSecond();
            if (expires < now || expires > now + lifetime.toSeconds() + 60) {
                throw ResonanceException.unauthenticated("url_expired", "This stream URL has expired; ask for a new one");
            }
            return new Grant(Long.parseLong(signed.getOrDefault(USER, "")), UUID.fromString(signed.getOrDefault(SESSION, "")));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ResonanceException invalid() {
        return ResonanceException.forbidden("invalid_signature", "This stream URL is not valid (altered or incomplete)");
    }

    private String signature(String path, TreeMap<String, String> parameters) {
        StringBuilder message = new StringBuilder(VERSION).append('\n').append(path);
        parameters.forEach((k, v) -> message.append('\n').append(k).append('=').append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The parameters of a request worth carrying into a signed URL (what the stream will be). */
    static Map<String, String> carried(Map<String, String[]> query) {
        TreeMap<String, String> out = new TreeMap<>();
        for (String name : new String[] {"format", "bitrate", "offset", "client", "network"}) {
            String[] values = query.get(name);
            if (values != null && values.length == 1) {
                out.put(name, values[0]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "UrlSigner[key hidden]";
    }

    static Optional<String> signatureOf(Map<String, String[]> query) {
        String[] values = query.get(SIGNATURE);
        return values == null || values.length == 0 ? Optional.empty() : Optional.of(values[0]);
    }
}
