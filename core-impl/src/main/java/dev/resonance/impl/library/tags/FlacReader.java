package dev.resonance.impl.library.tags;

import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * FLAC: the metadata blocks at the start of the file (STREAMINFO, VORBIS_COMMENT; PICTURE blocks are only noted,
 * their bytes skipped) and a check that an audio frame follows them. Reads a few kilobytes per file.
 */
final class FlacReader implements FormatReader {

    private static final int STREAMINFO = 0;
    private static final int VORBIS_COMMENT = 4;
    private static final int PICTURE = 6;
    private static final int MAX_BLOCKS = 1024;

    @Override
    public AudioTags read(Source source, String format) throws IOException, UnreadableAudioException {
        TagFields fields = new TagFields();
        ByteBuffer streamInfo = null;
        long position = start(source);
        for (int blocks = 0; ; blocks++) {
            Block block = block(source, position, blocks);
            if (blocks == 0 && block.type != STREAMINFO) {
                throw new UnreadableAudioException("corrupt: the first FLAC block is not STREAMINFO");
            }
            switch (block.type) {
                case STREAMINFO -> streamInfo = source.read(block.bodyPosition, 34, "STREAMINFO");
                case VORBIS_COMMENT -> VorbisComments.read(VorbisComments.of(
                        source.read(block.bodyPosition, block.length, "the Vorbis comment block").order(ByteOrder.LITTLE_ENDIAN)), fields);
                case PICTURE -> fields.notePicture();
                default -> {
                }
            }
            position = block.bodyPosition + block.length;
            if (block.last) {
                break;
            }
        }
        if (position < source.size) {
            ByteBuffer sync = source.read(position, 2, "the first FLAC frame");
            if ((sync.getShort(0) & 0xFFFE) != 0xFFF8) {
                throw new UnreadableAudioException("corrupt: no FLAC audio frame after the metadata");
            }
        }
        long bits = streamInfo.getLong(10);
        int sampleRate = (int) (bits >>> 44);
        int channels = (int) ((bits >>> 41) & 0x7) + 1;
        int bitsPerSample = (int) ((bits >>> 36) & 0x1F) + 1;
        long totalSamples = bits & 0xFFFFFFFFFL;
        if (sampleRate == 0) {
            throw new UnreadableAudioException("corrupt: STREAMINFO declares a sample rate of 0");
        }
        long millis = StreamInfo.millis(totalSamples, sampleRate);
        StreamInfo info = new StreamInfo(format, "flac", millis, StreamInfo.kbps(source.size - position, millis), sampleRate,
                bitsPerSample, channels);
        return TagMapper.map(info, fields);
    }

    @Override
    public Optional<EmbeddedPicture> picture(Source source) throws IOException, UnreadableAudioException {
        long position = start(source);
        VorbisComments.Picture first = null;
        Optional<EmbeddedPicture> fromComments = Optional.empty();
        for (int blocks = 0; ; blocks++) {
            Block block = block(source, position, blocks);
            if (block.type == PICTURE) {
                VorbisComments.Picture p = VorbisComments.flacPicture(source.read(block.bodyPosition, block.length, "a PICTURE block"));
                if (p.type() == 3) {
                    return Optional.of(p.picture());
                }
                if (first == null) {
                    first = p;
                }
            } else if (block.type == VORBIS_COMMENT && fromComments.isEmpty()) {
                fromComments = VorbisComments.picture(VorbisComments.of(
                        source.read(block.bodyPosition, block.length, "the Vorbis comment block").order(ByteOrder.LITTLE_ENDIAN)));
            }
            position = block.bodyPosition + block.length;
            if (block.last) {
                break;
            }
        }
        return first != null ? Optional.of(first.picture()) : fromComments;
    }

    /** Position of the first metadata block: after "fLaC" (and after an ID3v2 tag some taggers put in front). */
    private static long start(Source source) throws IOException, UnreadableAudioException {
        if (source.size == 0) {
            throw new UnreadableAudioException("empty file");
        }
        long offset = Id3Tags.skipId3v2(source, 0);
        ByteBuffer magic = source.readUpTo(offset, 4);
        if (magic.remaining() < 4 || magic.getInt(0) != 0x664C6143) { // "fLaC"
            throw new UnreadableAudioException("not a FLAC file (no fLaC marker)");
        }
        return offset + 4;
    }

    private record Block(boolean last, int type, long bodyPosition, int length) {
    }

    private static Block block(Source source, long position, int index) throws IOException, UnreadableAudioException {
        if (index >= MAX_BLOCKS) {
            throw new UnreadableAudioException("corrupt: more than " + MAX_BLOCKS + " FLAC metadata blocks");
        }
        int header = source.read(position, 4, "a FLAC metadata block header").getInt(0);
        int type = (header >>> 24) & 0x7F;
        long length = header & 0xFFFFFF;
        if (type == 127) {
            throw new UnreadableAudioException("corrupt: invalid FLAC metadata block type");
        }
        if (type == STREAMINFO && length != 34) {
            throw new UnreadableAudioException("corrupt: STREAMINFO is " + length + " bytes, not 34");
        }
        Source.length(length, source.size - position - 4, "a FLAC metadata block");
        return new Block(header < 0, type, position + 4, (int) length);
    }
}
