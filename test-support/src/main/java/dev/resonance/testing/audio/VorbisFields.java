package dev.resonance.testing.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Vorbis comments (Picard / Xiph naming) for a {@link FixtureTags}, in writing order. */
final class VorbisFields {

    private VorbisFields() {
    }

    static List<Map.Entry<String, String>> of(FixtureTags t) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        add(out, "TITLE", t.title());
        addAll(out, "ARTIST", t.artists());
        add(out, "ALBUM", t.album());
        addAll(out, "ALBUMARTIST", t.albumArtists());
        add(out, "TRACKNUMBER", t.trackNumber());
        add(out, "TRACKTOTAL", t.trackTotal());
        add(out, "DISCNUMBER", t.discNumber());
        add(out, "DISCTOTAL", t.discTotal());
        add(out, "DATE", t.date());
        add(out, "ORIGINALDATE", t.originalDate());
        addAll(out, "GENRE", t.genres());
        add(out, "LABEL", t.label());
        if (t.compilation() != null) {
            add(out, "COMPILATION", t.compilation() ? "1" : "0");
        }
        addAll(out, "COMPOSER", t.composers());
        addAll(out, "LYRICIST", t.lyricists());
        addAll(out, "REMIXER", t.remixers());
        addAll(out, "CONDUCTOR", t.conductors());
        addAll(out, "ARRANGER", t.arrangers());
        addAll(out, "PRODUCER", t.producers());
        add(out, "MUSICBRAINZ_TRACKID", t.musicBrainzRecordingId());
        add(out, "MUSICBRAINZ_RELEASETRACKID", t.musicBrainzTrackId());
        add(out, "MUSICBRAINZ_ALBUMID", t.musicBrainzReleaseId());
        add(out, "MUSICBRAINZ_RELEASEGROUPID", t.musicBrainzReleaseGroupId());
        addAll(out, "MUSICBRAINZ_ARTISTID", t.musicBrainzArtistIds());
        addAll(out, "MUSICBRAINZ_ALBUMARTISTID", t.musicBrainzAlbumArtistIds());
        add(out, "REPLAYGAIN_TRACK_GAIN", t.replayGainTrackGain());
        add(out, "REPLAYGAIN_TRACK_PEAK", t.replayGainTrackPeak());
        add(out, "REPLAYGAIN_ALBUM_GAIN", t.replayGainAlbumGain());
        add(out, "REPLAYGAIN_ALBUM_PEAK", t.replayGainAlbumPeak());
        add(out, "BPM", t.bpm());
        add(out, "ISRC", t.isrc());
        add(out, "COMMENT", t.comment());
        add(out, "LYRICS", t.lyrics());
        add(out, "TITLESORT", t.titleSort());
        add(out, "ARTISTSORT", t.artistSort());
        add(out, "ALBUMSORT", t.albumSort());
        add(out, "ALBUMARTISTSORT", t.albumArtistSort());
        add(out, "ALBUMVERSION", t.albumVersion());
        t.extra().forEach((key, values) -> addAll(out, key, values));
        return out;
    }

    private static void add(List<Map.Entry<String, String>> out, String key, Object value) {
        if (value != null) {
            out.add(Map.entry(key, value.toString()));
        }
    }

    private static void addAll(List<Map.Entry<String, String>> out, String key, List<String> values) {
        values.forEach(v -> add(out, key, v));
    }
}
