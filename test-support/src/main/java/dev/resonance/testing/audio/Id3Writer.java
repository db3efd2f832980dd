package dev.resonance.testing.audio;

import java.util.ArrayList;
import java.util.List;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.TagField;
import org.jaudiotagger.tag.id3.AbstractID3v2Frame;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.id3.ID3v23Tag;
import org.jaudiotagger.tag.id3.ID3v24Tag;
import org.jaudiotagger.tag.id3.framebody.AbstractFrameBodyTextInfo;
import org.jaudiotagger.tag.datatype.Pair;
import org.jaudiotagger.tag.id3.framebody.FrameBodyAPIC;
import org.jaudiotagger.tag.id3.framebody.FrameBodyIPLS;
import org.jaudiotagger.tag.id3.framebody.FrameBodyTIPL;
import org.jaudiotagger.tag.id3.framebody.FrameBodyTXXX;
import org.jaudiotagger.tag.id3.framebody.FrameBodyUFID;
import org.jaudiotagger.tag.id3.valuepair.TextEncoding;
import org.jaudiotagger.tag.reference.PictureTypes;

/**
 * Fills an ID3v2.3 or ID3v2.4 tag the way Picard does: standard frames, several values of one text frame
 * NUL-separated, MusicBrainz ids in TXXX (recording id in UFID "http://musicbrainz.org"), ReplayGain in TXXX
 * "REPLAYGAIN_*", arranger/producer in TIPL (IPLS in v2.3), front cover in APIC.
 */
final class Id3Writer {

    private Id3Writer() {
    }

    static AbstractID3v2Tag create(int version) {
        return switch (version) {
            case 3 -> new ID3v23Tag();
            case 4 -> new ID3v24Tag();
            default -> throw new IllegalArgumentException("ID3v2 version must be 3 or 4: " + version);
        };
    }

