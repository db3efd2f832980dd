package dev.resonance.plugin.lyrics.formats;

import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import dev.resonance.api.lyrics.WordCue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongUnaryOperator;

/**
 * The body of an ID3v2 {@code SYLT} frame (synchronised lyrics, ID3v2.3 §4.10 / v2.4 §4.9) to {@link Lyrics}.
 *
 * <p>Layout: text encoding (1 byte, see {@link Id3Text}), language (3 bytes ISO-639-2, e.g. {@code eng}; {@code XXX}
 * or anything else than letters reads as unknown), time stamp format (1: MPEG frames, 2: milliseconds), content type
 * (0 other, 1 lyrics, 2 transcription, 3 movement, 4 events, 5 chord, 6 trivia, 7 URLs, 8 images — kept in
 * {@code tags.contentType}), content descriptor (terminated string, may be empty), then entries until the end:
 * terminated text + 4-byte big-endian unsigned time stamp.
 *
 * <p><b>Lines.</b> Writers put either one line per entry or one syllable per entry with a new line marked by a
 * leading {@code \n} (or {@code \r}) in the entry's text. When some entry after the first starts with a line break the
 * entries are syllables: each break starts a line at the earliest time among its entries, the entries become its
 * {@link WordCue}s (break removed) and their texts joined its text. Otherwise every entry is a line. Lines are then
 * sorted by start, stably.
 *
 * <p><b>Errors.</b> A header too short, an unknown encoding or time format, or an unterminated descriptor throw
 * {@link MalformedLyricsException}. An entry cut short at the end (no terminator, or fewer than 4 time stamp bytes)
 * ends the read: the entries before it are kept and a warning says so. MPEG-frame time stamps need the stream's frame
 * duration: without a converter the lyrics come back unsynced, with a warning.
 */
public final class SyltDecoder {

    private static final int HEADER = 6;

    private SyltDecoder() {
    }

    private record Entry(long time, String text) {
    }

    /** Decodes a frame whose time stamps are milliseconds; MPEG-frame stamps give unsynced lyrics. */
    public static ParsedLyrics decode(byte[] body) {
        return decode(body, Optional.empty());
    }

    /**
     * @param mpegFramesToMs turns an MPEG frame count into milliseconds (frame samples × 1000 / sample rate), used
     *     only when the frame's time stamp format is 1
     */
    public static ParsedLyrics decode(byte[] body, Optional<LongUnaryOperator> mpegFramesToMs) {
        if (body.length < HEADER) {
            throw new MalformedLyricsException("SYLT frame of " + body.length
                + " bytes: its header alone is 6 (encoding, language, time stamp format, content type)");
        }
        Id3Text text = new Id3Text(body[0] & 0xFF);
        String lang = Lyrics.language(new String(body, 1, 3, StandardCharsets.ISO_8859_1));
        int format = body[4] & 0xFF;
        if (format != 1 && format != 2) {
            throw new MalformedLyricsException("SYLT time stamp format " + format
                + " is undefined (1 is MPEG frames, 2 milliseconds)");
        }
        int contentType = body[5] & 0xFF;
        int end = text.end(body, HEADER);
        if (end < 0) {
            throw new MalformedLyricsException("SYLT content descriptor is not terminated: the frame is truncated");
        }
        String descriptor = text.decode(body, HEADER, end);
        int pos = end + text.terminatorLength();

        List<Entry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        while (pos < body.length) {
            end = text.end(body, pos);
            int stamp = end + text.terminatorLength();
            if (end < 0 || stamp + 4 > body.length) {
                warnings.add("SYLT frame truncated after " + entries.size() + " entries: "
                    + (end < 0 ? "a text without its terminator" : "a time stamp cut short") + " at byte " + pos);
                break;
            }
            long time = ((body[stamp] & 0xFFL) << 24) | ((body[stamp + 1] & 0xFFL) << 16)
                | ((body[stamp + 2] & 0xFFL) << 8) | (body[stamp + 3] & 0xFFL);
            entries.add(new Entry(time, text.decode(body, pos, end)));
            pos = stamp + 4;
        }

        boolean synced = format == 2 || mpegFramesToMs.isPresent();
        if (!synced) {
            warnings.add("SYLT time stamps are MPEG frames: without the frame duration the lyrics are kept unsynced");
        } else if (format == 1) {
            LongUnaryOperator toMs = mpegFramesToMs.orElseThrow();
            entries.replaceAll(e -> new Entry(Math.max(0, toMs.applyAsLong(e.time())), e.text()));
        }
        Lyrics lyrics = new Lyrics(lang, synced, 0, Optional.empty(), Optional.empty(), lines(entries, synced));
        return new ParsedLyrics(lyrics, Map.of("descriptor", descriptor, "contentType", Integer.toString(contentType)),
            0, warnings);
    }

    private static List<LyricLine> lines(List<Entry> entries, boolean synced) {
        boolean syllables = entries.stream().skip(1).anyMatch(e -> startsLine(e.text()));
        List<LyricLine> lines = new ArrayList<>();
        if (!syllables) {
            for (Entry e : entries) {
                String line = e.text().strip();
                lines.add(synced ? LyricLine.timed(e.time(), line) : LyricLine.plain(line));
            }
        } else {
            StringBuilder line = null;
            List<WordCue> cues = new ArrayList<>();
            long start = 0;
            for (Entry e : entries) {
                if (line == null || startsLine(e.text())) {
                    if (line != null) {
                        lines.add(line(start, line, cues, synced));
                    }
                    line = new StringBuilder();
                    cues = new ArrayList<>();
                    start = e.time();
                }
                String word = e.text().replaceFirst("^[\r\n]+", "");
                line.append(word);
                start = Math.min(start, e.time());
                if (!word.isEmpty()) {
                    cues.add(new WordCue(e.time(), word));
                }
            }
            if (line != null) {
                lines.add(line(start, line, cues, synced));
            }
        }
        if (synced) {
            lines.sort(Comparator.comparingLong(l -> l.startMs().getAsLong()));
        }
        return lines;
    }

    private static LyricLine line(long start, StringBuilder text, List<WordCue> cues, boolean synced) {
        return synced
            ? new LyricLine(OptionalLong.of(start), text.toString().strip(), cues)
            : LyricLine.plain(text.toString().strip());
    }

    private static boolean startsLine(String text) {
        return !text.isEmpty() && (text.charAt(0) == '\n' || text.charAt(0) == '\r');
    }
}
