package dev.resonance.plugin.lyrics.formats;

import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One door to the readers: which format a sidecar file or an ID3 frame is, and its bytes parsed to the model.
 * Sidecars share the track's base name: {@code .lrc} and {@code .elrc} are LRC, {@code .txt} plain text (decoded by
 * {@link TextDecoding}). Tag values that are already text (Vorbis {@code LYRICS} / {@code UNSYNCEDLYRICS}, MP4
 * {@code ©lyr}) go through {@link #parseTagText(String)}: LRC when timed, plain otherwise. What the core's scanner
 * kept of a track's tags ({@code Catalog.embeddedLyrics}) goes through {@link #parseEmbedded(EmbeddedLyrics)}.
 */
public final class LyricsFormats {

    /** The formats we read. */
    public enum Format {
        /** LRC or enhanced LRC text ({@link LrcParser}). */
        LRC,
        /** Plain text, unsynced ({@link PlainTextLyrics}). */
        PLAIN_TEXT,
        /** ID3v2 {@code SYLT} frame body ({@link SyltDecoder}). */
        ID3_SYLT,
        /** ID3v2 {@code USLT} frame body ({@link UsltDecoder}). */
        ID3_USLT
    }

    private LyricsFormats() {
    }

    /** The format of a sidecar by its name's extension (case-insensitive), if it is one we read. */
    public static Optional<Format> ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".lrc") || lower.endsWith(".elrc")) {
            return Optional.of(Format.LRC);
        }
        return lower.endsWith(".txt") ? Optional.of(Format.PLAIN_TEXT) : Optional.empty();
    }

    /** The format of an ID3v2 frame by its id ({@code SYLT}, {@code USLT}; v2.2's {@code SLT}, {@code ULT} too). */
    public static Optional<Format> ofId3Frame(String frameId) {
        return switch (frameId) {
            case "SYLT", "SLT" -> Optional.of(Format.ID3_SYLT);
            case "USLT", "ULT" -> Optional.of(Format.ID3_USLT);
            default -> Optional.empty();
        };
    }

    /** Parses a sidecar file; a name we do not read is a {@link MalformedLyricsException}. */
    public static ParsedLyrics parseFile(String fileName, byte[] bytes) {
        return parse(ofFileName(fileName).orElseThrow(() ->
            new MalformedLyricsException("not a lyrics file (.lrc, .elrc or .txt): " + fileName)), bytes);
    }

    /** Parses an ID3v2 frame body; a frame id we do not read is a {@link MalformedLyricsException}. */
    public static ParsedLyrics parseId3Frame(String frameId, byte[] body) {
        return parse(ofId3Frame(frameId).orElseThrow(() ->
            new MalformedLyricsException("not a lyrics frame (SYLT or USLT): " + frameId)), body);
    }

    /** Parses bytes of a known format. SYLT time stamps in MPEG frames give unsynced lyrics here. */
    public static ParsedLyrics parse(Format format, byte[] bytes) {
        return switch (format) {
            case LRC -> LrcParser.parse(TextDecoding.decode(bytes));
            case PLAIN_TEXT -> PlainTextLyrics.parse(TextDecoding.decode(bytes));
            case ID3_SYLT -> SyltDecoder.decode(bytes);
            case ID3_USLT -> UsltDecoder.decode(bytes);
        };
    }

    /** Parses a lyrics tag value that is text already: LRC when it has time tags, plain lines otherwise. */
    public static ParsedLyrics parseTagText(String value) {
        return LrcParser.parse(value);
    }

    /**
     * Parses lyrics embedded in a track as the core keeps them: a {@code SYLT} frame body by {@link SyltDecoder}, any
     * other kind ({@code USLT}, Vorbis, MP4 — UTF-8 text, often LRC) by {@link #parseTagText(String)}. The record's
     * language (the ID3 frame's) is used when the lyrics name none.
     */
    public static ParsedLyrics parseEmbedded(EmbeddedLyrics embedded) {
        ParsedLyrics parsed = embedded.kind() == EmbeddedLyrics.Kind.ID3_SYLT
            ? SyltDecoder.decode(embedded.data())
            : parseTagText(new String(embedded.data(), StandardCharsets.UTF_8));
        return parsed.withLanguageIfUnknown(embedded.language());
    }
}
