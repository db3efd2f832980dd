package dev.resonance.plugin.lyrics.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecodingTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void utf8WithoutBomIsUtf8() {
        assertThat(TextDecoding.decode("[00:01.00]Amélie ♪".getBytes(StandardCharsets.UTF_8)))
            .isEqualTo("[00:01.00]Amélie ♪");
    }

    @Test
    void utf8BomIsDropped() {
        assertThat(TextDecoding.decode(bytes(0xEF, 0xBB, 0xBF, 'h', 'i'))).isEqualTo("hi");
    }

    @Test
    void utf16LittleAndBigEndianByTheirBom() {
        assertThat(TextDecoding.decode(bytes(0xFF, 0xFE, 'h', 0, 0xE9, 0))).isEqualTo("hé");
        assertThat(TextDecoding.decode(bytes(0xFE, 0xFF, 0, 'h', 0, 0xE9))).isEqualTo("hé");
    }

    @Test
    void invalidUtf8FallsBackToIso88591() {
        assertThat(TextDecoding.decode(bytes('c', 'a', 'f', 0xE9))).isEqualTo("café");
    }

    @Test
    void oddUtf16ByteCountEndsInAReplacementCharacter() {
        assertThat(TextDecoding.decode(bytes(0xFF, 0xFE, 'a', 0, 'b'))).isEqualTo("a\uFFFD");
    }

    @Test
    void emptyBytesAreEmptyText() {
        assertThat(TextDecoding.decode(new byte[0])).isEmpty();
    }
}
