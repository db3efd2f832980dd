package dev.resonance.plugin.lyrics.formats;

import static dev.resonance.plugin.lyrics.formats.FrameBytes.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import org.junit.jupiter.api.Test;

class UsltDecoderTest {

    @Test
    void plainTextIsUnsyncedInTheFramesLanguage() {
        byte[] body = frame().bytes(0).iso("fra").iso("desc").bytes(0).iso("Un\nDeux\n").build();

        ParsedLyrics parsed = UsltDecoder.decode(body);

        assertThat(parsed.lyrics().synced()).isFalse();
        assertThat(parsed.lyrics().lang()).isEqualTo("fra");
        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.plain("Un"), LyricLine.plain("Deux"));
        assertThat(parsed.tags()).containsEntry("descriptor", "desc");
    }

    @Test
    void lrcTextIsSyncedAndItsLanguageWins() {
        byte[] body = frame().bytes(3).iso("eng").bytes(0)
            .utf8("[la:pt]\n[00:02.00]dois\n[00:01.00]um").bytes(0).build();

        ParsedLyrics parsed = UsltDecoder.decode(body);

        assertThat(parsed.lyrics().lang()).isEqualTo("pt");
        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.timed(1_000, "um"),
            LyricLine.timed(2_000, "dois"));
    }

    @Test
    void utf16WithBomInDescriptorAndText() {
        byte[] body = frame().bytes(1).iso("eng")
            .bytes(0xFF, 0xFE).utf16le("d").bytes(0, 0)
            .bytes(0xFE, 0xFF).utf16be("Zeile").build();

        ParsedLyrics parsed = UsltDecoder.decode(body);

        assertThat(parsed.tags()).containsEntry("descriptor", "d");
        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.plain("Zeile"));
    }

    @Test
    void truncatedHeadersAreClearErrors() {
        assertThatThrownBy(() -> UsltDecoder.decode(new byte[] {0, 'e'}))
            .isInstanceOf(MalformedLyricsException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> UsltDecoder.decode(frame().bytes(1).iso("eng").bytes(0xFF, 0xFE, 'a').build()))
            .hasMessageContaining("not terminated");
    }
}
