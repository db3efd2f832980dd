package dev.resonance.plugin.lyrics.formats;

import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code .txt} sidecar (or an unsynced tag value) as unsynced lyrics: one line per text line (LF, CRLF or CR),
 * trailing whitespace dropped, blank lines kept inside the text as stanza breaks but dropped at its start and end, a
 * leading BOM dropped. The language is unknown ({@code "xxx"}): plain text does not say. Never fails.
 */
public final class PlainTextLyrics {

    private PlainTextLyrics() {
    }

    public static ParsedLyrics parse(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : TextDecoding.withoutBom(text).split("\r\n|\r|\n", -1)) {
            lines.add(line.stripTrailing());
        }
        return new ParsedLyrics(Lyrics.plain(unsyncedLines(lines)), Map.of(), 0, List.of());
    }

    /** Unsynced lines from texts, without the blank lines at either end. */
    static List<LyricLine> unsyncedLines(List<String> texts) {
        int from = 0;
        int to = texts.size();
        while (from < to && texts.get(from).isBlank()) {
            from++;
        }
        while (to > from && texts.get(to - 1).isBlank()) {
            to--;
        }
        return texts.subList(from, to).stream().map(LyricLine::plain).toList();
    }
}
