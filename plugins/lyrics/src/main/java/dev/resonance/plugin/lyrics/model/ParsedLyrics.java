package dev.resonance.plugin.lyrics.model;

import dev.resonance.api.lyrics.Lyrics;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a parser made of one source: the lyrics plus what it had to leave out, so that a scan can log a broken file
 * without failing on it.
 *
 * @param lyrics the lyrics (possibly with no lines)
 * @param tags metadata the source carried, lower-case key to value: LRC header tags ({@code ar, ti, al, by, length,
 *     la, offset}), for ID3 frames {@code descriptor} and (SYLT) {@code contentType}
 * @param ignoredLines lines or tags the parser skipped (garbage, unknown tags, malformed headers)
 * @param warnings human-readable reasons for anything dropped or degraded (truncation, unsupported time format);
 *     empty when the source was clean
 */
public record ParsedLyrics(Lyrics lyrics, Map<String, String> tags, int ignoredLines, List<String> warnings) {

    public ParsedLyrics {
        Objects.requireNonNull(lyrics, "lyrics");
        tags = Map.copyOf(tags);
        warnings = List.copyOf(warnings);
        if (ignoredLines < 0) {
            throw new IllegalArgumentException("ignoredLines: " + ignoredLines);
        }
    }

    /** Whether any line has text: lyrics with no lines, or only blank ones, are no lyrics to show. */
    public boolean hasText() {
        return lyrics.lines().stream().anyMatch(line -> !line.text().isBlank());
    }

    /**
     * The same, with the language of the container ({@code code}, e.g. an ID3 frame's {@code "eng"}, made valid by
     * {@link Lyrics#language(String)}) when the lyrics themselves name none: a language the text declares
     * (LRC {@code [la:]}) wins.
     */
    public ParsedLyrics withLanguageIfUnknown(String code) {
        if (!lyrics.lang().equals(Lyrics.UNKNOWN_LANGUAGE)) {
            return this;
        }
        return new ParsedLyrics(lyrics.withLang(code), tags, ignoredLines, warnings);
    }
}
