package dev.resonance.impl.library.tags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.ArtistRole;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.impl.library.tags.AudioTags.Credit;
import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.testing.audio.CoverArt;
import dev.resonance.testing.audio.FixtureTags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format, tagged the way Picard tags it (generated audio, real tags): every field reads back, normalised
 * the same way whatever the container.
 */
class AudioFileReaderFormatsTest {

    @TempDir
    static Path dir;

    private static final FixtureTags FULL = FixtureTags.full();
    private static final FixtureTags.Picture LARGE_COVER = CoverArt.noisePng(300);
    private final AudioFileReader reader = new AudioFileReader();

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void readsStreamPropertiesOfATwoAndAHalfSecondStereoTone(FormatCase c) throws Exception {
        Path file = c.fixture().seconds(2.5).tags(FULL).name("stream-" + c.name()).writeTo(dir);

        AudioTags tags = reader.read(file);

        assertThat(tags.format()).isEqualTo(c.format);
        assertThat(tags.codec()).isEqualTo(c.codec);
        assertThat(tags.durationMillis()).isCloseTo(2500L, org.assertj.core.data.Offset.offset(50L));
        assertThat(tags.sampleRate()).isEqualTo(c == FormatCase.OPUS ? 48_000 : 44_100);
        assertThat(tags.channels()).isEqualTo(2);
        assertThat(tags.bitDepth()).isEqualTo(c.lossless() ? 16 : 0);
        assertThat(tags.bitrateKbps()).isBetween(plausibleBitrate(c)[0], plausibleBitrate(c)[1]);
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void readsMonoAt48kHz(FormatCase c) throws Exception {
        Path file = c.fixture().seconds(1).channels(1).sampleRate(48_000).tags(FixtureTags.builder().title("Mono").build())
                .name("mono-" + c.name()).writeTo(dir);

        AudioTags tags = reader.read(file);

        assertThat(tags.channels()).isEqualTo(1);
        assertThat(tags.sampleRate()).isEqualTo(48_000);
        assertThat(tags.durationMillis()).isCloseTo(1000L, org.assertj.core.data.Offset.offset(50L));
        assertThat(tags.title()).contains("Mono");
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void readsTheFullPicardTagSet(FormatCase c) throws Exception {
        AudioTags tags = reader.read(c.write(dir, "full", FULL));

        assertThat(tags.title()).contains("Midnight Signal");
        assertThat(tags.titleSort()).contains("Midnight Signal");
        assertThat(tags.album()).contains("Northern Lines");
        assertThat(tags.albumSort()).contains("Northern Lines");
        assertThat(tags.albumVersion()).contains("Deluxe Edition");
        assertThat(tags.albumArtists()).containsExactly("Aurora Vale");
        assertThat(tags.albumArtistSort()).contains("Vale, Aurora");
        assertThat(tags.artistSort()).contains("Vale, Aurora");
        assertThat(tags.artists()).containsExactly(
                new Credit("Aurora Vale", ArtistRole.PERFORMER),
                new Credit("Dex Marlow", ArtistRole.PERFORMER),
                new Credit("Ines Berg", ArtistRole.COMPOSER),
                new Credit("Tom Ashby", ArtistRole.LYRICIST),
                new Credit("Kai Remix", ArtistRole.REMIXER),
                new Credit("Lena Marsh", ArtistRole.CONDUCTOR),
                new Credit("Olu Grant", ArtistRole.ARRANGER),
                new Credit("Max Field", ArtistRole.PRODUCER));
        assertThat(tags.performers()).containsExactly("Aurora Vale", "Dex Marlow");
        assertThat(tags.trackNumber()).contains(3);
        assertThat(tags.trackTotal()).contains(12);
        assertThat(tags.discNumber()).contains(1);
        assertThat(tags.discTotal()).contains(2);
        assertThat(tags.date()).contains("2021-03-04");
        assertThat(tags.year()).contains(2021);
        // ID3v2.3 has only TORY, a year
        assertThat(tags.originalDate()).contains(c == FormatCase.MP3_ID3V23 ? "1999" : "1999-10-01");
        assertThat(tags.genres()).containsExactly("Electronic", "Ambient");
        assertThat(tags.label()).contains("Polar Records");
        assertThat(tags.compilation()).isFalse();
        assertThat(tags.replayGainTrackGain()).contains(-6.5);
        assertThat(tags.replayGainTrackPeak()).contains(0.988547);
        assertThat(tags.replayGainAlbumGain()).contains(-7.25);
        assertThat(tags.replayGainAlbumPeak()).contains(1.0);
        assertThat(tags.bpm()).contains(128.0);
        assertThat(tags.isrc()).contains("GBAYE0601498");
        assertThat(tags.comment()).contains("Recorded live to tape");
        assertThat(tags.lyrics()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(c.lyricsKind());
            assertThat(new String(l.data(), StandardCharsets.UTF_8)).isEqualTo(FULL.lyrics());
            assertThat(l.description()).isEmpty();
            // as written: jaudiotagger (our fixtures' ID3 writer) declares three spaces; the other formats have no language
            assertThat(l.language()).isEqualTo(c.lyricsKind() == EmbeddedLyrics.Kind.ID3_USLT ? "   " : "");
        });
        assertThat(tags.hasLyrics()).isTrue();
        assertThat(tags.warnings()).isEmpty();
        assertThat(tags.musicBrainzRecordingId()).contains(FULL.musicBrainzRecordingId());
        assertThat(tags.musicBrainzTrackId()).contains(FULL.musicBrainzTrackId());
        assertThat(tags.musicBrainzReleaseId()).contains(FULL.musicBrainzReleaseId());
        assertThat(tags.musicBrainzReleaseGroupId()).contains(FULL.musicBrainzReleaseGroupId());
        assertThat(tags.musicBrainzArtistIds()).containsExactlyElementsOf(FULL.musicBrainzArtistIds());
        assertThat(tags.musicBrainzAlbumArtistIds()).containsExactlyElementsOf(FULL.musicBrainzAlbumArtistIds());
        assertThat(tags.hasEmbeddedArt()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void lyricsOverTheCapAreLeftOutWithAWarningAndTheRestIsRead(FormatCase c) throws Exception {
        String huge = "[00:01.00]la la la!\n".repeat(15_000); // 300,000 bytes
        AudioTags tags = reader.read(c.write(dir, "huge-lyrics", FULL.toBuilder().lyrics(huge).build()));

        assertThat(tags.lyrics()).isEmpty();
        assertThat(tags.warnings()).singleElement().asString().contains("lyrics left out", c.lyricsKind().name(), "300000 bytes");
        assertThat(tags.title()).contains("Midnight Signal");
        assertThat(tags.musicBrainzAlbumArtistIds()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void embeddedPictureReturnsTheBytesThatWereEmbedded(FormatCase c) throws Exception {
        FixtureTags.Picture jpeg = CoverArt.jpeg();
        Path withJpeg = c.write(dir, "jpeg", FixtureTags.builder().title("Cover").cover(jpeg).build());
        FixtureTags.Picture png = CoverArt.png();
        Path withPng = c.write(dir, "png", FixtureTags.builder().title("Cover").cover(png).build());

        Optional<EmbeddedPicture> fromJpeg = reader.embeddedPicture(withJpeg);
        Optional<EmbeddedPicture> fromPng = reader.embeddedPicture(withPng);

        assertThat(fromJpeg).hasValueSatisfying(p -> {
            assertThat(p.data()).isEqualTo(jpeg.data());
            assertThat(p.mimeType()).isEqualTo("image/jpeg");
        });
        assertThat(fromPng).hasValueSatisfying(p -> {
            assertThat(p.data()).isEqualTo(png.data());
            assertThat(p.mimeType()).isEqualTo("image/png");
        });
        assertThat(reader.read(withPng).hasEmbeddedArt()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void largeCoverIsSteppedOverWhenReadingTagsAndReturnedWhole(FormatCase c) throws Exception {
        FixtureTags.Picture large = LARGE_COVER;
        Path file = c.write(dir, "large-cover", FULL.toBuilder().cover(large).build());

        AudioTags tags = reader.read(file);

        assertThat(large.data().length).isGreaterThan(200_000); // several Ogg pages, several ID3 read chunks
        assertThat(tags.hasEmbeddedArt()).isTrue();
        assertThat(tags.title()).contains("Midnight Signal");
        assertThat(tags.musicBrainzArtistIds()).hasSize(2);
        assertThat(tags.replayGainAlbumGain()).contains(-7.25);
        assertThat(tags.durationMillis()).isCloseTo(1000L, org.assertj.core.data.Offset.offset(50L));
        assertThat(reader.embeddedPicture(file)).hasValueSatisfying(p -> assertThat(p.data()).isEqualTo(large.data()));
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#containers")
    void untaggedFileHasStreamPropertiesAndNoTags(FormatCase c) throws Exception {
        Path file = c.fixture().seconds(1).tags(FixtureTags.none()).name("untagged-" + c.name()).writeTo(dir);

        AudioTags tags = reader.read(file);

        assertThat(tags.durationMillis()).isCloseTo(1000L, org.assertj.core.data.Offset.offset(50L));
        assertThat(tags.title()).isEmpty();
        assertThat(tags.artists()).isEmpty();
        assertThat(tags.albumArtists()).isEmpty();
        assertThat(tags.genres()).isEmpty();
        assertThat(tags.trackNumber()).isEmpty();
        assertThat(tags.replayGainTrackGain()).isEmpty();
        assertThat(tags.musicBrainzArtistIds()).isEmpty();
        assertThat(tags.lyrics()).isEmpty();
        assertThat(tags.hasLyrics()).isFalse();
        assertThat(tags.hasEmbeddedArt()).isFalse();
        assertThat(reader.embeddedPicture(file)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#containers")
    void tenthOfASecondClipReads(FormatCase c) throws Exception {
        Path file = c.fixture().seconds(0.1).tags(FixtureTags.builder().title("Short").build()).name("clip-" + c.name()).writeTo(dir);

        AudioTags tags = reader.read(file);

        assertThat(tags.title()).contains("Short");
        assertThat(tags.durationMillis()).isCloseTo(100L, org.assertj.core.data.Offset.offset(50L));
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#containers")
    void aFileNamedWithAnotherAudioExtensionIsReadByItsContent(FormatCase c) throws Exception {
        String wrong = c.fixture.extension().equals("flac") ? "ogg" : "flac";
        Path file = c.fixture().tags(FixtureTags.builder().title("Misnamed").build()).writeAs(dir.resolve("misnamed-" + c.name() + "." + wrong));

        AudioTags tags = reader.read(file);

        assertThat(tags.title()).contains("Misnamed");
        assertThat(tags.codec()).isEqualTo(c.codec);
    }

    /** kbps bounds: lossy around their target, lossless between a compressed tone and PCM. */
    private static int[] plausibleBitrate(FormatCase c) {
        return switch (c) {
            case MP3_ID3V24, MP3_ID3V23 -> new int[] {120, 136};
            case OPUS -> new int[] {60, 140};
            case OGG_VORBIS -> new int[] {40, 160};
            case M4A_AAC -> new int[] {60, 160};
            case FLAC, M4A_ALAC -> new int[] {40, 1411};
            case WAV, AIFF -> new int[] {1411, 1411};
        };
    }
}
