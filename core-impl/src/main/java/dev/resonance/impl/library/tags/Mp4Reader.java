package dev.resonance.impl.library.tags;

import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jaudiotagger.audio.exceptions.CannotReadException;
import org.jaudiotagger.audio.generic.GenericAudioHeader;
import org.jaudiotagger.audio.mp4.Mp4InfoReader;
import org.jaudiotagger.audio.mp4.Mp4TagReader;
import org.jaudiotagger.tag.TagField;
import org.jaudiotagger.tag.TagTextField;
import org.jaudiotagger.tag.mp4.Mp4Tag;
import org.jaudiotagger.tag.mp4.field.Mp4DiscNoField;
import org.jaudiotagger.tag.mp4.field.Mp4TagCoverField;
import org.jaudiotagger.tag.mp4.field.Mp4TagReverseDnsField;
import org.jaudiotagger.tag.mp4.field.Mp4TrackField;

/**
 * MP4 audio (M4A with AAC or ALAC): a quick walk of the top-level boxes checks that a complete moov box is there
 * (a truncated download usually lacks it), then jaudiotagger reads the moov box: stream properties from
 * mvhd/stsd/esds, iTunes atoms from udta/meta/ilst. Picard's freeform atoms ({@code ----:com.apple.iTunes:NAME})
 * map by name (MusicBrainz ids, ReplayGain, LABEL, roles); {@code ©lyr} is kept as {@link EmbeddedLyrics}.
 */
final class Mp4Reader implements FormatReader {

