package dev.resonance.plugin.lyrics.lrclib;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One LRCLIB lyrics record, as {@code /api/get}, {@code /api/get/{id}} and {@code /api/search} return it:
 * {@code {id, trackName, artistName, albumName, duration, instrumental, plainLyrics, syncedLyrics}}; the lyrics are
 * {@code null} when the record has none, {@code duration} is in seconds (may have a fraction).
 */
record LrclibRecord(long id, String trackName, String artistName, String albumName, double duration,
                    boolean instrumental, Optional<String> plainLyrics, Optional<String> syncedLyrics) {

    LrclibRecord {
        Objects.requireNonNull(trackName, "trackName");
        Objects.requireNonNull(artistName, "artistName");
        Objects.requireNonNull(albumName, "albumName");
        Objects.requireNonNull(plainLyrics, "plainLyrics");
        Objects.requireNonNull(syncedLyrics, "syncedLyrics");
    }

    /**
     * The record in an LRCLIB JSON document. Lenient where LRCLIB's answers vary ({@code null} or missing names and
     * lyrics, members it may add), strict about types: a member of the wrong type is a {@link Json.MalformedJsonException}.
     */
    static LrclibRecord fromJson(String body) {
        if (!(Json.parse(body) instanceof Map<?, ?> json)) {
            throw new Json.MalformedJsonException("an LRCLIB record is an object", 0);
        }
        return new LrclibRecord(
            member(json, "id", Number.class).map(Number::longValue).orElse(0L),
            member(json, "trackName", String.class).orElse(""),
            member(json, "artistName", String.class).orElse(""),
            member(json, "albumName", String.class).orElse(""),
            member(json, "duration", Number.class).map(Number::doubleValue).orElse(0.0),
            member(json, "instrumental", Boolean.class).orElse(false),
            member(json, "plainLyrics", String.class),
            member(json, "syncedLyrics", String.class));
    }

    private static <T> Optional<T> member(Map<?, ?> json, String name, Class<T> type) {
        Object value = json.get(name);
        if (value != null && !type.isInstance(value)) {
            throw new Json.MalformedJsonException("LRCLIB record member " + name + " is not a "
                + type.getSimpleName().toLowerCase(java.util.Locale.ROOT), 0);
        }
        return Optional.ofNullable(type.cast(value));
    }
}