    static void fill(AbstractID3v2Tag tag, FixtureTags t) throws Exception {
        text(tag, FieldKey.TITLE, t.title());
        multi(tag, FieldKey.ARTIST, t.artists());
        text(tag, FieldKey.ALBUM, t.album());
        multi(tag, FieldKey.ALBUM_ARTIST, t.albumArtists());
        text(tag, FieldKey.TRACK, t.trackNumber());
        text(tag, FieldKey.TRACK_TOTAL, t.trackTotal());
        text(tag, FieldKey.DISC_NO, t.discNumber());
        text(tag, FieldKey.DISC_TOTAL, t.discTotal());
        text(tag, FieldKey.YEAR, t.date());
        if (t.originalDate() != null) {
            // Picard: TDOR in ID3v2.4; ID3v2.3 has only TORY, a year
            boolean v24 = tag instanceof ID3v24Tag;
            AbstractID3v2Frame frame = tag.createFrame(v24 ? "TDOR" : "TORY");
            ((AbstractFrameBodyTextInfo) frame.getBody()).setText(v24 ? t.originalDate() : t.originalDate().substring(0, 4));
            tag.setFrame(frame);
        }
        multi(tag, FieldKey.GENRE, t.genres());
        text(tag, FieldKey.RECORD_LABEL, t.label());
        if (t.compilation() != null) {
            tag.setField(tag.createCompilationField(t.compilation()));
        }
        multi(tag, FieldKey.COMPOSER, t.composers());
        multi(tag, FieldKey.LYRICIST, t.lyricists());
        multi(tag, FieldKey.REMIXER, t.remixers());
        multi(tag, FieldKey.CONDUCTOR, t.conductors());
        involvedPeople(tag, t);
        if (t.musicBrainzRecordingId() != null) {
            AbstractID3v2Frame ufid = tag.createFrame("UFID");
            ufid.setBody(new FrameBodyUFID(FrameBodyUFID.UFID_MUSICBRAINZ, t.musicBrainzRecordingId().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            tag.setFrame(ufid);
        }
        txxx(tag, "MusicBrainz Release Track Id", single(t.musicBrainzTrackId()));
        txxx(tag, "MusicBrainz Album Id", single(t.musicBrainzReleaseId()));
        txxx(tag, "MusicBrainz Release Group Id", single(t.musicBrainzReleaseGroupId()));
        txxx(tag, "MusicBrainz Artist Id", t.musicBrainzArtistIds());
        txxx(tag, "MusicBrainz Album Artist Id", t.musicBrainzAlbumArtistIds());
        txxx(tag, "REPLAYGAIN_TRACK_GAIN", single(t.replayGainTrackGain()));
        txxx(tag, "REPLAYGAIN_TRACK_PEAK", single(t.replayGainTrackPeak()));
        txxx(tag, "REPLAYGAIN_ALBUM_GAIN", single(t.replayGainAlbumGain()));
        txxx(tag, "REPLAYGAIN_ALBUM_PEAK", single(t.replayGainAlbumPeak()));
        text(tag, FieldKey.BPM, t.bpm());
        text(tag, FieldKey.ISRC, t.isrc());
        text(tag, FieldKey.COMMENT, t.comment());
        text(tag, FieldKey.LYRICS, t.lyrics());
        text(tag, FieldKey.TITLE_SORT, t.titleSort());
        text(tag, FieldKey.ARTIST_SORT, t.artistSort());
        text(tag, FieldKey.ALBUM_SORT, t.albumSort());
        text(tag, FieldKey.ALBUM_ARTIST_SORT, t.albumArtistSort());
        txxx(tag, "ALBUMVERSION", single(t.albumVersion()));
        for (var e : t.extra().entrySet()) {
            txxx(tag, e.getKey(), e.getValue());
        }
        if (t.cover() != null) {
            AbstractID3v2Frame apic = tag.createFrame("APIC");
            apic.setBody(new FrameBodyAPIC(encoding(tag), t.cover().mimeType(), PictureTypes.DEFAULT_ID.byteValue(), "", t.cover().data()));
            tag.setFrame(apic);
        }
    }

    /** Arrangers and producers as (role, name) pairs: TIPL in ID3v2.4, IPLS in ID3v2.3. */
    private static void involvedPeople(AbstractID3v2Tag tag, FixtureTags t) {
        List<Pair> pairs = new ArrayList<>();
        t.arrangers().forEach(name -> pairs.add(new Pair("arranger", name)));
        t.producers().forEach(name -> pairs.add(new Pair("producer", name)));
        if (pairs.isEmpty()) {
            return;
        }
        boolean v24 = tag instanceof ID3v24Tag;
        AbstractID3v2Frame frame = tag.createFrame(v24 ? "TIPL" : "IPLS");
        frame.setBody(v24 ? new FrameBodyTIPL(encoding(tag), pairs) : new FrameBodyIPLS(encoding(tag), pairs));
        tag.setFrame(frame);
    }

    private static List<String> single(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static byte encoding(AbstractID3v2Tag tag) {
        return tag instanceof ID3v24Tag ? TextEncoding.UTF_8 : TextEncoding.UTF_16;
    }

    private static void text(AbstractID3v2Tag tag, FieldKey key, Object value) throws Exception {
        if (value != null) {
            tag.setField(key, value.toString());
        }
    }

    /** One frame holding every value (NUL-separated when written). */
    private static void multi(AbstractID3v2Tag tag, FieldKey key, List<String> values) throws Exception {
        if (values.isEmpty()) {
            return;
        }
        tag.setField(key, values.get(0));
        if (values.size() > 1) {
            TagField field = tag.getFirstField(key);
            AbstractFrameBodyTextInfo body = (AbstractFrameBodyTextInfo) ((AbstractID3v2Frame) field).getBody();
            values.subList(1, values.size()).forEach(body::addTextValue);
        }
    }

    private static void txxx(AbstractID3v2Tag tag, String description, List<String> values) throws Exception {
        if (values.isEmpty()) {
            return;
        }
        AbstractID3v2Frame frame = tag.createFrame("TXXX");
        FrameBodyTXXX body = new FrameBodyTXXX(encoding(tag), description, values.get(0));
        values.subList(1, values.size()).forEach(body::addTextValue);
        frame.setBody(body);
        tag.addField(frame);
    }
}
