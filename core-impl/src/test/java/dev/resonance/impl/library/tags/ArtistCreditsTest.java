package dev.resonance.impl.library.tags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.ArtistRole;
import dev.resonance.impl.library.tags.AudioTags.Credit;
import dev.resonance.testing.audio.FixtureTags;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Several artists, as separate values or in one value with separators, "feat." guests and roles, in real files. */
class ArtistCreditsTest {

    @TempDir
    static Path dir;

    private final AudioFileReader reader = new AudioFileReader();

    private AudioTags read(FormatCase c, String name, FixtureTags tags) throws Exception {
        return reader.read(c.write(dir, name, tags));
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void semicolonSeparatedArtistsAreSeveralPerformers(FormatCase c) throws Exception {
        AudioTags tags = read(c, "semicolon", FixtureTags.builder().artists("Aurora Vale; Dex Marlow;Kim Oh").build());

        assertThat(tags.performers()).containsExactly("Aurora Vale", "Dex Marlow", "Kim Oh");
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void spacedSlashSeparatesArtistsButAcDcStaysOne(FormatCase c) throws Exception {
        AudioTags tags = read(c, "slash", FixtureTags.builder().artists("AC/DC / Dex Marlow").albumArtists("AC/DC").build());

        assertThat(tags.performers()).containsExactly("AC/DC", "Dex Marlow");
        assertThat(tags.albumArtists()).containsExactly("AC/DC");
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void featInTheArtistIsAFeaturedCredit(FormatCase c) throws Exception {
        AudioTags tags = read(c, "feat", FixtureTags.builder().artists("Aurora Vale feat. Dex Marlow").build());

        assertThat(tags.artists()).containsExactly(
                new Credit("Aurora Vale", ArtistRole.PERFORMER),
                new Credit("Dex Marlow", ArtistRole.FEATURED));
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void featInTheTitleIsAFeaturedCredit(FormatCase c) throws Exception {
        AudioTags tags = read(c, "title-feat", FixtureTags.builder().title("Night Drive (feat. Kim Oh)").artists("Aurora Vale").build());

        assertThat(tags.title()).contains("Night Drive (feat. Kim Oh)");
        assertThat(tags.artists()).containsExactly(
                new Credit("Aurora Vale", ArtistRole.PERFORMER),
                new Credit("Kim Oh", ArtistRole.FEATURED));
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void picardArtistsTagGivesTheNamesAndTheDisplayArtistTheRoles(FormatCase c) throws Exception {
        AudioTags tags = read(c, "artists-tag", FixtureTags.builder()
                .artists("Aurora Vale & Dex Marlow feat. Kim Oh")
                .extra("ARTISTS", "Aurora Vale", "Dex Marlow", "Kim Oh")
                .build());

        assertThat(tags.artists()).containsExactly(
                new Credit("Aurora Vale", ArtistRole.PERFORMER),
                new Credit("Dex Marlow", ArtistRole.PERFORMER),
                new Credit("Kim Oh", ArtistRole.FEATURED));
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void severalPeopleInEveryRole(FormatCase c) throws Exception {
        AudioTags tags = read(c, "roles", FixtureTags.builder()
                .artists("Aurora Vale")
                .composers("Ines Berg; Tom Ashby")
                .lyricists("Tom Ashby")
                .remixers("Kai Remix")
                .conductors("Lena Marsh")
                .arrangers("Olu Grant", "Ana Ruiz")
                .producers("Max Field")
                .build());

        assertThat(tags.artists()).containsExactly(
                new Credit("Aurora Vale", ArtistRole.PERFORMER),
                new Credit("Ines Berg", ArtistRole.COMPOSER),
                new Credit("Tom Ashby", ArtistRole.COMPOSER),
                new Credit("Tom Ashby", ArtistRole.LYRICIST),
                new Credit("Kai Remix", ArtistRole.REMIXER),
                new Credit("Lena Marsh", ArtistRole.CONDUCTOR),
                new Credit("Olu Grant", ArtistRole.ARRANGER),
                new Credit("Ana Ruiz", ArtistRole.ARRANGER),
                new Credit("Max Field", ArtistRole.PRODUCER));
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void variousArtistsAlbumIsACompilationAndGenresSplit(FormatCase c) throws Exception {
        AudioTags tags = read(c, "various", FixtureTags.builder()
                .albumArtists("Various Artists")
                .genres("Rock/Pop; Jazz")
                .build());

        assertThat(tags.compilation()).isTrue();
        assertThat(tags.genres()).containsExactly("Rock", "Pop", "Jazz");
    }

    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#all")
    void compilationFlagAndInvalidMusicBrainzIds(FormatCase c) throws Exception {
        AudioTags tags = read(c, "compilation", FixtureTags.builder()
                .albumArtists("Aurora Vale")
                .compilation(true)
                .musicBrainzReleaseId("not-a-uuid")
                .musicBrainzArtistIds("8F5CBE1A-3E7C-4FCD-9D4D-4FAE6B9ABC55; junk")
                .replayGainRaw("+1.20 dB", "0.5", null, null)
                .build());

        assertThat(tags.compilation()).isTrue();
        assertThat(tags.musicBrainzReleaseId()).isEmpty();
        assertThat(tags.musicBrainzArtistIds()).containsExactly("8f5cbe1a-3e7c-4fcd-9d4d-4fae6b9abc55");
        assertThat(tags.replayGainTrackGain()).contains(1.2);
        assertThat(tags.replayGainTrackPeak()).contains(0.5);
        assertThat(tags.replayGainAlbumGain()).isEmpty();
    }
}
