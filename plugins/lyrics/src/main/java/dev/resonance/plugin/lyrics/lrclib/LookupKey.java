package dev.resonance.plugin.lyrics.lrclib;

import dev.resonance.api.library.TrackInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What identifies a track to LRCLIB ({@code /api/get}'s signature): artist, title, album as tagged (trimmed) and the
 * duration in whole seconds (rounded; LRCLIB matches within ±2 s).
 *
 * @param album empty when the track has none (then not sent: LRCLIB matches any album)
 */
record LookupKey(String artist, String title, String album, long durationSeconds) {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final char SEPARATOR = '\u001f';

    /** The key of {@code track}; empty when it has no title or no artist (LRCLIB needs both). */
    static Optional<LookupKey> of(TrackInfo track) {
        String artist = track.artist().strip();
        String title = track.title().strip();
        if (artist.isEmpty() || title.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LookupKey(artist, title, track.album().strip(), (track.durationMs() + 500) / 1000));
    }

    /**
     * The cache key of this lookup on {@code server}: a hash of the server and the normalised signature (Unicode
     * NFKC, lower case, runs of white space as one space), so that spelling variants of one track share an answer,
     * answers of another server are not reused, and the key has a fixed length (the store's keys are at most 512).
     */
    String cacheKey(URI server) {
        String signature = String.join(String.valueOf(SEPARATOR), server.toString(), normalised(artist),
            normalised(title), normalised(album), Long.toString(durationSeconds));
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return "lrclib/" + HexFormat.of().formatHex(sha256.digest(signature.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String normalised(String value) {
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return SPACES.matcher(folded).replaceAll(" ").strip();
    }
}
