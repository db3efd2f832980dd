package dev.resonance.testing.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Replaces the comment header of an Ogg Opus file (ffmpeg cannot write several values for one key, nor pictures):
 * re-paginates the header packets and renumbers (and re-checksums) the pages that follow. Test fixtures only.
 */
final class OggCommentWriter {

    private OggCommentWriter() {
    }

    /** The OpusTags packet for {@code comments} ("KEY=value" each). */
    static byte[] opusTags(String vendor, List<Map.Entry<String, String>> comments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("OpusTags".getBytes(StandardCharsets.US_ASCII));
        writeCommentList(out, vendor, comments);
        return out.toByteArray();
    }

    static void writeCommentList(ByteArrayOutputStream out, String vendor, List<Map.Entry<String, String>> comments) {
        byte[] v = vendor.getBytes(StandardCharsets.UTF_8);
        writeIntLe(out, v.length);
        out.writeBytes(v);
        writeIntLe(out, comments.size());
        for (Map.Entry<String, String> c : comments) {
            byte[] bytes = (c.getKey() + "=" + c.getValue()).getBytes(StandardCharsets.UTF_8);
            writeIntLe(out, bytes.length);
            out.writeBytes(bytes);
        }
    }

    /** A FLAC PICTURE block body, base64-encoded, as Vorbis comment METADATA_BLOCK_PICTURE carries it. */
    static String metadataBlockPicture(FixtureTags.Picture picture) {
        ByteBuffer b = ByteBuffer.allocate(32 + picture.mimeType().length() + picture.data().length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(3); // front cover
        byte[] mime = picture.mimeType().getBytes(StandardCharsets.US_ASCII);
        b.putInt(mime.length).put(mime);
        b.putInt(0); // description
        b.putInt(CoverArt.size()).putInt(CoverArt.size()).putInt(24).putInt(0);
        b.putInt(picture.data().length).put(picture.data());
        return Base64.getEncoder().encodeToString(Arrays.copyOf(b.array(), b.position()));
    }

    /** Rewrites an Ogg Opus stream so its second packet is {@code commentPacket}. */
    static byte[] replaceOpusTags(byte[] file, byte[] commentPacket) {
        List<Page> pages = new ArrayList<>();
        for (int pos = 0; pos < file.length; ) {
            Page page = Page.parse(file, pos);
            pages.add(page);
            pos += page.length;
        }
        // Header packets: OpusHead (page 0), OpusTags (pages 1..k, the last one ends the packet).
        int firstAudioPage = 1;
        while (firstAudioPage < pages.size() && pages.get(firstAudioPage).endsWithContinuation()) {
            firstAudioPage++;
        }
        firstAudioPage++;
        int serial = pages.get(0).serial;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int sequence = 0;
        writePage(out, 0x02, 0, serial, sequence++, pages.get(0).body);
        sequence = writePacketPages(out, commentPacket, serial, sequence);
        for (int i = firstAudioPage; i < pages.size(); i++) {
            Page p = pages.get(i);
            byte[] copy = Arrays.copyOfRange(file, p.offset, p.offset + p.length);
            ByteBuffer header = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(18, sequence++);
            header.putInt(22, 0);
            header.putInt(22, OggCrc.of(copy));
            out.writeBytes(copy);
        }
        return out.toByteArray();
    }

    private static int writePacketPages(ByteArrayOutputStream out, byte[] packet, int serial, int sequence) {
        // lacing values: n*255 then the remainder (possibly 0)
        int full = packet.length / 255;
        int segments = full + 1;
        int offset = 0;
        boolean continued = false;
        while (segments > 0) {
            int pageSegments = Math.min(segments, 255);
            segments -= pageSegments;
            boolean last = segments == 0;
            ByteArrayOutputStream lacing = new ByteArrayOutputStream();
            int bodyLength = 0;
            for (int s = 0; s < pageSegments; s++) {
                int remaining = packet.length - offset - bodyLength;
                int lace = (last && s == pageSegments - 1) ? remaining : 255;
                lacing.write(lace);
                bodyLength += lace;
            }
            byte[] body = Arrays.copyOfRange(packet, offset, offset + bodyLength);
            offset += bodyLength;
            writeRawPage(out, continued ? 0x01 : 0x00, last ? 0 : -1, serial, sequence++, lacing.toByteArray(), body);
            continued = true;
        }
        return sequence;
    }

    /** A page holding exactly one (small) packet. */
    private static void writePage(ByteArrayOutputStream out, int type, long granule, int serial, int sequence, byte[] packet) {
        ByteArrayOutputStream lacing = new ByteArrayOutputStream();
        int n = packet.length;
        while (n >= 255) {
            lacing.write(255);
            n -= 255;
        }
        lacing.write(n);
        writeRawPage(out, type, granule, serial, sequence, lacing.toByteArray(), packet);
    }

    private static void writeRawPage(ByteArrayOutputStream out, int type, long granule, int serial, int sequence, byte[] lacing, byte[] body) {
        ByteBuffer page = ByteBuffer.allocate(27 + lacing.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        page.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) type).putLong(granule)
                .putInt(serial).putInt(sequence).putInt(0).put((byte) lacing.length).put(lacing).put(body);
        byte[] bytes = page.array();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(22, OggCrc.of(bytes));
        out.writeBytes(bytes);
    }

    private static void writeIntLe(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
        out.write((value >>> 16) & 0xFF);
        out.write((value >>> 24) & 0xFF);
    }

    private record Page(int offset, int length, int serial, int lastLacing, byte[] body) {
        static Page parse(byte[] file, int pos) {
            if (file[pos] != 'O' || file[pos + 1] != 'g' || file[pos + 2] != 'g' || file[pos + 3] != 'S') {
                throw new IllegalStateException("not an Ogg page at " + pos);
            }
            ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            int serial = b.getInt(pos + 14);
            int segments = file[pos + 26] & 0xFF;
            int bodyLength = 0;
            int last = 0;
            for (int i = 0; i < segments; i++) {
                last = file[pos + 27 + i] & 0xFF;
                bodyLength += last;
            }
            int headerLength = 27 + segments;
            byte[] body = Arrays.copyOfRange(file, pos + headerLength, pos + headerLength + bodyLength);
            return new Page(pos, headerLength + bodyLength, serial, last, body);
        }

        boolean endsWithContinuation() {
            return lastLacing == 255;
        }
    }

    /** Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected, initial value 0). */
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
            for (byte value : page) {
                crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ value) & 0xFF];
            }
            return crc;
        }
    }
}
