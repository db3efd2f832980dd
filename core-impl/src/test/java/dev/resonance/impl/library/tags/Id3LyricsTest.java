package dev.resonance.impl.library.tags;

import static dev.resonance.impl.library.tags.Id3Bytes.frame22;
import static dev.resonance.impl.library.tags.Id3Bytes.frame23;
import static dev.resonance.impl.library.tags.Id3Bytes.frame24;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.EmbeddedLyrics.Kind;
import dev.resonance.impl.library.tags.Id3Bytes.Entry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lyrics frames in hand-built ID3 tags (what ffmpeg cannot write: SYLT, several USLT languages, UTF-16 with BOM), the
 * same frames in every layout a tag may have: those the fast parser reads (ID3v2.3, 2.4, compressed frames) and those
 * it leaves to jaudiotagger and {@link Id3Lyrics#read} (ID3v2.2, an unsynchronised ID3v2.3 tag, unsynchronised ID3v2.4
 * frames). Both paths must keep the same entries, in file order, a SYLT body byte for byte.
 */
class Id3LyricsTest {

    @TempDir
    Path dir;

    private final AudioFileReader reader = new AudioFileReader();

    private static final Map<String, String> V22_IDS = Map.of("TIT2", "TT2", "USLT", "ULT", "SYLT", "SLT", "TXXX", "TXX");

    /** How a tag is laid out: its frames, given by ID3v2.3/2.4 id and body, made into a whole tag. */
    enum Layout {
        V24((id, body) -> frame24(id, 0, body), frames -> Id3Bytes.tag(4, 0, frames)),
        V23((id, body) -> frame23(id, 0, body), frames -> Id3Bytes.tag(3, 0, frames)),
        V24_COMPRESSED(Id3Bytes::compressedFrame24, frames -> Id3Bytes.tag(4, 0, frames)),
        V23_COMPRESSED((id, body) -> Id3Bytes.compressedFrame23(id, body, -1), frames -> Id3Bytes.tag(3, 0, frames)),
        V24_FRAMES_UNSYNCHRONISED(Id3Bytes::unsynchronisedFrame24, frames -> Id3Bytes.tag(4, 0, frames)),
        V23_UNSYNCHRONISED((id, body) -> frame23(id, 0, body), frames -> Id3Bytes.unsynchronisedTag(3, frames)),
        V22((id, body) -> frame22(V22_IDS.get(id), body), frames -> Id3Bytes.tag(2, 0, frames)),
        V22_UNSYNCHRONISED((id, body) -> frame22(V22_IDS.get(id), body), frames -> Id3Bytes.unsynchronisedTag(2, frames));

        private final BiFunction<String, byte[], byte[]> frame;
        private final java.util.function.Function<byte[][], byte[]> tag;

        Layout(BiFunction<String, byte[], byte[]> frame, java.util.function.Function<byte[][], byte[]> tag) {
            this.frame = frame;
            this.tag = tag;
        }

        /** A tag of {@code frames}: id, body, id, body, ... */
        byte[] tag(Object... frames) {
            byte[][] built = new byte[frames.length / 2][];
            for (int i = 0; i < frames.length; i += 2) {
                built[i / 2] = frame.apply((String) frames[i], (byte[]) frames[i + 1]);
            }
            return tag.apply(built);
        }
    }

    /** UTF-16 with a BOM, time stamps with 0xFF bytes: unsynchronisation changes this body, the reader must undo it. */
    private static final byte[] SYLT_UTF16 = Id3Bytes.sylt(1, "deu", "Karaoke", new Entry("Hallo ", 1_000), new Entry("Welt ÿ", 0x00FF_E0FF),
            new Entry("歌", 0x7FFF_FFFF));
    private static final byte[] SYLT_LATIN1 = Id3Bytes.sylt(0, "eng", "", new Entry("One", 500), new Entry("Two", 1_500));

