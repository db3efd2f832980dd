package dev.resonance.impl.library.tags;

import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Ogg Opus and Ogg Vorbis (jaudiotagger cannot read Opus, and an ".ogg" often holds Opus). Reads the first page
 * (OpusHead / Vorbis identification header: channels, rates, pre-skip), the comment header that starts on the
 * second page (it may span several pages; picture comments are skipped page by page, not read), and the last
 * page of the stream, found in the tail of the file, whose granule position gives the duration. Never decodes
 * audio and never reads the middle of the file.
 */
final class OggReader implements FormatReader {

    private static final int TAIL = 16 * 1024;
    /** The largest possible page: header, 255 lacing values, 255 × 255 bytes. */
    private static final int MAX_PAGE = 27 + 255 + 255 * 255;

    @Override
    public AudioTags read(Source source, String format) throws IOException, UnreadableAudioException {
        Header header = header(source);
        TagFields fields = new TagFields();
        VorbisComments.read(header.comments(source), fields);
        long granule = lastGranule(source, header.serial);
        long samples = header.opus ? granule - header.preSkip : granule;
        if (samples < 0) {
            throw new UnreadableAudioException("corrupt: the last Ogg page is before the start of the audio");
        }
        int rate = header.opus ? 48_000 : header.sampleRate;
        long millis = StreamInfo.millis(samples, rate);
        StreamInfo info = new StreamInfo(format, header.opus ? "opus" : "vorbis", millis, StreamInfo.kbps(source.size, millis),
                rate, 0, header.channels);
        return TagMapper.map(info, fields);
    }

    @Override
    public Optional<EmbeddedPicture> picture(Source source) throws IOException, UnreadableAudioException {
        return VorbisComments.picture(header(source).comments(source));
    }

    private record Header(boolean opus, int channels, int sampleRate, int preSkip, int serial, long commentPage) {
        VorbisComments.Input comments(Source source) throws IOException, UnreadableAudioException {
            PacketInput in = new PacketInput(source, serial, commentPage);
            byte[] magic = in.bytes(opus ? 8 : 7);
            boolean ok = opus ? new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("OpusTags")
                    : magic[0] == 3 && new String(magic, 1, 6, java.nio.charset.StandardCharsets.US_ASCII).equals("vorbis");
            if (!ok) {
                throw new UnreadableAudioException("corrupt: the second Ogg packet is not a comment header");
            }
            return in;
        }
    }

