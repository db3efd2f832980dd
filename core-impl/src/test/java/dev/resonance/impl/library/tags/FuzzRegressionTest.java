package dev.resonance.impl.library.tags;

import static dev.resonance.impl.library.tags.Id3Bytes.compressedFrame23;
import static dev.resonance.impl.library.tags.Id3Bytes.frame23;
import static dev.resonance.impl.library.tags.Id3Bytes.mp3;
import static dev.resonance.impl.library.tags.Id3Bytes.tag;
import static dev.resonance.impl.library.tags.Id3Bytes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs {@link TagReaderFuzzTest} found, rebuilt by hand as the smallest files that show the defect. */
class FuzzRegressionTest {

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final AudioFileReader reader = new AudioFileReader();

    static byte[] box(String type, byte[]... children) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] c : children) {
            content.writeBytes(c);
        }
        return sized(type, 8 + content.size(), content.toByteArray());
    }

    /** A box that declares {@code declared} bytes whatever its content. */
    static byte[] sized(String type, int declared, byte[] content) {
        return ByteBuffer.allocate(8 + content.length).putInt(declared).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(content).array();
    }

    /**
     * An iTunes title whose data box declares 16 MB in an 8 KB file: jaudiotagger allocated the 16 MB (2 GB would
     * have been an OutOfMemoryError) before it ran out of bytes. Now the moov tree is checked first.
     */
    @Test
    void anMp4DataBoxLongerThanItsParentIsRefusedBeforeJaudiotaggerAllocatesIt(@TempDir Path dir) throws Exception {
        byte[] ftyp = box("ftyp", "M4A ".getBytes(StandardCharsets.ISO_8859_1), new byte[4], "M4A mp42isom".getBytes(StandardCharsets.ISO_8859_1));
        byte[] data = sized("data", 0x0100_0000, new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 'T', 'i', 't', 'l', 'e'});
        byte[] ilst = box("ilst", box("\u00a9nam", data));
        byte[] hdlr = box("hdlr", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 'm', 'd', 'i', 'r', 'a', 'p', 'p', 'l', 0, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] meta = box("meta", new byte[4], hdlr, ilst);
        byte[] moov = box("moov", box("mvhd", new byte[100]), box("udta", meta));
        Path file = dir.resolve("damaged.m4a");
        Files.write(file, ByteBuffer.allocate(ftyp.length + moov.length).put(ftyp).put(moov).array());

        long before = THREADS.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(UnreadableAudioException.class)
                .hasMessageContaining("the data box at byte").hasMessageContaining("declares 16777216 bytes");
        assertThatThrownBy(() -> reader.embeddedPicture(file)).isInstanceOf(UnreadableAudioException.class);
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(4L << 20);
    }

    /**
     * An Opus file whose start (OpusHead page and the first bytes of the OpusTags page) is duplicated, so a comment
     * length is read from audio-side bytes: the Ogg comment reader allocated that length (33 MB for a 7 KB file, up
     * to 64 MB) before finding the packet too short. The fuzzer's input: the generated fixture and its mutation.
     */
    @Test
    void anOggCommentLongerThanTheRestOfTheFileIsRefusedBeforeItIsAllocated() throws Exception {
        byte[] original = TagReaderFuzzTest.original(FormatCase.OPUS);
        byte[] damaged = TagReaderFuzzTest.apply(original, java.util.List.of(new TagReaderFuzzTest.Op(TagReaderFuzzTest.Kind.DUPLICATE, 0.0, 192538, true)));
        Path file = Files.write(Files.createDirectories(Path.of("target", "tag-fuzz")).resolve("regression-ogg-comment.opus"), damaged);

        long before = THREADS.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(UnreadableAudioException.class).hasMessageContaining("comment header ends early");
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("bytes allocated reading %d bytes", damaged.length).isLessThan(4L << 20);
    }

    /**
     * The fuzzer's shrunk input: in the WAV fixture's ID3v2.4 chunk a frame's flags became 0xFFFF (compressed, with a
     * data length indicator read from the frame's text). The fast parser left the tag to jaudiotagger, which
     * allocated the declared uncompressed size: ~250 MB for a 55 KB file. Now compressed frames are inflated by us
     * within a bound, and jaudiotagger never sees a tag whose compressed frames declare more than it can hold.
     */
    @Test
    void aCompressedId3FrameInAWavDeclaringHundredsOfMegabytesIsNotAllocated() throws Exception {
        byte[] original = TagReaderFuzzTest.original(FormatCase.WAV);
        byte[] damaged = TagReaderFuzzTest.apply(original, java.util.List.of(new TagReaderFuzzTest.Op(TagReaderFuzzTest.Kind.SIZE_FIELD, 0.0, 1035, true)));
        Path file = Files.write(Files.createDirectories(Path.of("target", "tag-fuzz")).resolve("regression-id3-compressed.wav"), damaged);

        long before = THREADS.getCurrentThreadAllocatedBytes();
        AudioTags tags = reader.read(file);
        reader.embeddedPicture(file);
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("bytes allocated reading %d bytes", damaged.length).isLessThan(8L << 20);
        assertThat(tags.durationMillis()).isPositive();
    }

    /**
     * Hand-built: an MP3 whose ID3v2.3 tag holds a zlib-compressed TIT2 (read by the fast parser now), a TPE1 that
     * declares 2 GB uncompressed (skipped, never allocated) and a plain TALB. The same tag unsynchronised goes to
     * jaudiotagger, which is refused it (the 2 GB frame), for tags and picture alike, without allocating.
     */
    @Test
    void compressedId3v23FramesAreInflatedWithinABound(@TempDir Path dir) throws Exception {
        byte[] title = compressedFrame23("TIT2", text("Packed Title"), -1);
        byte[] bomb = compressedFrame23("TPE1", text("x"), 0x7FFF_FFFF);
        byte[] album = frame23("TALB", 0, text("Plain Album"));
        Path plain = Files.write(dir.resolve("compressed.mp3"), mp3(tag(3, 0, title, bomb, album)));
        Path unsynced = Files.write(dir.resolve("compressed-unsync.mp3"), mp3(tag(3, 0x80, title, bomb, album)));

        long before = THREADS.getCurrentThreadAllocatedBytes();
        AudioTags tags = reader.read(plain);
        AudioTags fallback = reader.read(unsynced);
        reader.embeddedPicture(plain);
        reader.embeddedPicture(unsynced);
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(8L << 20);

        assertThat(tags.title()).contains("Packed Title");
        assertThat(tags.album()).contains("Plain Album");
        assertThat(tags.performers()).isEmpty();
        assertThat(fallback.durationMillis()).isPositive();
    }
}
