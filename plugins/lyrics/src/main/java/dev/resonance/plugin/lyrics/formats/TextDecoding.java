package dev.resonance.plugin.lyrics.formats;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of a lyrics file to text. A byte order mark decides: {@code EF BB BF} UTF-8, {@code FF FE} UTF-16LE,
 * {@code FE FF} UTF-16BE (the mark is dropped). Without one the bytes are read as UTF-8; when they are not valid
 * UTF-8 they are read as ISO-8859-1, the encoding of most old LRC files from Western players, which maps every byte to
 * a character, so decoding never fails. (Windows-1252's curly quotes in 0x80–0x9F then come out as C1 controls: a
 * known, accepted loss.) A UTF-16 file with an odd byte count gets U+FFFD for its last byte.
 */
public final class TextDecoding {

    private TextDecoding() {
    }

    public static String decode(byte[] bytes) {
        int n = bytes.length;
        if (n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, n - 3, StandardCharsets.UTF_8);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, n - 2, StandardCharsets.UTF_16LE);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, n - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** {@code text} without a leading U+FEFF (a BOM that survived decoding, e.g. in a tag value). */
    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