    private static Header header(Source source) throws IOException, UnreadableAudioException {
        if (source.size < 27) {
            throw new UnreadableAudioException(source.size == 0 ? "empty file" : "truncated: too short for an Ogg page");
        }
        Page first = Page.at(source, 0);
        if (first == null) {
            throw new UnreadableAudioException("not an Ogg file (no Ogg page at the start)");
        }
        if (first.bodyLength > 4096 || first.continuesPacket()) {
            throw new UnreadableAudioException("corrupt: the first Ogg page does not hold a codec header");
        }
        ByteBuffer page = source.read(0, first.headerLength + first.bodyLength, "the first Ogg page");
        byte[] bytes = new byte[page.remaining()];
        page.get(bytes);
        if (OggCrc.of(bytes) != first.crc) {
            throw new UnreadableAudioException("corrupt: the first Ogg page fails its checksum");
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, first.headerLength, first.bodyLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        long next = first.headerLength + (long) first.bodyLength;
        if (startsWith(body, "OpusHead")) {
            if (body.remaining() < 19) {
                throw new UnreadableAudioException("corrupt: OpusHead is too short");
            }
            int channels = body.get(9) & 0xFF;
            int preSkip = body.getShort(10) & 0xFFFF;
            if (channels == 0) {
                throw new UnreadableAudioException("corrupt: OpusHead declares no channels");
            }
            return new Header(true, channels, body.getInt(12), preSkip, first.serial, next);
        }
        if (body.remaining() >= 30 && body.get(0) == 1 && startsWith(body.duplicate().position(1), "vorbis")) {
            int channels = body.get(11) & 0xFF;
            int rate = body.getInt(12);
            if (channels == 0 || rate <= 0) {
                throw new UnreadableAudioException("corrupt: the Vorbis header declares no channels or no sample rate");
            }
            return new Header(false, channels, rate, 0, first.serial, next);
        }
        if (startsWith(body, "\u007FFLAC") || startsWith(body, "Speex") || startsWith(body, "\u0080theora")) {
            throw new UnreadableAudioException("unsupported: this Ogg file holds neither Opus nor Vorbis audio");
        }
        throw new UnreadableAudioException("corrupt: the first Ogg packet is not an Opus or Vorbis header");
    }

    /** The granule position of the stream's last page, found in the tail of the file. */
    private static long lastGranule(Source source, int serial) throws IOException, UnreadableAudioException {
        for (int window : new int[] {TAIL, MAX_PAGE + 27}) {
            long start = Math.max(0, source.size - window);
            ByteBuffer tail = source.readUpTo(start, (int) (source.size - start)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = tail.limit() - 27; i >= 0; i--) {
                if (tail.get(i) != 'O' || tail.get(i + 1) != 'g' || tail.get(i + 2) != 'g' || tail.get(i + 3) != 'S' || tail.get(i + 4) != 0) {
                    continue;
                }
                long granule = tail.getLong(i + 6);
                if (tail.getInt(i + 14) != serial || granule == -1) {
                    continue;
                }
                int segments = tail.get(i + 26) & 0xFF;
                if (i + 27 + segments > tail.limit()) {
                    continue;
                }
                long bodyLength = 0;
                for (int s = 0; s < segments; s++) {
                    bodyLength += tail.get(i + 27 + s) & 0xFF;
                }
                if (start + i + 27 + segments + bodyLength <= source.size) {
                    return granule;
                }
            }
            if (start == 0) {
                break;
            }
        }
        throw new UnreadableAudioException("truncated: no complete Ogg audio page at the end of the file");
    }

    private static boolean startsWith(ByteBuffer b, String ascii) {
        if (b.remaining() < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b.get(b.position() + i) != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** An Ogg page header. */
    record Page(long position, int headerType, long granule, int serial, int crc, int headerLength, int bodyLength, int[] lacing) {

        /** The page at {@code position}, or null if there is none. */
        static Page at(Source source, long position) throws IOException {
            ByteBuffer b = source.readUpTo(position, 27 + 255).order(ByteOrder.LITTLE_ENDIAN);
            if (b.remaining() < 27 || b.get(0) != 'O' || b.get(1) != 'g' || b.get(2) != 'g' || b.get(3) != 'S' || b.get(4) != 0) {
                return null;
            }
            int segments = b.get(26) & 0xFF;
            if (b.remaining() < 27 + segments) {
                return null;
            }
            int[] lacing = new int[segments];
            int body = 0;
            for (int i = 0; i < segments; i++) {
                lacing[i] = b.get(27 + i) & 0xFF;
                body += lacing[i];
            }
            return new Page(position, b.get(5) & 0xFF, b.getLong(6), b.getInt(14), b.getInt(22), 27 + segments, body, lacing);
        }

        /** Whether the last packet on this page goes on to the next page. */
        boolean continuesPacket() {
            return lacing.length == 0 || lacing[lacing.length - 1] == 255;
        }

        long end() {
            return position + headerLength + bodyLength;
        }
    }

    /**
     * The bytes of one packet that starts at the beginning of a page, read in small chunks, following it over
     * as many pages as it takes. {@link #skip} moves over bytes without reading them.
     */
    static final class PacketInput implements VorbisComments.Input {
        private static final int CHUNK = 8192;
        private final Source source;
        private final int serial;
        private Page page;
        /** Bytes of this packet on the current page not yet buffered, and where they start. */
        private long runPosition;
        private long runRemaining;
        private boolean packetContinues;
        private ByteBuffer buffer = ByteBuffer.allocate(0);

        PacketInput(Source source, int serial, long firstPage) throws IOException, UnreadableAudioException {
            this.source = source;
            this.serial = serial;
            load(firstPage, false);
        }

        private void load(long position, boolean continuation) throws IOException, UnreadableAudioException {
            page = Page.at(source, position);
            if (page == null) {
                throw new UnreadableAudioException("truncated or corrupt: expected an Ogg page at byte " + position);
            }
            if (page.serial != serial) {
                throw new UnreadableAudioException("unsupported: interleaved Ogg streams in the header");
            }
            if (continuation != ((page.headerType & 1) == 1)) {
                throw new UnreadableAudioException("corrupt: Ogg page continuation flags do not match the packet");
            }
            long run = 0;
            packetContinues = true;
            for (int lace : page.lacing) {
                run += lace;
                if (lace < 255) {
                    packetContinues = false;
                    break;
                }
            }
            runPosition = page.position + page.headerLength;
            runRemaining = run;
            if (runPosition + run > source.size) {
                throw new UnreadableAudioException("truncated: an Ogg header page runs past the end of the file");
            }
        }

        private boolean advance() throws IOException, UnreadableAudioException {
            if (runRemaining > 0) {
                return true;
            }
            if (!packetContinues) {
                return false;
            }
            load(page.end(), true);
            return true;
        }

        @Override
        public byte[] bytes(int n) throws IOException, UnreadableAudioException {
            // a comment's length comes from the file: no more can be there than the rest of the file holds
            if (n > buffer.remaining() + (source.size - runPosition)) {
                throw new UnreadableAudioException("corrupt: the comment header ends early");
            }
            byte[] out = new byte[n];
            int filled = 0;
            while (filled < n) {
                if (!buffer.hasRemaining()) {
                    if (!advance()) {
                        throw new UnreadableAudioException("corrupt: the comment header ends early");
                    }
                    int chunk = (int) Math.min(runRemaining, Math.max(CHUNK, n - filled));
                    buffer = source.read(runPosition, chunk, "an Ogg header page");
                    runPosition += chunk;
                    runRemaining -= chunk;
                }
                int take = Math.min(buffer.remaining(), n - filled);
                buffer.get(out, filled, take);
                filled += take;
            }
            return out;
        }

        @Override
        public void skip(long n) throws IOException, UnreadableAudioException {
            long left = n;
            int fromBuffer = (int) Math.min(buffer.remaining(), left);
            buffer.position(buffer.position() + fromBuffer);
            left -= fromBuffer;
            while (left > 0) {
                if (!advance()) {
                    throw new UnreadableAudioException("corrupt: the comment header ends early");
                }
                long take = Math.min(runRemaining, left);
                runPosition += take;
                runRemaining -= take;
                left -= take;
            }
        }
    }

    /** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, computed with the CRC field zeroed. */
    static final class OggCrc {
        private static final int[] TABLE = new int[256];

        static {
            for (int i = 0; i < 256; i++) {
                int r = i << 24;
                for (int j = 0; j < 8; j++) {
                    r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
                }
                TABLE[i] = r;
            }
        }

        static int of(byte[] page) {
            int crc = 0;
            for (int i = 0; i < page.length; i++) {
                int b = (i >= 22 && i < 26) ? 0 : page[i];
                crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b) & 0xFF];
            }
            return crc;
        }
    }
}
