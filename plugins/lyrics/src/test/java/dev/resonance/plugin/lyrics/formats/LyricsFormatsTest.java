package dev.resonance.plugin.lyrics.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.plugin.lyrics.formats.LyricsFormats.Format;
import dev.resonance.api.lyrics.LyricLine;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LyricsFormatsTest {

    @Test
    void sidecarsByExtension() {
        assertThat(LyricsFormats.ofFileName("Song.LRC")).hasValue(Format.LRC);
        assertThat(LyricsFormats.ofFileName("a/b/Song.elrc")).hasValue(Format.LRC);
        assertThat(LyricsFormats.ofFileName("Song.txt")).hasValue(Format.PLAIN_TEXT);
        assertThat(LyricsFormats.ofFileName("Song.mp3")).isEmpty();
        assertThat(LyricsFormats.ofFileName("lrc")).isEmpty();
    }

    @Test
    void id3FramesById() {
        assertThat(LyricsFormats.ofId3Frame("SYLT")).hasValue(Format.ID3_SYLT);
        assertThat(LyricsFormats.ofId3Frame("ULT")).hasValue(Format.ID3_USLT);
        assertThat(LyricsFormats.ofId3Frame("TIT2")).isEmpty();
    }

    @Test
    void anLrcFileIsDecodedThenParsed() {
        byte[] latin1 = "[00:01.00]caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(LyricsFormats.parseFile("x.lrc", latin1).lyrics().lines())
            .containsExactly(LyricLine.timed(1_000, "café"));
    }

    @Test
    void aTxtFileIsPlainEvenWithTimeTags() {
        assertThat(LyricsFormats.parseFile("x.txt", "[00:01.00]a".getBytes(StandardCharsets.UTF_8)).lyrics().synced())
            .isFalse();
    }

    @Test
    void tagTextIsLrcWhenTimedAndPlainOtherwise() {
        assertThat(LyricsFormats.parseTagText("[00:01.00]a").lyrics().synced()).isTrue();
        assertThat(LyricsFormats.parseTagText("a\nb").lyrics().lines()).hasSize(2);
    }

    @Test
    void framesGoToTheirDecoders() {
        byte[] uslt = FrameBytes.frame().bytes(0).iso("eng").bytes(0).iso("words").build();
        assertThat(LyricsFormats.parseId3Frame("USLT", uslt).lyrics().lines()).containsExactly(LyricLine.plain("words"));
        byte[] sylt = FrameBytes.frame().bytes(0).iso("eng").bytes(2, 1, 0).iso("w").bytes(0).stamp(5).build();
        assertThat(LyricsFormats.parseId3Frame("SYLT", sylt).lyrics().lines()).containsExactly(LyricLine.timed(5, "w"));
    }

    @Test
    void unknownNamesAndFramesAreClearErrors() {
        assertThatThrownBy(() -> LyricsFormats.parseFile("cover.jpg", new byte[0]))
            .isInstanceOf(MalformedLyricsException.class).hasMessageContaining("cover.jpg");
        assertThatThrownBy(() -> LyricsFormats.parseId3Frame("APIC", new byte[0]))
            .isInstanceOf(MalformedLyricsException.class).hasMessageContaining("APIC");
    }
}
