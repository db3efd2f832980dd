package dev.resonance.impl.library.tags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.audio.AudioFixtures;
import dev.resonance.testing.audio.CoverArt;
import dev.resonance.testing.audio.FixtureFormat;
import dev.resonance.testing.audio.FixtureTags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files tagged by another writer than our fixtures' jaudiotagger: ffmpeg's own tags (its key names, RIFF INFO
 * for WAV, NAME/AUTH chunks for AIFF, and where it puts lyrics), and ffmpeg reading back our Opus comment header (so the fixture writer is
 * checked by an independent reader, not only by ours).
 */
class FfmpegTaggedFilesTest {

    @TempDir
    static Path dir;

    private final AudioFileReader reader = new AudioFileReader();

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#containers")
    void readsTagsWrittenByFfmpeg(FormatCase c) throws Exception {
        Path file = dir.resolve("ffmpeg-" + c.name() + "." + c.fixture.extension());
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=1"));
        for (String m : List.of("title=Signal", "artist=Aurora Vale", "album=Northern Lines", "comment=From ffmpeg",
                "date=2021", "genre=Ambient", "track=3/12", "album_artist=Aurora Vale", "disc=1/2")) {
            args.add("-metadata");
            args.add(m);
        }
        if (c.fixture == FixtureFormat.AIFF) {
            args.addAll(List.of("-metadata", "author=Aurora Vale")); // ffmpeg's AIFF muxer writes AUTH from "author"
        }
        encode(c.fixture, args, file);

        AudioTags tags = reader.read(file);

        assertThat(tags.title()).contains("Signal");
        assertThat(tags.performers()).containsExactly("Aurora Vale");
        assertThat(tags.durationMillis()).isBetween(950L, 1050L);
        if (c.fixture != FixtureFormat.AIFF) { // AIFF text chunks: title, author, comment only
            assertThat(tags.album()).contains("Northern Lines");
            assertThat(tags.date()).contains("2021");
            assertThat(tags.genres()).containsExactly("Ambient");
            assertThat(tags.trackNumber()).contains(3);
        }
        if (c.fixture != FixtureFormat.WAV && c.fixture != FixtureFormat.AIFF) {
            assertThat(tags.albumArtists()).containsExactly("Aurora Vale");
            assertThat(tags.trackTotal()).contains(12);
            assertThat(tags.discNumber()).contains(1);
        }
        assertThat(tags.comment()).contains("From ffmpeg");
    }

    /**
     * What ffmpeg 4.4 makes of {@code -metadata lyrics=}: a LYRICS comment in FLAC, Ogg and Opus, {@code ©lyr} in M4A, and
     * in MP3 a TXXX frame described "USLT" (not a USLT frame), which we keep as USLT lyrics without a language.
     */
    @ParameterizedTest
    @EnumSource(value = FixtureFormat.class, names = {"MP3", "FLAC", "OGG_VORBIS", "OPUS", "M4A_AAC"})
    void keepsTheLyricsFfmpegWrites(FixtureFormat format) throws Exception {
        String lrc = "[00:01.00]Hello\n[00:02.50]Grüße — 歌";
        Path file = dir.resolve("ffmpeg-lyrics-" + format.name() + "." + format.extension());
        encode(format, new ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-metadata", "title=Sung",
                "-metadata", "lyrics=" + lrc, "-metadata", "UNSYNCEDLYRICS=Plain words")), file);

        AudioTags tags = reader.read(file);

        List<EmbeddedLyrics> expected = switch (format) {
            case MP3 -> List.of(lyrics(EmbeddedLyrics.Kind.ID3_USLT, lrc), lyrics(EmbeddedLyrics.Kind.ID3_USLT, "Plain words"));
            case M4A_AAC -> List.of(lyrics(EmbeddedLyrics.Kind.MP4_LYR, lrc)); // the iPod muxer writes known atoms only
            default -> List.of(lyrics(EmbeddedLyrics.Kind.VORBIS_LYRICS, lrc), lyrics(EmbeddedLyrics.Kind.VORBIS_UNSYNCEDLYRICS, "Plain words"));
        };
        assertThat(tags.lyrics()).containsExactlyElementsOf(expected);
        assertThat(tags.hasLyrics()).isTrue();
        assertThat(tags.title()).contains("Sung");
    }

    private static EmbeddedLyrics lyrics(EmbeddedLyrics.Kind kind, String text) {
        return new EmbeddedLyrics(kind, "", "", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Encodes what {@code args} (input and metadata) describe as {@code format} into {@code file}. */
    private static void encode(FixtureFormat format, List<String> args, Path file) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("-ac", "2"));
        all.addAll(switch (format) {
            case MP3 -> List.of("-c:a", "libmp3lame", "-f", "mp3");
            case FLAC -> List.of("-c:a", "flac", "-f", "flac");
            case OGG_VORBIS -> List.of("-c:a", "libvorbis", "-f", "ogg");
            case OPUS -> List.of("-c:a", "libopus", "-f", "opus");
            case M4A_AAC -> List.of("-c:a", "aac", "-f", "ipod");
            case M4A_ALAC -> List.of("-c:a", "alac", "-f", "ipod");
            case WAV -> List.of("-c:a", "pcm_s16le", "-f", "wav");
            case AIFF -> List.of("-c:a", "pcm_s16be", "-f", "aiff");
        });
        all.add(file.toString());
        Ffmpeg.run(all);
    }

    @Test
    void ffmpegReadsTheOpusCommentHeaderOurFixturesWrite() throws Exception {
        Path opus = AudioFixtures.create(FixtureFormat.OPUS)
                .tags(FixtureTags.builder().title("Checked").artists("A", "B").cover(CoverArt.png()).build())
                .name("checked").writeTo(dir);
        Path metadata = dir.resolve("checked.txt");
        Path cover = dir.resolve("checked-cover.png");

        Ffmpeg.run("-i", opus.toString(), "-map_metadata", "0:s:a:0", "-f", "ffmetadata", metadata.toString());
        Ffmpeg.run("-i", opus.toString(), "-map", "0:v", "-c", "copy", "-f", "image2", cover.toString());
        Ffmpeg.run("-v", "error", "-i", opus.toString(), "-map", "0:a", "-f", "null", "-");

        assertThat(Files.readString(metadata)).contains("TITLE=Checked").contains("ARTIST=A\\;B");
        assertThat(Files.readAllBytes(cover)).isEqualTo(reader.embeddedPicture(opus).orElseThrow().data());
    }
}
