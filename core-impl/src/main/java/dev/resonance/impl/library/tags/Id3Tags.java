package dev.resonance.impl.library.tags;

import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jaudiotagger.tag.TagException;
import org.jaudiotagger.tag.TagField;
import org.jaudiotagger.tag.id3.AbstractID3v2Frame;
import org.jaudiotagger.tag.id3.AbstractID3v2Tag;
import org.jaudiotagger.tag.id3.AggregatedFrame;
import org.jaudiotagger.tag.id3.ID3v22Tag;
import org.jaudiotagger.tag.id3.ID3v23Tag;
import org.jaudiotagger.tag.id3.ID3v24Tag;
import org.jaudiotagger.tag.id3.framebody.AbstractFrameBodyNumberTotal;
import org.jaudiotagger.tag.id3.framebody.AbstractFrameBodyPairs;
import org.jaudiotagger.tag.id3.framebody.AbstractFrameBodyTextInfo;
import org.jaudiotagger.tag.id3.framebody.AbstractID3v2FrameBody;
import org.jaudiotagger.tag.id3.framebody.FrameBodyAPIC;
import org.jaudiotagger.tag.id3.framebody.FrameBodyCOMM;
import org.jaudiotagger.tag.id3.framebody.FrameBodyPIC;
import org.jaudiotagger.tag.id3.framebody.FrameBodyTXXX;
import org.jaudiotagger.tag.id3.framebody.FrameBodyUFID;
import org.jaudiotagger.tag.datatype.Pair;
import org.jaudiotagger.tag.reference.GenreTypes;

/**
 * ID3 tags (MP3, and the ID3 chunk of WAV and AIFF). jaudiotagger parses the ID3v2 frames (all versions,
 * unsynchronisation, encodings); this class maps them to {@link TagFields} names: TIT2 → TITLE, TPE1 → ARTIST,
 * TXXX "MusicBrainz Album Id" → MUSICBRAINZ_ALBUMID, UFID http://musicbrainz.org → MUSICBRAINZ_TRACKID, TIPL/IPLS
 * pairs → ARRANGER/PRODUCER/..., numeric TCON genres → names, TYER+TDAT → DATE. Lyrics are
 * {@link Id3Lyrics}' business (jaudiotagger does not keep a SYLT frame's bytes).
 */
final class Id3Tags {

    private static final Map<String, String> TEXT_FRAMES = Map.ofEntries(
            Map.entry("TIT2", "TITLE"), Map.entry("TPE1", "ARTIST"), Map.entry("TALB", "ALBUM"), Map.entry("TPE2", "ALBUMARTIST"),
            Map.entry("TCOM", "COMPOSER"), Map.entry("TEXT", "LYRICIST"), Map.entry("TPE3", "CONDUCTOR"), Map.entry("TPE4", "REMIXER"),
            Map.entry("TPUB", "LABEL"), Map.entry("TCMP", "COMPILATION"), Map.entry("TBPM", "BPM"), Map.entry("TSRC", "ISRC"),
            Map.entry("TSOT", "TITLESORT"), Map.entry("TSOP", "ARTISTSORT"), Map.entry("TSOA", "ALBUMSORT"),
            Map.entry("TSO2", "ALBUMARTISTSORT"), Map.entry("TDRC", "DATE"), Map.entry("TDRL", "RELEASEDATE"),
            Map.entry("TYER", "YEAR"), Map.entry("TDOR", "ORIGINALDATE"), Map.entry("TORY", "ORIGINALYEAR"));

    /** ID3v2.2 three-letter frame ids → their ID3v2.3/2.4 names. */
    private static final Map<String, String> V22 = Map.ofEntries(
            Map.entry("TT2", "TIT2"), Map.entry("TP1", "TPE1"), Map.entry("TAL", "TALB"), Map.entry("TP2", "TPE2"),
            Map.entry("TCM", "TCOM"), Map.entry("TXT", "TEXT"), Map.entry("TP3", "TPE3"), Map.entry("TP4", "TPE4"),
            Map.entry("TPB", "TPUB"), Map.entry("TCP", "TCMP"), Map.entry("TBP", "TBPM"), Map.entry("TRC", "TSRC"),
            Map.entry("TST", "TSOT"), Map.entry("TSP", "TSOP"), Map.entry("TSA", "TSOA"), Map.entry("TS2", "TSO2"),
            Map.entry("TYE", "TYER"), Map.entry("TDA", "TDAT"), Map.entry("TOR", "TORY"), Map.entry("TRK", "TRCK"),
            Map.entry("TPA", "TPOS"), Map.entry("TCO", "TCON"), Map.entry("COM", "COMM"), Map.entry("ULT", "USLT"),
            Map.entry("SLT", "SYLT"), Map.entry("PIC", "APIC"), Map.entry("TXX", "TXXX"), Map.entry("UFI", "UFID"),
            Map.entry("IPL", "IPLS"));

