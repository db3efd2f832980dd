package dev.resonance.plugin.lyrics.lrclib;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.resonance.api.net.PluginHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * LRCLIB's {@code GET /api/get?track_name=&artist_name=&album_name=&duration=} through the core's {@link PluginHttp}:
 * 200 is the record, 404 (TrackNotFound) is {@link Answer#NOT_FOUND}; any other status, a body that is not a record or
 * larger than {@link #MAX_BODY_BYTES} is an {@link IOException}, as are the network's failures and timeouts.
 */
final class LrclibClient {

    /** The largest answer read: a record with synced and plain lyrics is a few KiB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final PluginHttp http;
    private final String userAgent;
    private final Duration timeout;

    LrclibClient(PluginHttp http, String userAgent, Duration timeout) {
        this.http = http;
        this.userAgent = userAgent;
        this.timeout = timeout;
    }

    Answer get(URI server, LookupKey key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(server, key))
            .timeout(timeout)
            .header("User-Agent", userAgent)
            .header("Accept", "application/json")
            .GET()
            .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (response.statusCode() == 404) {
            return Answer.NOT_FOUND;
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("an answer larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return Answer.of(LrclibRecord.fromJson(new String(body, StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IOException("not an LRCLIB record: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code server}'s {@code /api/get} with the key's signature; no {@code album_name} when the track has none. */
    static URI uri(URI server, LookupKey key) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("track_name", key.title());
        query.put("artist_name", key.artist());
        if (!key.album().isEmpty()) {
            query.put("album_name", key.album());
        }
        query.put("duration", Long.toString(key.durationSeconds()));
        String base = server.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/get?" + query.entrySet().stream()
            .map(e -> e.getKey() + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&")));
    }

    /** Query encoding with {@code %20} for spaces (a {@code +} means a space only to form decoders). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
