package dev.resonance.testing.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tags {@link AudioFixtures} writes into a generated file. Every field is optional ({@code null} or an empty
 * list = not written). Lists are written as separate values where the format allows it (see
 * {@link FixtureFormat.TagStyle}); to test separator forms put them in one value: {@code artists("A; B")}.
 * Numbers are written the usual way per format: "3/12" in ID3 TRCK, TRACKNUMBER + TRACKTOTAL in Vorbis comments,
 * the trkn atom in MP4. ReplayGain values are written as given ("-6.50 dB", "0.988547").
 */
public record FixtureTags(
        String title,
        List<String> artists,
        String album,
        List<String> albumArtists,
        Integer trackNumber,
        Integer trackTotal,
        Integer discNumber,
        Integer discTotal,
        String date,
        String originalDate,
        List<String> genres,
        String label,
        Boolean compilation,
        List<String> composers,
        List<String> lyricists,
        List<String> remixers,
        List<String> conductors,
        List<String> arrangers,
        List<String> producers,
        String musicBrainzRecordingId,
        String musicBrainzTrackId,
        String musicBrainzReleaseId,
        String musicBrainzReleaseGroupId,
        List<String> musicBrainzArtistIds,
        List<String> musicBrainzAlbumArtistIds,
        String replayGainTrackGain,
        String replayGainTrackPeak,
        String replayGainAlbumGain,
        String replayGainAlbumPeak,
        String bpm,
        String isrc,
        String comment,
        String lyrics,
        String titleSort,
        String artistSort,
        String albumSort,
        String albumArtistSort,
        String albumVersion,
        Picture cover,
        Map<String, List<String>> extra) {

    /** An embedded picture: the exact bytes written and their MIME type. */
    public record Picture(byte[] data, String mimeType) {
    }

    public FixtureTags {
        artists = List.copyOf(artists);
        albumArtists = List.copyOf(albumArtists);
        genres = List.copyOf(genres);
        composers = List.copyOf(composers);
        lyricists = List.copyOf(lyricists);
        remixers = List.copyOf(remixers);
        conductors = List.copyOf(conductors);
        arrangers = List.copyOf(arrangers);
        producers = List.copyOf(producers);
        musicBrainzArtistIds = List.copyOf(musicBrainzArtistIds);
        musicBrainzAlbumArtistIds = List.copyOf(musicBrainzAlbumArtistIds);
        extra = Map.copyOf(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No tags at all. */
    public static FixtureTags none() {
        return builder().build();
    }

    /**
     * A complete, realistic tag set (two performers as separate values, every role, MusicBrainz ids, ReplayGain,
     * lyrics, sort names, JPEG front cover): what a Picard-tagged file carries.
     */
    public static FixtureTags full() {
        return builder()
                .title("Midnight Signal")
                .artists("Aurora Vale", "Dex Marlow")
                .album("Northern Lines")
                .albumArtists("Aurora Vale")
                .track(3, 12)
                .disc(1, 2)
                .date("2021-03-04")
                .originalDate("1999-10-01")
                .genres("Electronic", "Ambient")
                .label("Polar Records")
                .compilation(false)
                .composers("Ines Berg")
                .lyricists("Tom Ashby")
                .remixers("Kai Remix")
                .conductors("Lena Marsh")
                .arrangers("Olu Grant")
                .producers("Max Field")
                .musicBrainzRecordingId("4b1e7a7c-9a3e-4b8e-9f0f-0b6a2d5c7e11")
                .musicBrainzTrackId("5c2f8b8d-0b4f-4c9f-8a1a-1c7b3e6d8f22")
                .musicBrainzReleaseId("6d3a9c9e-1c5a-4dab-9b2b-2d8c4f7e9a33")
                .musicBrainzReleaseGroupId("7e4bad0f-2d6b-4ebc-8c3c-3e9d5a8fab44")
                .musicBrainzArtistIds("8f5cbe1a-3e7c-4fcd-9d4d-4fae6b9abc55", "9a6dcf2b-4f8d-4ade-8e5e-5abf7cabcd66")
                .musicBrainzAlbumArtistIds("8f5cbe1a-3e7c-4fcd-9d4d-4fae6b9abc55")
                .replayGain(-6.5, 0.988547, -7.25, 1.0)
                .bpm("128")
                .isrc("GBAYE0601498")
                .comment("Recorded live to tape")
                .lyrics("First line of the song\nSecond line of the song")
                .titleSort("Midnight Signal")
                .artistSort("Vale, Aurora")
                .albumSort("Northern Lines")
                .albumArtistSort("Vale, Aurora")
                .albumVersion("Deluxe Edition")
                .cover(CoverArt.jpeg())
                .build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.title = title;
        b.artists = new ArrayList<>(artists);
        b.album = album;
        b.albumArtists = new ArrayList<>(albumArtists);
        b.trackNumber = trackNumber;
        b.trackTotal = trackTotal;
        b.discNumber = discNumber;
        b.discTotal = discTotal;
        b.date = date;
        b.originalDate = originalDate;
        b.genres = new ArrayList<>(genres);
        b.label = label;
        b.compilation = compilation;
        b.composers = new ArrayList<>(composers);
        b.lyricists = new ArrayList<>(lyricists);
        b.remixers = new ArrayList<>(remixers);
        b.conductors = new ArrayList<>(conductors);
        b.arrangers = new ArrayList<>(arrangers);
        b.producers = new ArrayList<>(producers);
        b.musicBrainzRecordingId = musicBrainzRecordingId;
        b.musicBrainzTrackId = musicBrainzTrackId;
        b.musicBrainzReleaseId = musicBrainzReleaseId;
        b.musicBrainzReleaseGroupId = musicBrainzReleaseGroupId;
        b.musicBrainzArtistIds = new ArrayList<>(musicBrainzArtistIds);
        b.musicBrainzAlbumArtistIds = new ArrayList<>(musicBrainzAlbumArtistIds);
        b.replayGainTrackGain = replayGainTrackGain;
        b.replayGainTrackPeak = replayGainTrackPeak;
        b.replayGainAlbumGain = replayGainAlbumGain;
        b.replayGainAlbumPeak = replayGainAlbumPeak;
        b.bpm = bpm;
        b.isrc = isrc;
        b.comment = comment;
        b.lyrics = lyrics;
        b.titleSort = titleSort;
        b.artistSort = artistSort;
        b.albumSort = albumSort;
        b.albumArtistSort = albumArtistSort;
        b.albumVersion = albumVersion;
        b.cover = cover;
        b.extra = new LinkedHashMap<>(extra);
        return b;
    }

    /** Fluent builder; every setter replaces the previous value. */
    public static final class Builder {
        private String title;
        private List<String> artists = new ArrayList<>();
        private String album;
        private List<String> albumArtists = new ArrayList<>();
        private Integer trackNumber;
        private Integer trackTotal;
        private Integer discNumber;
        private Integer discTotal;
        private String date;
        private String originalDate;
        private List<String> genres = new ArrayList<>();
        private String label;
        private Boolean compilation;
        private List<String> composers = new ArrayList<>();
        private List<String> lyricists = new ArrayList<>();
        private List<String> remixers = new ArrayList<>();
        private List<String> conductors = new ArrayList<>();
        private List<String> arrangers = new ArrayList<>();
        private List<String> producers = new ArrayList<>();
        private String musicBrainzRecordingId;
        private String musicBrainzTrackId;
        private String musicBrainzReleaseId;
        private String musicBrainzReleaseGroupId;
        private List<String> musicBrainzArtistIds = new ArrayList<>();
        private List<String> musicBrainzAlbumArtistIds = new ArrayList<>();
        private String replayGainTrackGain;
        private String replayGainTrackPeak;
        private String replayGainAlbumGain;
        private String replayGainAlbumPeak;
        private String bpm;
        private String isrc;
        private String comment;
        private String lyrics;
        private String titleSort;
        private String artistSort;
        private String albumSort;
        private String albumArtistSort;
        private String albumVersion;
        private Picture cover;
        private Map<String, List<String>> extra = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder title(String v) { title = v; return this; }
        public Builder artists(String... v) { artists = list(v); return this; }
        public Builder album(String v) { album = v; return this; }
        public Builder albumArtists(String... v) { albumArtists = list(v); return this; }
        public Builder track(Integer number, Integer total) { trackNumber = number; trackTotal = total; return this; }
        public Builder disc(Integer number, Integer total) { discNumber = number; discTotal = total; return this; }
        public Builder date(String v) { date = v; return this; }
        public Builder originalDate(String v) { originalDate = v; return this; }
        public Builder genres(String... v) { genres = list(v); return this; }
        public Builder label(String v) { label = v; return this; }
        public Builder compilation(Boolean v) { compilation = v; return this; }
        public Builder composers(String... v) { composers = list(v); return this; }
        public Builder lyricists(String... v) { lyricists = list(v); return this; }
        public Builder remixers(String... v) { remixers = list(v); return this; }
        public Builder conductors(String... v) { conductors = list(v); return this; }
        public Builder arrangers(String... v) { arrangers = list(v); return this; }
        public Builder producers(String... v) { producers = list(v); return this; }
        public Builder musicBrainzRecordingId(String v) { musicBrainzRecordingId = v; return this; }
        public Builder musicBrainzTrackId(String v) { musicBrainzTrackId = v; return this; }
        public Builder musicBrainzReleaseId(String v) { musicBrainzReleaseId = v; return this; }
        public Builder musicBrainzReleaseGroupId(String v) { musicBrainzReleaseGroupId = v; return this; }
        public Builder musicBrainzArtistIds(String... v) { musicBrainzArtistIds = list(v); return this; }
        public Builder musicBrainzAlbumArtistIds(String... v) { musicBrainzAlbumArtistIds = list(v); return this; }

        /** ReplayGain as foobar2000/Picard write it: gains "-6.50 dB", peaks "0.988547". */
        public Builder replayGain(double trackGain, double trackPeak, double albumGain, double albumPeak) {
            return replayGainRaw(String.format(Locale.ROOT, "%.2f dB", trackGain), String.format(Locale.ROOT, "%.6f", trackPeak),
                    String.format(Locale.ROOT, "%.2f dB", albumGain), String.format(Locale.ROOT, "%.6f", albumPeak));
        }

        /** ReplayGain values written verbatim (any may be null). */
        public Builder replayGainRaw(String trackGain, String trackPeak, String albumGain, String albumPeak) {
            replayGainTrackGain = trackGain;
            replayGainTrackPeak = trackPeak;
            replayGainAlbumGain = albumGain;
            replayGainAlbumPeak = albumPeak;
            return this;
        }

        public Builder bpm(String v) { bpm = v; return this; }
        public Builder isrc(String v) { isrc = v; return this; }
        public Builder comment(String v) { comment = v; return this; }
        public Builder lyrics(String v) { lyrics = v; return this; }
        public Builder titleSort(String v) { titleSort = v; return this; }
        public Builder artistSort(String v) { artistSort = v; return this; }
        public Builder albumSort(String v) { albumSort = v; return this; }
        public Builder albumArtistSort(String v) { albumArtistSort = v; return this; }
        public Builder albumVersion(String v) { albumVersion = v; return this; }
        public Builder cover(Picture v) { cover = v; return this; }

        /**
         * A free-form field by its Vorbis-comment style name (e.g. "ARTISTS", "MOOD"): written as a Vorbis comment,
         * an ID3 TXXX frame with that description, or an MP4 {@code ----:com.apple.iTunes:<name>} atom.
         */
        public Builder extra(String name, String... values) {
            extra.put(name, list(values));
            return this;
        }

        public FixtureTags build() {
            return new FixtureTags(title, artists, album, albumArtists, trackNumber, trackTotal, discNumber, discTotal, date,
                    originalDate, genres, label, compilation, composers, lyricists, remixers, conductors, arrangers, producers,
                    musicBrainzRecordingId, musicBrainzTrackId, musicBrainzReleaseId, musicBrainzReleaseGroupId,
                    musicBrainzArtistIds, musicBrainzAlbumArtistIds, replayGainTrackGain, replayGainTrackPeak,
                    replayGainAlbumGain, replayGainAlbumPeak, bpm, isrc, comment, lyrics, titleSort, artistSort, albumSort,
                    albumArtistSort, albumVersion, cover, extra);
        }

        private static List<String> list(String[] values) {
            return values == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(values));
        }
    }
}
