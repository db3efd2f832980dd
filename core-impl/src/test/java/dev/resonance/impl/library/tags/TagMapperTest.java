package dev.resonance.impl.library.tags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.ArtistRole;
import dev.resonance.impl.library.tags.AudioTags.Credit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The normalisation rules, on raw fields (no file). */
class TagMapperTest {

    private static final StreamInfo STREAM = new StreamInfo("flac", "flac", 1000, 900, 44100, 16, 2);

    private static AudioTags map(String... keyValues) {
        TagFields fields = new TagFields();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.add(keyValues[i], keyValues[i + 1]);
        }
        return TagMapper.map(STREAM, fields);
    }

    @Test
    void valuesAreTrimmedAndEmptyOnesDropped() {
        AudioTags tags = map("TITLE", "  Song \u0000", "ALBUM", "   ", "ARTIST", " A ;  ; B ", "GENRE", "");

        assertThat(tags.title()).contains("Song");
        assertThat(tags.album()).isEmpty();
        assertThat(tags.performers()).containsExactly("A", "B");
        assertThat(tags.genres()).isEmpty();
    }

    @Test
    void artistSeparatorsAndFeaturedForms() {
        assertThat(map("ARTIST", "A\u0000B").performers()).containsExactly("A", "B");
        assertThat(map("ARTIST", "A / B").performers()).containsExactly("A", "B");
        assertThat(map("ARTIST", "AC/DC").performers()).containsExactly("AC/DC");
        assertThat(map("ARTIST", "A ft. B").artists()).containsExactly(new Credit("A", ArtistRole.PERFORMER), new Credit("B", ArtistRole.FEATURED));
        assertThat(map("ARTIST", "A featuring B; C").artists())
                .containsExactly(new Credit("A", ArtistRole.PERFORMER), new Credit("B", ArtistRole.FEATURED), new Credit("C", ArtistRole.FEATURED));
        assertThat(map("ARTIST", "A (Feat. B)").artists()).containsExactly(new Credit("A", ArtistRole.PERFORMER), new Credit("B", ArtistRole.FEATURED));
        assertThat(map("ARTIST", "Defeater").performers()).containsExactly("Defeater");
    }

    @Test
    void featuredGuestsInTheTitle() {
        assertThat(map("TITLE", "Song [ft. B]", "ARTIST", "A").artists())
                .containsExactly(new Credit("A", ArtistRole.PERFORMER), new Credit("B", ArtistRole.FEATURED));
        assertThat(map("TITLE", "Song feat. B", "ARTIST", "A").artists())
                .containsExactly(new Credit("A", ArtistRole.PERFORMER), new Credit("B", ArtistRole.FEATURED));
        // already credited by the artist tag: not twice
        assertThat(map("TITLE", "Song (feat. B)", "ARTIST", "A feat. B").artists())
                .containsExactly(new Credit("A", ArtistRole.PERFORMER), new Credit("B", ArtistRole.FEATURED));
        assertThat(map("TITLE", "Feather", "ARTIST", "A").artists()).containsExactly(new Credit("A", ArtistRole.PERFORMER));
    }

    @Test
    void trackAndDiscNumbers() {
        AudioTags tags = map("TRACKNUMBER", "03/12", "DISCNUMBER", "2");
        assertThat(tags.trackNumber()).contains(3);
        assertThat(tags.trackTotal()).contains(12);
        assertThat(tags.discNumber()).contains(2);
        assertThat(tags.discTotal()).isEmpty();
        assertThat(map("TRACKNUMBER", "3/12", "TRACKTOTAL", "13").trackTotal()).contains(13);
        assertThat(map("TRACKNUMBER", "0").trackNumber()).isEmpty();
        assertThat(map("TRACKNUMBER", "x").trackNumber()).isEmpty();
        assertThat(map("TRACKNUMBER", "5", "TOTALTRACKS", "9").trackTotal()).contains(9);
    }

    @Test
    void datesAreNormalised() {
        assertThat(TagMapper.date("2021-03-04")).contains("2021-03-04");
        assertThat(TagMapper.date("2021")).contains("2021");
        assertThat(TagMapper.date("2021-3")).contains("2021-03");
        assertThat(TagMapper.date("2021/03/04")).contains("2021-03-04");
        assertThat(TagMapper.date("2021-03-04T10:11:12")).contains("2021-03-04");
        assertThat(TagMapper.date("2021-13-01")).contains("2021");
        assertThat(TagMapper.date("1999 (remaster)")).contains("1999");
        assertThat(TagMapper.date("unknown")).isEmpty();
        assertThat(map("YEAR", "1987").date()).contains("1987");
        assertThat(map("ORIGINALYEAR", "1970").originalDate()).contains("1970");
    }

    @Test
    void replayGainForms() {
        assertThat(map("REPLAYGAIN_TRACK_GAIN", "-6.50 dB").replayGainTrackGain()).contains(-6.5);
        assertThat(map("REPLAYGAIN_TRACK_GAIN", "+3.2 dB").replayGainTrackGain()).contains(3.2);
        assertThat(map("REPLAYGAIN_TRACK_GAIN", "-6,5 dB").replayGainTrackGain()).contains(-6.5);
        assertThat(map("REPLAYGAIN_TRACK_GAIN", "loud").replayGainTrackGain()).isEmpty();
        assertThat(map("REPLAYGAIN_ALBUM_PEAK", "0.98").replayGainAlbumPeak()).contains(0.98);
        // Opus R128: Q7.8 dB relative to -23 LUFS; ReplayGain's reference is 5 dB louder
        assertThat(map("R128_TRACK_GAIN", "-2560").replayGainTrackGain()).contains(-5.0);
        assertThat(map("R128_TRACK_GAIN", "-2560", "REPLAYGAIN_TRACK_GAIN", "-4 dB").replayGainTrackGain()).contains(-4.0);
    }

    @Test
    void musicBrainzIdsMustBeUuids() {
        AudioTags tags = map(
                "MUSICBRAINZ_TRACKID", "nope",
                "MUSICBRAINZ_ALBUMID", " 6D3A9C9E-1C5A-4DAB-9B2B-2D8C4F7E9A33 ",
                "MUSICBRAINZ_ARTISTID", "8f5cbe1a-3e7c-4fcd-9d4d-4fae6b9abc55/9a6dcf2b-4f8d-4ade-8e5e-5abf7cabcd66",
                "MUSICBRAINZ_ARTISTID", "bad");
        assertThat(tags.musicBrainzRecordingId()).isEmpty();
        assertThat(tags.musicBrainzReleaseId()).contains("6d3a9c9e-1c5a-4dab-9b2b-2d8c4f7e9a33");
        assertThat(tags.musicBrainzArtistIds()).containsExactly("8f5cbe1a-3e7c-4fcd-9d4d-4fae6b9abc55", "9a6dcf2b-4f8d-4ade-8e5e-5abf7cabcd66");
    }

    @Test
    void compilationFromFlagAlbumArtistOrVariousArtistsId() {
        assertThat(map("COMPILATION", "1").compilation()).isTrue();
        assertThat(map("COMPILATION", "0").compilation()).isFalse();
        assertThat(map("ALBUMARTIST", "various artists").compilation()).isTrue();
        assertThat(map("MUSICBRAINZ_ALBUMARTISTID", "89ad4ac3-39f7-470e-963a-56509c546377").compilation()).isTrue();
        assertThat(map("ALBUMARTIST", "Aurora Vale").compilation()).isFalse();
    }

    @Test
    void genresSplitOnSlashAndSemicolonAndId3NumbersBecomeNames() {
        assertThat(map("GENRE", "Rock/Pop", "GENRE", "Jazz; rock").genres()).containsExactly("Rock", "Pop", "Jazz");
        assertThat(Id3Tags.genre("(17)")).isEqualTo("Rock");
        assertThat(Id3Tags.genre("17")).isEqualTo("Rock");
        assertThat(Id3Tags.genre("(17)Hard Rock")).isEqualTo("Hard Rock");
        assertThat(Id3Tags.genre("(RX)")).isEqualTo("Remix");
        assertThat(Id3Tags.genre("Synthwave")).isEqualTo("Synthwave");
    }

    @Test
    void aliasesOfCommonFields() {
        AudioTags tags = map("ALBUM ARTIST", "X", "ORGANIZATION", "Label", "DESCRIPTION", "Note",
                "MUSICBRAINZ_ALBUMCOMMENT", "Remaster", "BPM", "120.5");
        assertThat(tags.albumArtists()).containsExactly("X");
        assertThat(tags.label()).contains("Label");
        assertThat(tags.comment()).contains("Note");
        assertThat(tags.albumVersion()).contains("Remaster");
        assertThat(tags.bpm()).contains(120.5);
        assertThat(tags.year()).isEqualTo(Optional.empty());
    }
}
