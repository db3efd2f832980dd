package dev.resonance.impl.library.tags;

import static dev.resonance.impl.library.tags.Id3Bytes.frame22;
import static dev.resonance.impl.library.tags.Id3Bytes.frame23;
import static dev.resonance.impl.library.tags.Id3Bytes.tag;
import static dev.resonance.impl.library.tags.Id3Bytes.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.testing.audio.AudioFixtures;
import dev.resonance.testing.audio.FixtureFormat;
import dev.resonance.testing.audio.FixtureTags;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ID3 tags the fast parser leaves to jaudiotagger (ID3v2.2, unsynchronisation) and ID3v1 still read. */
class Id3FallbackTest {

    @TempDir
    Path dir;

    private final AudioFileReader reader = new AudioFileReader();

    @Test
    void id3v22TagIsReadByTheFullParser() throws Exception {
        Path file = mp3WithTag(tag(2, 0, frame22("TT2", text("Old Title")), frame22("TP1", text("Old Artist")), frame22("TRK", text("4/9"))));

        AudioTags tags = reader.read(file);

        assertThat(tags.title()).contains("Old Title");
        assertThat(tags.performers()).containsExactly("Old Artist");
        assertThat(tags.trackNumber()).contains(4);
        assertThat(tags.trackTotal()).contains(9);
    }

    @Test
    void unsynchronisedId3v23TagIsReadByTheFullParser() throws Exception {
        Path file = mp3WithTag(tag(3, 0x80, frame23("TIT2", 0, text("Unsynced")), frame23("TPE1", 0, text("Someone"))));

        AudioTags tags = reader.read(file);

        assertThat(tags.title()).contains("Unsynced");
        assertThat(tags.performers()).containsExactly("Someone");
    }

    @Test
    void id3v1IsUsedWhenThereIsNoId3v2Tag() throws Exception {
        byte[] v1 = new byte[128];
        put(v1, 0, "TAG");
        put(v1, 3, "V1 Title");
        put(v1, 33, "V1 Artist");
        put(v1, 63, "V1 Album");
        put(v1, 93, "1994");
        v1[126] = 7;
        v1[127] = 17;
        byte[] audio = untaggedMp3();
        byte[] bytes = Arrays.copyOf(audio, audio.length + 128);
        System.arraycopy(v1, 0, bytes, audio.length, 128);
        Path file = Files.write(dir.resolve("v1.mp3"), bytes);

        AudioTags tags = reader.read(file);

        assertThat(tags.title()).contains("V1 Title");
        assertThat(tags.performers()).containsExactly("V1 Artist");
        assertThat(tags.album()).contains("V1 Album");
        assertThat(tags.date()).contains("1994");
        assertThat(tags.trackNumber()).contains(7);
        assertThat(tags.genres()).containsExactly("Rock");
        assertThat(tags.durationMillis()).isBetween(950L, 1050L);
    }

    private byte[] untaggedMp3() throws Exception {
        byte[] bytes = Files.readAllBytes(AudioFixtures.create(FixtureFormat.MP3).tags(FixtureTags.none()).writeTo(dir));
        long tag = Id3Tags.tagLength(ByteBuffer.wrap(bytes));
        return tag > 0 ? Arrays.copyOfRange(bytes, (int) tag, bytes.length) : bytes;
    }

    private Path mp3WithTag(byte[] tag) throws Exception {
        byte[] audio = untaggedMp3();
        byte[] bytes = Arrays.copyOf(tag, tag.length + audio.length);
        System.arraycopy(audio, 0, bytes, tag.length, audio.length);
        return Files.write(Files.createTempFile(dir, "fallback", ".mp3"), bytes);
    }

    private static void put(byte[] target, int offset, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, target, offset, b.length);
    }
}
