package dev.resonance.impl.library.tags;

import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * MP3: the ID3v2 tag at the start (parsed by jaudiotagger), the first MPEG audio frames (confirmed by a chain of
 * three consecutive valid frames, so random bytes are not taken for audio), the Xing/Info/VBRI header for the frame
 * count and the LAME tag for encoder delay and padding (exact duration), and ID3v1 at the end when there is no
 * ID3v2 tag. Reads the tag plus a few kilobytes.
 */
final class Mp3Reader implements FormatReader {

    /** How far after the tags we look for the first frame (junk, padding). */
    private static final int SEARCH = 128 * 1024;
    private static final int FRAMES_TO_CONFIRM = 3;

    @Override
    public AudioTags read(Source source, String format) throws IOException, UnreadableAudioException {
        if (source.size == 0) {
            throw new UnreadableAudioException("empty file");
        }
        TagFields fields = new TagFields();
        long audioStart = readId3v2(source, fields);
        long audioEnd = source.size;
        if (source.size >= 128) {
            ByteBuffer last = source.readUpTo(source.size - 128, 128);
            TagFields v1 = new TagFields();
            if (Id3Tags.id3v1(last, v1)) {
                audioEnd -= 128;
                if (fields.isEmpty()) {
                    fields = v1;
                }
            }
        }
        Frame first = firstFrame(source, audioStart, audioEnd);
        StreamInfo info = streamInfo(source, first, audioEnd, format);
        return TagMapper.map(info, fields);
    }

    @Override
    public Optional<EmbeddedPicture> picture(Source source) throws IOException, UnreadableAudioException {
        long length = Id3Tags.tagLength(source.readUpTo(0, 10));
        return length < 0 ? Optional.empty() : Id3Tags.picture(source, 0, length);
    }

    /** Reads the ID3v2 tag into {@code fields}; returns where the audio starts. */
    private static long readId3v2(Source source, TagFields fields) throws IOException, UnreadableAudioException {
        long length = Id3Tags.tagLength(source.readUpTo(0, 10));
        if (length < 0) {
            return 0;
        }
        if (length > source.size) {
            throw new UnreadableAudioException("truncated: the ID3v2 tag runs past the end of the file");
        }
        Id3Tags.read(source, 0, length, fields);
        return Id3Tags.skipId3v2(source, 0);
    }

    // ---- MPEG audio frames ------------------------------------------------------------------------------

    private static final int[][] BITRATES = {
            // MPEG-1 layer I, II, III
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
            // MPEG-2/2.5 layer I, II/III
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};
    private static final int[] SAMPLE_RATES = {44100, 48000, 32000};

    /** One MPEG audio frame header. */
    record Frame(long position, int version, int layer, int bitrateKbps, int sampleRate, boolean mono, int length, int samples) {

        /** version: 1, 2 or 25 (MPEG 2.5); layer 1..3. Null when the 4 bytes are not a valid header. */
        static Frame parse(int header, long position) {
            if ((header & 0xFFE00000) != 0xFFE00000) {
                return null;
            }
            int versionBits = (header >>> 19) & 3;
            int layerBits = (header >>> 17) & 3;
            int bitrateIndex = (header >>> 12) & 0xF;
            int rateIndex = (header >>> 10) & 3;
            if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3 || (header & 3) == 2) {
                return null; // reserved values; free-format streams are not supported
            }
            int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
            int layer = 4 - layerBits;
            int bitrate = version == 1 ? BITRATES[layer - 1][bitrateIndex] : BITRATES[layer == 1 ? 3 : 4][bitrateIndex];
            int sampleRate = SAMPLE_RATES[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
            int padding = (header >>> 9) & 1;
            boolean mono = ((header >>> 6) & 3) == 3;
            int length;
            int samples;
            if (layer == 1) {
                length = (12 * bitrate * 1000 / sampleRate + padding) * 4;
                samples = 384;
            } else if (layer == 2 || version == 1) {
                length = 144 * bitrate * 1000 / sampleRate + padding;
                samples = 1152;
            } else {
                length = 72 * bitrate * 1000 / sampleRate + padding;
                samples = 576;
            }
            return new Frame(position, version, layer, bitrate, sampleRate, mono, length, samples);
        }

        boolean sameStream(Frame other) {
            return other.version == version && other.layer == layer && other.sampleRate == sampleRate;
        }
    }

