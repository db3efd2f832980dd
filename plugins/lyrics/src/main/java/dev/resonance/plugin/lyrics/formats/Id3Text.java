package dev.resonance.plugin.lyrics.formats;

import java.nio.charset.StandardCharsets;

/**
 * The strings of one ID3v2 text-bearing frame, in the frame's text encoding (ID3v2.4 §4.2; v2.3 knows 0 and 1):
 * 0 ISO-8859-1 and 3 UTF-8 end with {@code 00}; 1 UTF-16 with BOM and 2 UTF-16BE end with {@code 00 00} at an even
 * distance from the string's start. In encoding 1 each string may carry its own BOM; a string without one is read in
 * the byte order of the last BOM seen in the frame, big-endian before any (Unicode's default). A UTF-16BE string
 * that starts with a BOM anyway has it honoured and dropped; a UTF-8 BOM is dropped. Malformed bytes decode to U+FFFD;
 * an odd trailing byte in UTF-16 too.
 */
final class Id3Text {

    private final int encoding;
    private boolean littleEndian;

    Id3Text(int encoding) {
        if (encoding < 0 || encoding > 3) {
            throw new MalformedLyricsException("unknown ID3 text encoding " + encoding + " (0 to 3 are defined)");
        }
        this.encoding = encoding;
    }

    /** Bytes of the terminator: 2 in UTF-16, 1 otherwise. */
    int terminatorLength() {
        return encoding == 1 || encoding == 2 ? 2 : 1;
    }

    /** Where the string starting at {@code from} ends (its terminator), or -1 when it is not terminated. */
    int end(byte[] bytes, int from) {
        if (terminatorLength() == 2) {
            for (int i = from; i + 1 < bytes.length; i += 2) {
                if (bytes[i] == 0 && bytes[i + 1] == 0) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    String decode(byte[] bytes, int from, int to) {
        return switch (encoding) {
            case 0 -> new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
            case 3 -> TextDecoding.withoutBom(new String(bytes, from, to - from, StandardCharsets.UTF_8));
            default -> utf16(bytes, from, to);
        };
    }

    private String utf16(byte[] bytes, int from, int to) {
        boolean little = encoding == 1 && littleEndian;
        if (to - from >= 2) {
            int first = bytes[from] & 0xFF;
            int second = bytes[from + 1] & 0xFF;
            if (first == 0xFF && second == 0xFE || first == 0xFE && second == 0xFF) {
                little = first == 0xFF;
                if (encoding == 1) {
                    littleEndian = little;
                }
                from += 2;
            }
        }
        return new String(bytes, from, to - from, little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
    }
}
