package dev.resonance.impl.library.tags;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoding of legacy text fields that carry no encoding (RIFF INFO, AIFF text chunks). */
final class Text {

    private Text() {
    }

    /** UTF-8 when the bytes are valid UTF-8, else ISO-8859-1; trailing NULs dropped. */
    static String decode(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        }
    }
}