    /** Free-form names (TXXX descriptions, MP4 "----" atoms) as Picard writes them → {@link TagFields} names. */
    private static final Map<String, String> FREEFORM = Map.of(
            "MUSICBRAINZ TRACK ID", "MUSICBRAINZ_TRACKID",
            "MUSICBRAINZ RELEASE TRACK ID", "MUSICBRAINZ_RELEASETRACKID",
            "MUSICBRAINZ ALBUM ID", "MUSICBRAINZ_ALBUMID",
            "MUSICBRAINZ RELEASE GROUP ID", "MUSICBRAINZ_RELEASEGROUPID",
            "MUSICBRAINZ ARTIST ID", "MUSICBRAINZ_ARTISTID",
            "MUSICBRAINZ ALBUM ARTIST ID", "MUSICBRAINZ_ALBUMARTISTID",
            "MUSICBRAINZ ALBUM COMMENT", "MUSICBRAINZ_ALBUMCOMMENT");

    private static final Pattern V1_GENRE = Pattern.compile("^\\((\\d{1,3}|RX|CR)\\)(.*)$");

    private Id3Tags() {
    }

    /** The {@link TagFields} name for a TXXX description or MP4 free-form atom name. */
    static String freeformKey(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return FREEFORM.getOrDefault(upper, upper);
    }