    @ParameterizedTest
    @EnumSource(Layout.class)
    void everyLyricsFrameIsKeptInFileOrder(Layout layout) throws Exception {
        byte[] tag = layout.tag(
                "TIT2", Id3Bytes.text("Sung"),
                "USLT", Id3Bytes.uslt(0, "eng", "", "[00:01.00]English words\n[00:02.00]More"),
                "SYLT", SYLT_UTF16,
                "USLT", Id3Bytes.uslt(1, "fra", "Paroles ÿ", "Des mots — ÿ"),
                "TXXX", txxx("LYRICS", "From a TXXX frame"),
                "TXXX", txxx("MOOD", "calm"),
                "USLT", Id3Bytes.uslt(3, "XXX", "", "   "), // blank: no lyrics
                "SYLT", SYLT_LATIN1);

        AudioTags tags = read(tag);

        assertThat(tags.title()).contains("Sung");
        assertThat(tags.lyrics()).containsExactly(
                text(Kind.ID3_USLT, "eng", "", "[00:01.00]English words\n[00:02.00]More"),
                new EmbeddedLyrics(Kind.ID3_SYLT, "deu", "Karaoke", SYLT_UTF16),
                text(Kind.ID3_USLT, "fra", "Paroles ÿ", "Des mots — ÿ"),
                text(Kind.ID3_USLT, "", "", "From a TXXX frame"),
                new EmbeddedLyrics(Kind.ID3_SYLT, "eng", "", SYLT_LATIN1));
        assertThat(tags.hasLyrics()).isTrue();
        assertThat(tags.warnings()).isEmpty();
    }

    /** Not for compressed frames: one that inflates past the bound the tag's size sets is skipped before it is measured. */
    @ParameterizedTest
    @EnumSource(value = Layout.class, mode = EnumSource.Mode.EXCLUDE, names = {"V24_COMPRESSED", "V23_COMPRESSED"})
    void aLyricsFrameOverTheCapIsLeftOutWithAWarningAndTheOthersKept(Layout layout) throws Exception {
        String huge = "la ".repeat(100_000); // 300,000 bytes
        byte[] tag = layout.tag(
                "USLT", Id3Bytes.uslt(0, "eng", "", huge),
                "TIT2", Id3Bytes.text("Still read"),
                "USLT", Id3Bytes.uslt(0, "deu", "", "Kurz"));

        AudioTags tags = read(tag);

        assertThat(tags.lyrics()).containsExactly(text(Kind.ID3_USLT, "deu", "", "Kurz"));
        assertThat(tags.warnings()).singleElement().asString().contains("lyrics left out", "ID3_USLT", "300000 bytes", "256 KiB");
        assertThat(tags.title()).contains("Still read");
    }

    @ParameterizedTest
    @EnumSource(value = Layout.class, mode = EnumSource.Mode.EXCLUDE, names = {"V24_COMPRESSED", "V23_COMPRESSED"})
    void aFileKeepsAtMostSixteenEntriesAndOneMebibyteOfLyrics(Layout layout) throws Exception {
        Object[] many = new Object[2 * 20];
        Object[] large = new Object[2 * 5];
        for (int i = 0; i < 20; i++) {
            many[2 * i] = "USLT";
            many[2 * i + 1] = Id3Bytes.uslt(0, "eng", "verse " + i, "Line " + i);
        }
        for (int i = 0; i < 5; i++) {
            large[2 * i] = "USLT";
            large[2 * i + 1] = Id3Bytes.uslt(0, "eng", "", Character.toString('a' + i).repeat(250 << 10));
        }

        AudioTags fromMany = read(layout.tag(many));
        AudioTags fromLarge = read(layout.tag(large));

        assertThat(fromMany.lyrics()).hasSize(16).last().satisfies(l -> assertThat(l.description()).isEqualTo("verse 15"));
        assertThat(fromMany.warnings()).hasSize(4).allSatisfy(w -> assertThat(w).contains("at most 16 entries"));
        assertThat(fromLarge.lyrics()).hasSize(4).extracting(l -> l.data()[0]).containsExactly((byte) 'a', (byte) 'b', (byte) 'c', (byte) 'd');
        assertThat(fromLarge.warnings()).singleElement().asString().contains("1 MiB");
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aTagWithoutLyricsHasNone(Layout layout) throws Exception {
        AudioTags tags = read(layout.tag("TIT2", Id3Bytes.text("Instrumental"), "TXXX", txxx("MOOD", "calm")));

        assertThat(tags.title()).contains("Instrumental");
        assertThat(tags.lyrics()).isEmpty();
        assertThat(tags.hasLyrics()).isFalse();
    }

    private AudioTags read(byte[] tag) throws Exception {
        Path file = Files.write(Files.createTempFile(dir, "lyrics", ".mp3"), Id3Bytes.mp3(tag));
        return reader.read(file);
    }

    private static EmbeddedLyrics text(Kind kind, String language, String description, String text) {
        return new EmbeddedLyrics(kind, language, description, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A TXXX body: ISO-8859-1, description, value. */
    private static byte[] txxx(String description, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(description.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        out.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