    private static Frame firstFrame(Source source, long start, long audioEnd) throws IOException, UnreadableAudioException {
        if (start >= audioEnd) {
            throw new UnreadableAudioException("no MPEG audio after the ID3v2 tag");
        }
        ByteBuffer window = source.readUpTo(start, (int) Math.min(SEARCH, audioEnd - start));
        int limit = window.limit();
        for (int i = 0; i + 4 <= limit; i++) {
            if ((window.get(i) & 0xFF) != 0xFF || (window.get(i + 1) & 0xE0) != 0xE0) {
                continue;
            }
            Frame frame = Frame.parse(window.getInt(i), start + i);
            if (frame != null && confirmed(source, window, start, frame, audioEnd)) {
                return frame;
            }
        }
        throw new UnreadableAudioException("no MPEG audio frames found (not an MP3 file, or corrupt)");
    }

    /** Whether the frames that follow {@code frame} are valid too (or the audio ends exactly after it). */
    private static boolean confirmed(Source source, ByteBuffer window, long windowStart, Frame frame, long audioEnd) throws IOException {
        Frame current = frame;
        for (int n = 1; n < FRAMES_TO_CONFIRM; n++) {
            long next = current.position + current.length;
            if (next == audioEnd) {
                return true;
            }
            if (next + 4 > audioEnd) {
                return false;
            }
            int header;
            long offset = next - windowStart;
            if (offset + 4 <= window.limit()) {
                header = window.getInt((int) offset);
            } else {
                ByteBuffer b = source.readUpTo(next, 4);
                if (b.remaining() < 4) {
                    return false;
                }
                header = b.getInt(0);
            }
            Frame following = Frame.parse(header, next);
            if (following == null || !following.sameStream(frame)) {
                return false;
            }
            current = following;
        }
        return true;
    }

    private static StreamInfo streamInfo(Source source, Frame first, long audioEnd, String format) throws IOException {
        ByteBuffer frame = source.readUpTo(first.position, Math.max(first.length, 4 + 32 + 120 + 36));
        int sideInfo = first.version == 1 ? (first.mono ? 17 : 32) : (first.mono ? 9 : 17);
        long frames = -1;
        long delay = 0;
        long padding = 0;
        boolean infoFrame = false;
        int xing = 4 + sideInfo;
        if (frame.limit() >= xing + 8 && (tagAt(frame, xing, "Xing") || tagAt(frame, xing, "Info"))) {
            infoFrame = true;
            int flags = frame.getInt(xing + 4);
            int p = xing + 8;
            if ((flags & 1) != 0 && frame.limit() >= p + 4) {
                frames = frame.getInt(p) & 0xFFFFFFFFL;
                p += 4;
            }
            if ((flags & 2) != 0) {
                p += 4; // stream bytes: we measure them ourselves
            }
            if ((flags & 4) != 0) {
                p += 100;
            }
            if ((flags & 8) != 0) {
                p += 4;
            }
            // LAME tag: 9-byte encoder string, ..., at +21 12 bits delay and 12 bits padding
            if (frame.limit() >= p + 24 && Character.isLetter(frame.get(p))) {
                int b0 = frame.get(p + 21) & 0xFF;
                int b1 = frame.get(p + 22) & 0xFF;
                int b2 = frame.get(p + 23) & 0xFF;
                delay = (b0 << 4) | (b1 >>> 4);
                padding = ((b1 & 0xF) << 8) | b2;
            }
        } else if (frame.limit() >= 36 + 18 && tagAt(frame, 36, "VBRI")) {
            infoFrame = true;
            frames = frame.getInt(36 + 14) & 0xFFFFFFFFL;
        }
        long millis;
        long dataBytes = audioEnd - first.position - (infoFrame ? first.length : 0);
        if (frames > 0) {
            long samples = frames * first.samples - delay - padding;
            if (samples <= 0) {
                samples = frames * first.samples;
            }
            millis = StreamInfo.millis(samples, first.sampleRate);
        } else {
            millis = Math.round(dataBytes * 8.0 / first.bitrateKbps);
        }
        // bitrate over everything encoded, encoder delay and padding included (a 128 kbps CBR file reads 128)
        int kbps = frames > 0
                ? StreamInfo.kbps(dataBytes, StreamInfo.millis(frames * first.samples, first.sampleRate))
                : first.bitrateKbps;
        return new StreamInfo(format, "mp3", millis, kbps, first.sampleRate, 0, first.mono ? 1 : 2);
    }

    private static boolean tagAt(ByteBuffer b, int offset, String ascii) {
        for (int i = 0; i < 4; i++) {
            if (b.get(offset + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
