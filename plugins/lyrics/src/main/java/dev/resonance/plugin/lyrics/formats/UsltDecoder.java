package dev.resonance.plugin.lyrics.formats;

import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The body of an ID3v2 {@code USLT} frame (unsynchronised lyrics, ID3v2.3 §4.9 / v2.4 §4.8): text encoding (1 byte,
 * see {@link Id3Text}), language (3 bytes), content descriptor (terminated string), lyrics text (to the end of the
 * frame; a terminator, which some writers add, ends it). The text is read by {@link LrcParser}, since taggers often
 * store LRC there: timed text gives synced lyrics, plain text unsynced. The frame's language is used unless the LRC
 * names one. A header too short, an unknown encoding or an unterminated descriptor throw
 * {@link MalformedLyricsException}.
 */
public final class UsltDecoder {

    private static final int HEADER = 4;

    private UsltDecoder() {
    }

    public static ParsedLyrics decode(byte[] body) {
        if (body.length < HEADER) {
            throw new MalformedLyricsException("USLT frame of " + body.length
                + " bytes: its header alone is 4 (encoding, language)");
        }
        Id3Text text = new Id3Text(body[0] & 0xFF);
        String frameLang = Lyrics.language(new String(body, 1, 3, StandardCharsets.ISO_8859_1));
        int end = text.end(body, HEADER);
        if (end < 0) {
            throw new MalformedLyricsException("USLT content descriptor is not terminated: the frame is truncated");
        }
        String descriptor = text.decode(body, HEADER, end);
        int from = end + text.terminatorLength();
        int to = text.end(body, from);
        ParsedLyrics parsed = LrcParser.parse(text.decode(body, from, to < 0 ? body.length : to))
            .withLanguageIfUnknown(frameLang);
        Map<String, String> tags = new HashMap<>(parsed.tags());
        tags.put("descriptor", descriptor);
        return new ParsedLyrics(parsed.lyrics(), tags, parsed.ignoredLines(), parsed.warnings());
    }
}
