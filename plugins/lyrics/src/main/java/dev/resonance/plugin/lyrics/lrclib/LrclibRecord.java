package dev.resonance.plugin.lyrics.lrclib;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.Objects;
import java.util.Optional;

/**
 * One LRCLIB lyrics record, as {@code /api/get}, {@code /api/get/{id}} and {@code /api/search} return it:
 * {@code {id, trackName, artistName, albumName, duration, instrumental, plainLyrics, syncedLyrics}}; the lyrics are
 * {@code null} when the record has none, {@code duration} is in seconds (may have a fraction).
 */
record LrclibRecord(long id, String trackName, String artistName, String albumName, double duration,
                    boolean instrumental, Optional<String> plainLyrics, Optional<String> syncedLyrics) {

    /**
     * Jackson (the distribution's bundle), lenient where LRCLIB's answers vary (members it may add), strict about
     * types and syntax: no scalar coercion ({@code "true"}, {@code "1"}, a number or boolean as a name), nothing after
     * the record. Its own {@link TypeFactory}: the shared default one caches types in Jackson's bundle and would keep
     * this plugin's classes after the plugin is uninstalled.
     */
    private static final ObjectReader READER = JsonMapper.builder()
        .typeFactory(TypeFactory.createDefaultInstance())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(LogicalType.Textual, strings -> strings
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build()
        .readerFor(Wire.class);

    LrclibRecord {
        Objects.requireNonNull(trackName, "trackName");
        Objects.requireNonNull(artistName, "artistName");
        Objects.requireNonNull(albumName, "albumName");
        Objects.requireNonNull(plainLyrics, "plainLyrics");
        Objects.requireNonNull(syncedLyrics, "syncedLyrics");
    }

    /**
     * The record in an LRCLIB JSON document; {@code null} or missing members are empty names, lyrics, 0 and false.
     *
     * @throws JsonProcessingException when {@code body} is not JSON, not an object or has a member of the wrong type
     */
    static LrclibRecord fromJson(String body) throws JsonProcessingException {
        Wire wire = READER.readValue(body);
        if (wire == null) {
            throw MismatchedInputException.from(null, LrclibRecord.class, "an LRCLIB record is an object, not null");
        }
        return new LrclibRecord(
            wire.id() != null ? wire.id() : 0L,
            Objects.requireNonNullElse(wire.trackName(), ""),
            Objects.requireNonNullElse(wire.artistName(), ""),
            Objects.requireNonNullElse(wire.albumName(), ""),
            wire.duration() != null ? wire.duration() : 0.0,
            Boolean.TRUE.equals(wire.instrumental()),
            Optional.ofNullable(wire.plainLyrics()),
            Optional.ofNullable(wire.syncedLyrics()));
    }

    /** The members as LRCLIB sends them, each may be {@code null}. */
    private record Wire(Long id, String trackName, String artistName, String albumName, Double duration,
                        Boolean instrumental, String plainLyrics, String syncedLyrics) {
    }
}
