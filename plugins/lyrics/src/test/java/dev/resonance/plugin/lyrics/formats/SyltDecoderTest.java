package dev.resonance.plugin.lyrics.formats;

import static dev.resonance.plugin.lyrics.formats.FrameBytes.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import dev.resonance.api.lyrics.WordCue;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyltDecoderTest {

    private static final int ISO = 0;
    private static final int UTF16_BOM = 1;
    private static final int UTF16_BE = 2;
    private static final int UTF8 = 3;
    private static final int MPEG_FRAMES = 1;
    private static final int MILLISECONDS = 2;
    private static final int LYRICS = 1;

    private static FrameBytes header(int encoding, String lang, int format) {
        return frame().bytes(encoding).iso(lang).bytes(format, LYRICS);
    }

    @Test
    void isoLatin1LinePerEntry() {
        byte[] body = header(ISO, "eng", MILLISECONDS).iso("desc").bytes(0)
            .iso("Caf\u00e9 line").bytes(0).stamp(1_000)
            .iso("second").bytes(0).stamp(2_500).build();

        ParsedLyrics parsed = SyltDecoder.decode(body);

        assertThat(parsed.lyrics().lang()).isEqualTo("eng");
        assertThat(parsed.lyrics().synced()).isTrue();
        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.timed(1_000, "Café line"),
            LyricLine.timed(2_500, "second"));
        assertThat(parsed.tags()).containsEntry("descriptor", "desc").containsEntry("contentType", "1");
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void utf8SyllablesWithLeadingNewlinesBuildLinesAndKeepTheChunksAsCues() {
        byte[] body = header(UTF8, "jpn", MILLISECONDS).bytes(0)
            .utf8("さく").bytes(0).stamp(1_000)
            .utf8("ら").bytes(0).stamp(1_400)
            .utf8("\nはな").bytes(0).stamp(3_000)
            .utf8(" ♪").bytes(0).stamp(3_600).build();

        Lyrics lyrics = SyltDecoder.decode(body).lyrics();

        assertThat(lyrics.lines()).hasSize(2);
        assertThat(lyrics.lines().get(0).startMs()).hasValue(1_000);
        assertThat(lyrics.lines().get(0).text()).isEqualTo("さくら");
        assertThat(lyrics.lines().get(0).cues()).containsExactly(new WordCue(1_000, "さく"), new WordCue(1_400, "ら"));
        assertThat(lyrics.lines().get(1).text()).isEqualTo("はな ♪");
        assertThat(lyrics.lines().get(1).cues()).containsExactly(new WordCue(3_000, "はな"), new WordCue(3_600, " ♪"));
    }

    @Test
    void utf16WithABomPerChunkInEitherByteOrder() {
        byte[] body = header(UTF16_BOM, "eng", MILLISECONDS)
            .bytes(0xFF, 0xFE).utf16le("d").bytes(0, 0)
            .bytes(0xFF, 0xFE).utf16le("Little é").bytes(0, 0).stamp(500)
            .bytes(0xFE, 0xFF).utf16be("Big ü").bytes(0, 0).stamp(900).build();

        ParsedLyrics parsed = SyltDecoder.decode(body);

        assertThat(parsed.tags()).containsEntry("descriptor", "d");
        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.timed(500, "Little é"),
            LyricLine.timed(900, "Big ü"));
    }

    @Test
    void utf16ChunkWithoutBomUsesTheLastBomSeen() {
        byte[] body = header(UTF16_BOM, "eng", MILLISECONDS)
            .bytes(0xFF, 0xFE).bytes(0, 0)
            .utf16le("no bom").bytes(0, 0).stamp(10).build();

        assertThat(SyltDecoder.decode(body).lyrics().lines()).containsExactly(LyricLine.timed(10, "no bom"));
    }

    @Test
    void utf16BigEndianWithoutBom() {
        byte[] body = header(UTF16_BE, "deu", MILLISECONDS).utf16be("Ü").bytes(0, 0)
            .utf16be("Grüße").bytes(0, 0).stamp(0x01_02_03_04L).build();

        ParsedLyrics parsed = SyltDecoder.decode(body);

        assertThat(parsed.tags()).containsEntry("descriptor", "Ü");
        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.timed(0x01_02_03_04L, "Grüße"));
    }

    @Test
    void utf16TerminatorIsTwoZeroBytesAtAnEvenDistance() {
        // 01 00 00 01 holds 00 00 at an odd distance from the string's start: not a terminator
        byte[] body = header(UTF16_BE, "eng", MILLISECONDS).bytes(0, 0)
            .bytes(0x01, 0x00, 0x00, 0x01).bytes(0, 0).stamp(7).build();

        assertThat(SyltDecoder.decode(body).lyrics().lines()).containsExactly(LyricLine.timed(7, "\u0100\u0001"));
    }

    @Test
    void emptyDescriptorAndTimestampAtTheUnsigned32BitMaximum() {
        byte[] body = header(ISO, "eng", MILLISECONDS).bytes(0).iso("end").bytes(0).stamp(0xFFFF_FFFFL).build();
        assertThat(SyltDecoder.decode(body).lyrics().lines()).containsExactly(LyricLine.timed(0xFFFF_FFFFL, "end"));
        assertThat(SyltDecoder.decode(body).tags()).containsEntry("descriptor", "");
    }

    @Test
    void outOfOrderTimestampsAreSortedStably() {
        byte[] body = header(ISO, "eng", MILLISECONDS).bytes(0)
            .iso("c").bytes(0).stamp(3_000)
            .iso("a").bytes(0).stamp(1_000)
            .iso("b1").bytes(0).stamp(2_000)
            .iso("b2").bytes(0).stamp(2_000).build();

        assertThat(SyltDecoder.decode(body).lyrics().lines()).extracting(LyricLine::text)
            .containsExactly("a", "b1", "b2", "c");
    }

    @Test
    void aLineOfSyllablesStartsAtItsEarliestSyllable() {
        byte[] body = header(ISO, "eng", MILLISECONDS).bytes(0)
            .iso("\nla").bytes(0).stamp(5_000)
            .iso("la").bytes(0).stamp(4_000)
            .iso("\nnext").bytes(0).stamp(1_000).build();

        Lyrics lyrics = SyltDecoder.decode(body).lyrics();

        assertThat(lyrics.lines()).extracting(LyricLine::text).containsExactly("next", "lala");
        assertThat(lyrics.lines().get(1).startMs()).hasValue(4_000);
    }

    @Test
    void truncatedEntryKeepsWhatCameBeforeAndSaysSo() {
        byte[] whole = header(ISO, "eng", MILLISECONDS).bytes(0)
            .iso("one").bytes(0).stamp(100)
            .iso("two").bytes(0).stamp(200).build();

        for (int cut = whole.length - 1; cut > whole.length - 8; cut--) {
            ParsedLyrics parsed = SyltDecoder.decode(Arrays.copyOf(whole, cut));
            assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.timed(100, "one"));
            assertThat(parsed.warnings()).singleElement().asString().contains("truncated after 1 entries");
        }
    }

    @Test
    void oddByteCountInUtf16IsATruncationNotACrash() {
        byte[] body = header(UTF16_BE, "eng", MILLISECONDS).bytes(0, 0)
            .utf16be("ok").bytes(0, 0).stamp(1)
            .bytes(0, 'x', 0).build();

        ParsedLyrics parsed = SyltDecoder.decode(body);

        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.timed(1, "ok"));
        assertThat(parsed.warnings()).singleElement().asString().contains("without its terminator");
    }

    @Test
    void brokenHeadersAreClearErrors() {
        assertThatThrownBy(() -> SyltDecoder.decode(new byte[] {0, 'e', 'n'}))
            .isInstanceOf(MalformedLyricsException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> SyltDecoder.decode(header(7, "eng", MILLISECONDS).bytes(0).build()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encoding 7");
        assertThatThrownBy(() -> SyltDecoder.decode(header(ISO, "eng", 3).bytes(0).build()))
            .hasMessageContaining("time stamp format 3");
        assertThatThrownBy(() -> SyltDecoder.decode(header(ISO, "eng", MILLISECONDS).iso("desc").build()))
            .hasMessageContaining("descriptor is not terminated");
    }

    @Test
    void mpegFrameTimestampsWithoutAConverterAreUnsyncedWithAReason() {
        byte[] body = header(ISO, "XXX", MPEG_FRAMES).bytes(0)
            .iso("b").bytes(0).stamp(90)
            .iso("a").bytes(0).stamp(10).build();

        ParsedLyrics parsed = SyltDecoder.decode(body);

        assertThat(parsed.lyrics().synced()).isFalse();
        assertThat(parsed.lyrics().lang()).isEqualTo("xxx");
        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.plain("b"), LyricLine.plain("a"));
        assertThat(parsed.warnings()).singleElement().asString().contains("MPEG frames");
    }

    @Test
    void mpegFrameTimestampsWithAConverterAreSynced() {
        byte[] body = header(ISO, "eng", MPEG_FRAMES).bytes(0).iso("a").bytes(0).stamp(100).build();
        // MPEG-1 Layer III at 44.1 kHz: 1152 samples per frame
        ParsedLyrics parsed = SyltDecoder.decode(body, Optional.of(frames -> frames * 1152 * 1000 / 44_100));

        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.timed(2_612, "a"));
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void frameWithoutEntriesIsEmptySyncedLyrics() {
        ParsedLyrics parsed = SyltDecoder.decode(header(UTF8, "eng", MILLISECONDS).bytes(0).build());
        assertThat(parsed.lyrics().lines()).isEmpty();
        assertThat(parsed.warnings()).isEmpty();
    }
}