    private static final Map<String, String> ATOMS = Map.ofEntries(
            Map.entry("©nam", "TITLE"), Map.entry("©ART", "ARTIST"), Map.entry("©alb", "ALBUM"), Map.entry("aART", "ALBUMARTIST"),
            Map.entry("©day", "DATE"), Map.entry("©gen", "GENRE"), Map.entry("gnre", "GENRE"), Map.entry("©wrt", "COMPOSER"),
            Map.entry("©cmt", "COMMENT"), Map.entry("sonm", "TITLESORT"), Map.entry("soar", "ARTISTSORT"),
            Map.entry("soal", "ALBUMSORT"), Map.entry("soaa", "ALBUMARTISTSORT"), Map.entry("cpil", "COMPILATION"),
            Map.entry("tmpo", "BPM"));
    private static final Set<String> TOP_LEVEL = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "pdin", "uuid", "moof", "mfra", "meta", "junk");

    @Override
    public AudioTags read(Source source, String format) throws IOException, UnreadableAudioException {
        long[] moov = moov(source);
        GenericAudioHeader header;
        try {
            header = new Mp4InfoReader().read(source.path);
        } catch (CannotReadException e) {
            throw new UnreadableAudioException("corrupt MP4: " + e.getMessage(), e);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableAudioException("corrupt MP4: " + e.getMessage(), e);
        }
        Mp4Tag tag = tag(source);
        TagFields fields = new TagFields();
        if (tag != null) {
            toFields(tag, fields);
        }
        String encoding = String.valueOf(header.getEncodingType()).toLowerCase(Locale.ROOT);
        boolean alac = encoding.contains("alac") || encoding.contains("apple lossless");
        String codec = alac ? "alac" : encoding.contains("aac") ? "aac" : encoding.isBlank() ? "unknown" : encoding;
        long millis = Math.round(header.getPreciseTrackLength() * 1000);
        int sampleRate = header.getSampleRateAsNumber();
        int channels = header.getChannelNumber();
        if ((channels <= 0 || channels > 64) && !alac) {
            // jaudiotagger misreads the AudioSpecificConfig of mono AAC (and ffmpeg writes 2 in the sample entry)
            channels = aacChannels(source, moov);
        }
        if (sampleRate <= 0 || channels <= 0) {
            throw new UnreadableAudioException("corrupt MP4: no audio track");
        }
        int kbps = (int) header.getBitRateAsNumber();
        if (kbps <= 0 || alac) { // jaudiotagger reports the uncompressed rate for ALAC
            kbps = StreamInfo.kbps(source.size, millis);
        }
        StreamInfo info = new StreamInfo(format, codec, millis, kbps, sampleRate, alac ? header.getBitsPerSample() : 0, channels);
        return TagMapper.map(info, fields);
    }

    @Override
    public Optional<EmbeddedPicture> picture(Source source) throws IOException, UnreadableAudioException {
        moov(source);
        Mp4Tag tag = tag(source);
        if (tag == null) {
            return Optional.empty();
        }
        for (TagField field : tag.getFields("covr")) {
            if (field instanceof Mp4TagCoverField cover && cover.getData() != null) {
                String mime = Mp4TagCoverField.getMimeTypeForImageType(cover.getFieldType());
                return Optional.of(new EmbeddedPicture(cover.getData(), Pictures.mime(mime, cover.getData())));
            }
        }
        return Optional.empty();
    }

    private static Mp4Tag tag(Source source) throws IOException, UnreadableAudioException {
        try {
            return new Mp4TagReader().read(source.path);
        } catch (CannotReadException e) {
            throw new UnreadableAudioException("corrupt MP4: " + e.getMessage(), e);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableAudioException("corrupt MP4: " + e.getMessage(), e);
        }
    }

    private static void toFields(Mp4Tag tag, TagFields fields) {
        for (Iterator<TagField> it = tag.getFields(); it.hasNext(); ) {
            TagField field = it.next();
            String id = field.getId();
            if (field instanceof Mp4TagReverseDnsField freeform) {
                fields.add(Id3Tags.freeformKey(freeform.getDescriptor()), freeform.getContent());
            } else if (field instanceof Mp4TrackField track) {
                positive(fields, "TRACKNUMBER", track.getTrackNo());
                positive(fields, "TRACKTOTAL", track.getTrackTotal());
            } else if (field instanceof Mp4DiscNoField disc) {
                positive(fields, "DISCNUMBER", disc.getDiscNo());
                positive(fields, "DISCTOTAL", disc.getDiscTotal());
            } else if (id.equals("covr")) {
                fields.notePicture();
            } else if (id.equals("©lyr") && field instanceof TagTextField text && text.getContent() != null) {
                fields.addLyrics(EmbeddedLyrics.Kind.MP4_LYR, "", "", text.getContent());
            } else if (ATOMS.containsKey(id) && field instanceof TagTextField text) {
                fields.add(ATOMS.get(id), text.getContent());
            }
        }
    }

    private static void positive(TagFields fields, String key, Short value) {
        if (value != null && value > 0) {
            fields.add(key, value.toString());
        }
    }

    /** The channel configuration from the AAC AudioSpecificConfig in the esds box (0 if not found). */
    static int aacChannels(Source source, long[] moov) throws IOException, UnreadableAudioException {
        ByteBuffer box = source.read(moov[0], Source.length(moov[1], source.size - moov[0], "the moov box"), "the moov box");
        byte[] bytes = new byte[box.remaining()];
        box.get(bytes);
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (bytes[i] == 'e' && bytes[i + 1] == 's' && bytes[i + 2] == 'd' && bytes[i + 3] == 's') {
                return esdsChannels(ByteBuffer.wrap(bytes, i + 8, bytes.length - i - 8).slice());
            }
        }
        return 0;
    }

    private static int esdsChannels(ByteBuffer b) {
        try {
            while (b.remaining() > 2) {
                int tag = b.get() & 0xFF;
                int length = 0;
                for (int i = 0; i < 4; i++) {
                    int v = b.get() & 0xFF;
                    length = (length << 7) | (v & 0x7F);
                    if (v < 0x80) {
                        break;
                    }
                }
                switch (tag) {
                    case 0x03 -> {
                        b.getShort();
                        int flags = b.get() & 0xFF;
                        if ((flags & 0x80) != 0) {
                            b.getShort();
                        }
                        if ((flags & 0x40) != 0) {
                            b.position(b.position() + (b.get() & 0xFF));
                        }
                        if ((flags & 0x20) != 0) {
                            b.getShort();
                        }
                    }
                    case 0x04 -> b.position(b.position() + 13);
                    case 0x05 -> {
                        int bits = ((b.get() & 0xFF) << 8) | (b.get() & 0xFF);
                        int objectType = bits >>> 11;
                        int frequencyIndex = (bits >>> 7) & 0xF;
                        if (objectType == 31 || frequencyIndex == 15) {
                            return 0; // escape codes: rare, not worth the bit reader
                        }
                        return (bits >>> 3) & 0xF;
                    }
                    default -> b.position(b.position() + length);
                }
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Boxes whose content is boxes (meta also, after its version and flags); an ilst item's content is data boxes. */
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "udta", "ilst", "edts", "dinf", "meta");

    /**
     * Checks that every box in the moov tree fits in its parent before jaudiotagger reads it: jaudiotagger allocates
     * what a box declares (a damaged data box of 16 MB in an 8 KB file became a 16 MB array; 2 GB would be an
     * OutOfMemoryError).
     */
    static void checkBoxes(ByteBuffer b, int start, int end, int depth, boolean items) throws UnreadableAudioException {
        int position = start;
        while (position + 8 <= end) {
            long size = b.getInt(position) & 0xFFFFFFFFL;
            String type = new String(new byte[] {b.get(position + 4), b.get(position + 5), b.get(position + 6), b.get(position + 7)},
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                if (position + 16 > end) {
                    throw new UnreadableAudioException("corrupt MP4: the " + type + " box at byte " + position + " is cut short");
                }
                size = b.getLong(position + 8);
                header = 16;
            } else if (size == 0) {
                size = end - position;
            }
            if (size < header || size > end - position) {
                throw new UnreadableAudioException("corrupt MP4: the " + type + " box at byte " + position + " declares " + size
                        + " bytes, " + (end - position) + " are left in its parent");
            }
            int contentEnd = (int) (position + size);
            if (depth < 16) {
                int content = position + header;
                if (type.equals("meta") && content + 8 <= contentEnd && b.getInt(content) == 0) {
                    content += 4; // a full box: version and flags before the children
                }
                if (CONTAINERS.contains(type) || items) {
                    checkBoxes(b, content, contentEnd, depth + 1, type.equals("ilst"));
                }
            }
            position = contentEnd;
        }
    }

    /**
     * Position and size of the moov box, after checking that the top-level boxes make sense (a known first box,
     * sane sizes) and that moov is complete: a truncated download usually lacks it.
     */
    private static long[] moov(Source source) throws IOException, UnreadableAudioException {
        if (source.size == 0) {
            throw new UnreadableAudioException("empty file");
        }
        long position = 0;
        for (int boxes = 0; position + 8 <= source.size && boxes < 1000; boxes++) {
            ByteBuffer header = source.readUpTo(position, 16);
            long size = header.getInt(0) & 0xFFFFFFFFL;
            String type = new String(new byte[] {header.get(4), header.get(5), header.get(6), header.get(7)}, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (boxes == 0 && !TOP_LEVEL.contains(type)) {
                throw new UnreadableAudioException("not an MP4 file (no ftyp/moov/mdat box at the start)");
            }
            if (size == 1 && header.remaining() >= 16) {
                size = header.getLong(8);
            } else if (size == 0) {
                size = source.size - position;
            }
            if (size < 8) {
                throw new UnreadableAudioException("corrupt MP4: a box of " + size + " bytes at byte " + position);
            }
            if (type.equals("moov")) {
                if (position + size > source.size) {
                    throw new UnreadableAudioException("truncated: the moov box runs past the end of the file");
                }
                int length = Source.length(size, source.size - position, "the moov box");
                checkBoxes(source.read(position, length, "the moov box"), 8, length, 0, false);
                return new long[] {position, size};
            }
            position += size;
        }
        throw new UnreadableAudioException("truncated or corrupt MP4: no moov box");
    }
}