    /** Length of the ID3v2 tag (header, frames, footer) whose 10-byte header is at the buffer's start, or -1. */
    static long tagLength(ByteBuffer header) {
        if (header.remaining() < 10 || header.get(0) != 'I' || header.get(1) != 'D' || header.get(2) != '3') {
            return -1;
        }
        int major = header.get(3) & 0xFF;
        if (major < 2 || major > 4 || (header.get(4) & 0xFF) == 0xFF) {
            return -1;
        }
        long size = 0;
        for (int i = 6; i < 10; i++) {
            int b = header.get(i) & 0xFF;
            if (b >= 0x80) {
                return -1;
            }
            size = (size << 7) | b;
        }
        boolean footer = major == 4 && (header.get(5) & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    /** The ID3v2.3/2.4 id of an ID3v2.2 frame id ("ULT" → "USLT"); an id it does not know as it is. */
    static String v24FrameId(String v22) {
        return V22.getOrDefault(v22, v22);
    }

    /** The {@link TagFields} name of a standard ID3v2.3/2.4 text frame, or null. */
    static String textFrameKey(String frameId) {
        return TEXT_FRAMES.get(frameId);
    }

    /**
     * Reads the ID3v2 tag of {@code length} bytes at {@code start}: the fast parser when it can, jaudiotagger for
     * the rest (ID3v2.2, unsynchronisation, oddities) unless it holds a compressed frame declaring more than the tag can
     * account for, with the lyrics frames read by {@link Id3Lyrics#read}. A tag neither can read adds nothing.
     */
    static void read(Source source, long start, long length, TagFields fields) throws IOException, UnreadableAudioException {
        try {
            if (Id3v2Parser.read(source, start, length, fields)) {
                return;
            }
        } catch (UnreadableAudioException | RuntimeException e) {
            // fall through to the lenient full parser
        }
        ByteBuffer chunk = source.read(start, Source.length(length, source.size - start, "the ID3v2 tag"), "the ID3v2 tag");
        AbstractID3v2Tag tag = parse(chunk, source.path.getFileName().toString());
        if (tag != null) {
            toFields(tag, fields);
            Id3Lyrics.read(chunk, fields);
        }
    }

    /** The picture of the ID3v2 tag of {@code length} bytes at {@code start}. */
    static Optional<EmbeddedPicture> picture(Source source, long start, long length) throws IOException, UnreadableAudioException {
        AbstractID3v2Tag tag = parse(source.read(start, Source.length(length, source.size - start, "the ID3v2 tag"), "the ID3v2 tag"),
                source.path.getFileName().toString());
        return tag == null ? Optional.empty() : picture(tag);
    }

    /** The position after any ID3v2 tags starting at {@code position}. */
    static long skipId3v2(Source source, long position) throws IOException, UnreadableAudioException {
        long p = position;
        for (int i = 0; i < 4; i++) {
            long length = tagLength(source.readUpTo(p, 10));
            if (length < 0) {
                break;
            }
            if (p + length > source.size) {
                throw new UnreadableAudioException("truncated: the ID3v2 tag runs past the end of the file");
            }
            p += length;
        }
        return p;
    }

    /**
     * Parses a complete ID3v2 tag; null if jaudiotagger cannot make sense of it, or if it holds a compressed frame
     * declaring more than the tag can account for ({@link Id3v2Parser#safeForFullParser}).
     */
    static AbstractID3v2Tag parse(ByteBuffer chunk, String fileName) {
        long declared = tagLength(chunk);
        if (declared < 0) {
            return null;
        }
        // exactly the tag's bytes (an ID3 chunk may hold more), checked before jaudiotagger allocates what they declare
        ByteBuffer tag = chunk.slice(0, (int) Math.min(declared, chunk.limit()));
        if (!Id3v2Parser.safeForFullParser(tag)) {
            return null;
        }
        try {
            return switch (tag.get(3)) {
                case 2 -> new ID3v22Tag(tag, fileName);
                case 3 -> new ID3v23Tag(tag, fileName);
                case 4 -> new ID3v24Tag(tag, fileName);
                default -> null;
            };
        } catch (TagException | RuntimeException e) {
            return null;
        }
    }

    static void toFields(AbstractID3v2Tag tag, TagFields fields) {
        String year = null;
        String dayMonth = null;
        String comment = null;
        String otherComment = null;
        for (AbstractID3v2Frame frame : frames(tag)) {
            String id = v24FrameId(frame.getIdentifier());
            AbstractID3v2FrameBody body;
            try {
                body = (AbstractID3v2FrameBody) frame.getBody();
            } catch (ClassCastException e) {
                continue;
            }
            if (body == null) {
                continue;
            }
            switch (id) {
                case "TXXX" -> {
                    if (body instanceof FrameBodyTXXX txxx && txxx.getDescription() != null && !Id3Lyrics.isLyricsTxxx(txxx.getDescription())) {
                        fields.addAll(freeformKey(txxx.getDescription()), txxx.getValues());
                    }
                }
                case "TRCK", "TPOS" -> {
                    String key = id.equals("TRCK") ? "TRACK" : "DISC";
                    if (body instanceof AbstractFrameBodyNumberTotal nt) {
                        if (nt.getNumber() != null) {
                            fields.add(key + "NUMBER", nt.getNumber().toString());
                        }
                        if (nt.getTotal() != null) {
                            fields.add(key + "TOTAL", nt.getTotal().toString());
                        }
                    } else if (body instanceof AbstractFrameBodyTextInfo text) {
                        fields.addAll(key + "NUMBER", text.getValues());
                    }
                }
                case "TCON" -> {
                    if (body instanceof AbstractFrameBodyTextInfo text) {
                        text.getValues().forEach(v -> fields.add("GENRE", genre(v)));
                    }
                }
                case "TDAT" -> {
                    if (body instanceof AbstractFrameBodyTextInfo text) {
                        dayMonth = text.getFirstTextValue();
                    }
                }
                case "COMM" -> {
                    if (body instanceof FrameBodyCOMM comm && !isToolComment(comm.getDescription())) {
                        if (comm.getDescription() == null || comm.getDescription().isEmpty()) {
                            comment = comment == null ? comm.getText() : comment;
                        } else if (otherComment == null) {
                            otherComment = comm.getText();
                        }
                    }
                }
                case "UFID" -> {
                    if (body instanceof FrameBodyUFID ufid && "http://musicbrainz.org".equals(ufid.getOwner()) && ufid.getUniqueIdentifier() != null) {
                        fields.add("MUSICBRAINZ_TRACKID", new String(ufid.getUniqueIdentifier(), StandardCharsets.ISO_8859_1));
                    }
                }
                case "TIPL", "IPLS" -> {
                    if (body instanceof AbstractFrameBodyPairs pairs) {
                        for (Pair pair : pairs.getPairing().getMapping()) {
                            if (pair.getKey() != null && pair.getValue() != null) {
                                fields.add(involvedPersonRole(pair.getKey()), pair.getValue());
                            }
                        }
                    }
                }
                case "APIC" -> fields.notePicture();
                default -> {
                    String key = TEXT_FRAMES.get(id);
                    if (key != null && body instanceof AbstractFrameBodyTextInfo text) {
                        fields.addAll(key, text.getValues());
                        if (id.equals("TYER")) {
                            year = text.getFirstTextValue();
                        }
                    }
                }
            }
        }
        if (year != null && dayMonth != null && dayMonth.trim().length() == 4 && !fields.has("DATE")) {
            String dm = dayMonth.trim();
            fields.add("DATE", year.trim() + "-" + dm.substring(2, 4) + "-" + dm.substring(0, 2));
        }
        if (comment != null || otherComment != null) {
            fields.add("COMMENT", comment != null ? comment : otherComment);
        }
    }

    /** The front cover (picture type 3), else the first picture. */
    static Optional<EmbeddedPicture> picture(AbstractID3v2Tag tag) {
        EmbeddedPicture first = null;
        for (AbstractID3v2Frame frame : frames(tag)) {
            Object body = frame.getBody();
            EmbeddedPicture picture = null;
            int type = -1;
            if (body instanceof FrameBodyAPIC apic && !apic.isImageUrl() && apic.getImageData() != null) {
                picture = new EmbeddedPicture(apic.getImageData(), Pictures.mime(apic.getMimeType(), apic.getImageData()));
                type = apic.getPictureType();
            } else if (body instanceof FrameBodyPIC pic && pic.getImageData() != null) {
                picture = new EmbeddedPicture(pic.getImageData(), Pictures.mime(pic.getFormatType(), pic.getImageData()));
                type = pic.getPictureType();
            }
            if (picture != null) {
                if (type == 3) {
                    return Optional.of(picture);
                }
                if (first == null) {
                    first = picture;
                }
            }
        }
        return Optional.ofNullable(first);
    }

    /** ID3v1(.1): the 128 bytes at the end of the file starting with "TAG". */
    static boolean id3v1(ByteBuffer b, TagFields fields) {
        if (b.remaining() < 128 || b.get(0) != 'T' || b.get(1) != 'A' || b.get(2) != 'G') {
            return false;
        }
        fields.add("TITLE", latin1(b, 3, 30));
        fields.add("ARTIST", latin1(b, 33, 30));
        fields.add("ALBUM", latin1(b, 63, 30));
        fields.add("YEAR", latin1(b, 93, 4));
        fields.add("COMMENT", latin1(b, 97, b.get(125) == 0 && b.get(126) != 0 ? 28 : 30));
        if (b.get(125) == 0 && b.get(126) != 0) {
            fields.add("TRACKNUMBER", Integer.toString(b.get(126) & 0xFF));
        }
        int genre = b.get(127) & 0xFF;
        if (genre != 0xFF) {
            fields.add("GENRE", GenreTypes.getInstanceOf().getValueForId(genre));
        }
        return true;
    }

    private static String latin1(ByteBuffer b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        b.get(offset, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static List<AbstractID3v2Frame> frames(AbstractID3v2Tag tag) {
        List<AbstractID3v2Frame> frames = new ArrayList<>();
        for (Iterator<TagField> it = tag.getFields(); it.hasNext(); ) {
            TagField field = it.next();
            if (field instanceof AbstractID3v2Frame frame) {
                frames.add(frame);
            } else if (field instanceof AggregatedFrame aggregated) {
                frames.addAll(aggregated.getFrames());
            }
        }
        return frames;
    }

    /** "(17)", "17", "(17)Rock", "(RX)" → genre names (ID3v1 numbering). */
    static String genre(String value) {
        String v = TagMapper.clean(value);
        Matcher m = V1_GENRE.matcher(v);
        if (m.matches()) {
            String rest = TagMapper.clean(m.group(2));
            if (!rest.isEmpty()) {
                return rest;
            }
            v = m.group(1);
        }
        if (v.equals("RX")) {
            return "Remix";
        }
        if (v.equals("CR")) {
            return "Cover";
        }
        if (!v.isEmpty() && v.length() <= 3 && v.chars().allMatch(Character::isDigit)) {
            String name = GenreTypes.getInstanceOf().getValueForId(Integer.parseInt(v));
            return name != null ? name : v;
        }
        return v;
    }

    private static boolean isToolComment(String description) {
        if (description == null) {
            return false;
        }
        String d = description.trim();
        return d.startsWith("iTun") || d.startsWith("MusicMatch");
    }

    static String involvedPersonRole(String role) {
        String r = role.trim().toLowerCase(Locale.ROOT);
        return switch (r) {
            case "arranger" -> "ARRANGER";
            case "producer" -> "PRODUCER";
            case "mix", "mixer", "dj-mix" -> "MIXER";
            case "engineer" -> "ENGINEER";
            default -> "INVOLVED:" + r.toUpperCase(Locale.ROOT);
        };
    }
}
