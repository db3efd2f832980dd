package dev.resonance.testing.audio;

import java.util.List;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.mp4.Mp4Tag;
import org.jaudiotagger.tag.mp4.field.Mp4TagReverseDnsField;

/**
 * Fills an iTunes-style MP4 tag as Picard does: standard atoms (©nam, ©ART, aART, trkn, disk, ©day, ©gen, cpil,
 * ©wrt, tmpo, ©cmt, ©lyr, sonm/soar/soal/soaa, covr) and freeform {@code ----:com.apple.iTunes:<name>} atoms for
 * everything else (MusicBrainz ids, ReplayGain, LABEL, roles). Standard atoms hold one value, so several artists
 * or genres are joined with "; "; freeform atoms carry one data atom per value.
 */
final class Mp4Writer {

    static final String ITUNES = "com.apple.iTunes";

    private Mp4Writer() {
    }

    static void fill(Mp4Tag tag, FixtureTags t) throws Exception {
        text(tag, FieldKey.TITLE, t.title());
        text(tag, FieldKey.ARTIST, joined(t.artists()));
        text(tag, FieldKey.ALBUM, t.album());
        text(tag, FieldKey.ALBUM_ARTIST, joined(t.albumArtists()));
        if (t.trackNumber() != null) {
            tag.setField(FieldKey.TRACK, t.trackNumber().toString());
        }
        if (t.trackTotal() != null) {
            tag.setField(FieldKey.TRACK_TOTAL, t.trackTotal().toString());
        }
        if (t.discNumber() != null) {
            tag.setField(FieldKey.DISC_NO, t.discNumber().toString());
        }
        if (t.discTotal() != null) {
            tag.setField(FieldKey.DISC_TOTAL, t.discTotal().toString());
        }
        text(tag, FieldKey.YEAR, t.date());
        freeform(tag, "ORIGINALDATE", single(t.originalDate()));
        text(tag, FieldKey.GENRE, joined(t.genres()));
        freeform(tag, "LABEL", single(t.label()));
        if (t.compilation() != null) {
            tag.setField(tag.createCompilationField(t.compilation()));
        }
        text(tag, FieldKey.COMPOSER, joined(t.composers()));
        freeform(tag, "LYRICIST", t.lyricists());
        freeform(tag, "REMIXER", t.remixers());
        freeform(tag, "CONDUCTOR", t.conductors());
        freeform(tag, "ARRANGER", t.arrangers());
        freeform(tag, "PRODUCER", t.producers());
        freeform(tag, "MusicBrainz Track Id", single(t.musicBrainzRecordingId()));
        freeform(tag, "MusicBrainz Release Track Id", single(t.musicBrainzTrackId()));
        freeform(tag, "MusicBrainz Album Id", single(t.musicBrainzReleaseId()));
        freeform(tag, "MusicBrainz Release Group Id", single(t.musicBrainzReleaseGroupId()));
        freeform(tag, "MusicBrainz Artist Id", t.musicBrainzArtistIds());
        freeform(tag, "MusicBrainz Album Artist Id", t.musicBrainzAlbumArtistIds());
        freeform(tag, "replaygain_track_gain", single(t.replayGainTrackGain()));
        freeform(tag, "replaygain_track_peak", single(t.replayGainTrackPeak()));
        freeform(tag, "replaygain_album_gain", single(t.replayGainAlbumGain()));
        freeform(tag, "replaygain_album_peak", single(t.replayGainAlbumPeak()));
        text(tag, FieldKey.BPM, t.bpm());
        freeform(tag, "ISRC", single(t.isrc()));
        text(tag, FieldKey.COMMENT, t.comment());
        text(tag, FieldKey.LYRICS, t.lyrics());
        text(tag, FieldKey.TITLE_SORT, t.titleSort());
        text(tag, FieldKey.ARTIST_SORT, t.artistSort());
        text(tag, FieldKey.ALBUM_SORT, t.albumSort());
        text(tag, FieldKey.ALBUM_ARTIST_SORT, t.albumArtistSort());
        freeform(tag, "ALBUMVERSION", single(t.albumVersion()));
        for (var e : t.extra().entrySet()) {
            freeform(tag, e.getKey(), e.getValue());
        }
        if (t.cover() != null) {
            tag.setField(tag.createArtworkField(t.cover().data()));
        }
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join("; ", values);
    }

    private static List<String> single(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static void text(Mp4Tag tag, FieldKey key, String value) throws Exception {
        if (value != null) {
            tag.setField(key, value);
        }
    }

    private static void freeform(Mp4Tag tag, String name, List<String> values) {
        for (String value : values) {
            tag.addField(new Mp4TagReverseDnsField("----:" + ITUNES + ":" + name, ITUNES, name, value));
        }
    }
}
