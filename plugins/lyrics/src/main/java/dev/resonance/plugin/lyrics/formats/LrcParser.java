package dev.resonance.plugin.lyrics.formats;

import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import dev.resonance.api.lyrics.WordCue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LRC and enhanced LRC (A2 / ELRC word timings) to {@link Lyrics}: strict about what a tag is, forgiving about
 * everything around it. Never fails: what it cannot read it skips and counts ({@link ParsedLyrics#ignoredLines()}).
 *
 * <p>Format facts relied on:
 * <ul>
 *   <li>a line starts with one or more time tags {@code [mm:ss]}, {@code [mm:ss.x]}, {@code [mm:ss.xx]},
 *       {@code [mm:ss.xxx]} or {@code [mm:ss:xx]} (the colon variant some writers use for hundredths); one digit is
 *       tenths, two hundredths, three milliseconds; minutes may exceed 59 (up to 6 digits), seconds may not. Several
 *       tags repeat the line at each time ({@code [00:12.00][00:45.50]chorus} is two lines);</li>
 *   <li>header tags {@code [key:value]} with a lower-case key: {@code ar} (artist), {@code ti} (title), {@code al}
 *       (album), {@code au}, {@code by}, {@code length}, {@code re}, {@code ve}, {@code tool}, {@code la} /
 *       {@code lang} (language, stored as {@code la}) and {@code offset}; {@code [#:…]} is a comment; other keys are
 *       ignored and counted;</li>
 *   <li>{@code [offset:±N]} is milliseconds, positive shows the lyrics sooner; it is <em>carried</em> in
 *       {@link Lyrics#offsetMs()} (OpenSubsonic's {@code offset} has the same meaning), not applied to the times;
 *       </li>
 *   <li>word timings {@code <mm:ss.xx>word} inside a line become {@link WordCue}s; a last {@code <mm:ss.xx>} with
 *       nothing after it is the end of the last word;</li>
 *   <li>lines out of order are sorted by time, stably (equal times keep file order); a time tag with no text is kept
 *       as an empty line (an instrumental gap); untimed lines in a timed file are ignored and counted;</li>
 *   <li>text with no time tag at all is unsynced lyrics: its lines (header tags removed) as
 *       {@link PlainTextLyrics} would read them — so a {@code USLT} frame or a {@code LYRICS} tag holding plain text
 *       goes through here too.</li>
 * </ul>
 * Line ends LF, CRLF or CR; a leading BOM and whitespace around a line are dropped.
 */
public final class LrcParser {

    private static final String TIME = "(\\d{1,6}):([0-5]?\\d)(?:[.:](\\d{1,3}))?";
    private static final Pattern TIME_TAG = Pattern.compile(TIME);
    private static final Pattern WORD_CUE = Pattern.compile("<" + TIME + ">");
    private static final Pattern HEADER = Pattern.compile("([a-z#][a-z]*)\\s*:(.*)", Pattern.DOTALL);
    private static final Pattern OFFSET = Pattern.compile("[+-]?\\d{1,9}");
    private static final Set<String> KEPT_HEADERS = Set.of("ar", "ti", "al", "au", "by", "length", "re", "ve", "tool",
        "la", "offset");

    private LrcParser() {
    }

    private record Timed(long startMs, String text, List<WordCue> cues) {
    }

    public static ParsedLyrics parse(String text) {
        List<Timed> timed = new ArrayList<>();
        List<String> untimed = new ArrayList<>();
        Map<String, String> tags = new HashMap<>();
        int ignored = 0;
        int untimedText = 0;
        long offset = 0;
        for (String raw : TextDecoding.withoutBom(text).split("\r\n|\r|\n", -1)) {
            String line = raw.strip();
            List<Long> times = new ArrayList<>();
            int pos = 0;
            while (pos < line.length() && line.charAt(pos) == '[') {
                int close = line.indexOf(']', pos);
                if (close < 0) {
                    break;
                }
                Matcher time = TIME_TAG.matcher(line.substring(pos + 1, close).strip());
                if (!time.matches()) {
                    break;
                }
                times.add(millis(time));
                pos = close + 1;
                while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                    pos++;
                }
            }
            if (!times.isEmpty()) {
                Timed words = words(line.substring(pos));
                for (long start : times) {
                    timed.add(new Timed(start, words.text(), words.cues()));
                }
                continue;
            }
            Matcher header = HEADER.matcher(line.length() >= 2 && line.charAt(0) == '['
                && line.indexOf(']') == line.length() - 1 ? line.substring(1, line.length() - 1) : "");
            if (header.matches()) {
                String key = header.group(1).equals("lang") ? "la" : header.group(1);
                String value = header.group(2).strip();
                if (key.equals("offset")) {
                    if (OFFSET.matcher(value).matches()) {
                        offset = Long.parseLong(value);
                        tags.put(key, value);
                    } else {
                        ignored++;
                    }
                } else if (KEPT_HEADERS.contains(key)) {
                    tags.put(key, value);
                } else if (!key.equals("#")) {
                    ignored++;
                }
                continue;
            }
            untimed.add(line);
            if (!line.isEmpty()) {
                untimedText++;
            }
        }
        Optional<String> artist = Optional.ofNullable(tags.get("ar")).filter(s -> !s.isBlank());
        Optional<String> title = Optional.ofNullable(tags.get("ti")).filter(s -> !s.isBlank());
        String lang = Lyrics.language(tags.get("la"));
        if (timed.isEmpty()) {
            Lyrics lyrics = new Lyrics(lang, false, offset, artist, title, PlainTextLyrics.unsyncedLines(untimed));
            return new ParsedLyrics(lyrics, tags, ignored, List.of());
        }
        timed.sort(Comparator.comparingLong(Timed::startMs));
        List<LyricLine> lines = timed.stream()
            .map(t -> new LyricLine(OptionalLong.of(t.startMs()), t.text(), t.cues()))
            .toList();
        List<String> warnings = untimedText == 0 ? List.of()
            : List.of(untimedText + " line(s) without a time tag ignored in timed lyrics");
        return new ParsedLyrics(new Lyrics(lang, true, offset, artist, title, lines), tags, ignored + untimedText,
            warnings);
    }

    /** The text of a line without its word cues, and the cues. */
    private static Timed words(String rest) {
        Matcher cue = WORD_CUE.matcher(rest);
        StringBuilder plain = new StringBuilder();
        List<WordCue> cues = new ArrayList<>();
        long pending = -1;
        int last = 0;
        while (cue.find()) {
            String segment = rest.substring(last, cue.start());
            plain.append(segment);
            if (pending >= 0) {
                cues.add(new WordCue(pending, segment));
            }
            pending = millis(cue);
            last = cue.end();
        }
        String tail = rest.substring(last);
        plain.append(tail);
        if (pending >= 0) {
            if (!tail.isEmpty()) {
                cues.add(new WordCue(pending, tail));
            } else if (!cues.isEmpty() && pending >= cues.get(cues.size() - 1).startMs()) {
                WordCue lastWord = cues.remove(cues.size() - 1);
                cues.add(new WordCue(lastWord.startMs(), OptionalLong.of(pending), lastWord.text()));
            }
        }
        return new Timed(0, plain.toString().strip(), cues);
    }

    private static long millis(Matcher time) {
        long minutes = Long.parseLong(time.group(1));
        long seconds = Long.parseLong(time.group(2));
        String fraction = time.group(3);
        long millis = fraction == null ? 0 : switch (fraction.length()) {
            case 1 -> Long.parseLong(fraction) * 100;
            case 2 -> Long.parseLong(fraction) * 10;
            default -> Long.parseLong(fraction);
        };
        return (minutes * 60 + seconds) * 1000 + millis;
    }
}
