package dev.resonance.impl.library.tags;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Hand-built ID3v2 bytes for tests: frames of every version (2.2, 2.3, 2.4), their flags, compression and
 * unsynchronisation, the tag around them and a small MP3 to carry it; what tag writers make rarely or never.
 */
public final class Id3Bytes {

    private Id3Bytes() {
    }

    /** A text frame body: ISO-8859-1 encoding, then the text. */
    public static byte[] text(String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[v.length + 1];
        System.arraycopy(v, 0, body, 1, v.length);
        return body;
    }

    /** An ID3v2.2 frame: three-letter id, 24-bit size, no flags. */
    public static byte[] frame22(String id, byte[] body) {
        int size = body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) (size >> 16), (byte) (size >> 8), (byte) size});
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** An ID3v2.3 frame: plain 32-bit size. */
    public static byte[] frame23(String id, int flags, byte[] body) {
        return ByteBuffer.allocate(10 + body.length).put(id.getBytes(StandardCharsets.ISO_8859_1)).putInt(body.length).putShort((short) flags)
                .put(body).array();
    }

    /** An ID3v2.4 frame: syncsafe size. */
    public static byte[] frame24(String id, int flags, byte[] body) {
        return ByteBuffer.allocate(10 + body.length).put(id.getBytes(StandardCharsets.ISO_8859_1)).putInt(syncsafe(body.length))
                .putShort((short) flags).put(body).array();
    }

    /** An ID3v2.3 frame with the compression flag: the uncompressed size ({@code declared}, or the true one), then zlib data. */
    public static byte[] compressedFrame23(String id, byte[] body, int declared) {
        byte[] zlib = deflate(body);
        ByteBuffer content = ByteBuffer.allocate(4 + zlib.length).putInt(declared < 0 ? body.length : declared).put(zlib);
        return frame23(id, 0x0080, content.array());
    }

    /** An ID3v2.4 frame compressed, with its data length indicator (both flags, as the standard requires). */
    public static byte[] compressedFrame24(String id, byte[] body) {
        byte[] zlib = deflate(body);
        return frame24(id, 0x0008 | 0x0001, ByteBuffer.allocate(4 + zlib.length).putInt(syncsafe(body.length)).put(zlib).array());
    }

    /** An ID3v2.4 frame with its own unsynchronisation flag, its body unsynchronised. */
    public static byte[] unsynchronisedFrame24(String id, byte[] body) {
        return frame24(id, 0x0002, unsynchronise(body));
    }

    /** The tag around {@code frames}: header (version 2, 3 or 4, {@code flags}) and 32 bytes of padding. */
    public static byte[] tag(int version, int flags, byte[]... frames) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            body.writeBytes(f);
        }
        body.writeBytes(new byte[32]);
        return header(version, flags, body.toByteArray());
    }

    /** An ID3v2.2 or 2.3 tag with the unsynchronisation flag, whose frames are unsynchronised as a whole. */
    public static byte[] unsynchronisedTag(int version, byte[]... frames) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            body.writeBytes(f);
        }
        body.writeBytes(new byte[32]);
        return header(version, 0x80, unsynchronise(body.toByteArray()));
    }

    private static byte[] header(int version, int flags, byte[] body) {
        int size = body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'I', 'D', '3', (byte) version, 0, (byte) flags,
                (byte) ((size >> 21) & 0x7F), (byte) ((size >> 14) & 0x7F), (byte) ((size >> 7) & 0x7F), (byte) (size & 0x7F)});
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** ID3 unsynchronisation: a 0x00 after every 0xFF, so no false MPEG sync (0xFF 0xE0+) is left. */
    public static byte[] unsynchronise(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 16);
        for (byte b : bytes) {
            out.write(b);
            if ((b & 0xFF) == 0xFF) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    /** {@code tag} followed by 20 MPEG-1 layer III frames (128 kbps, 44.1 kHz: 417 bytes each, silent). */
    public static byte[] mp3(byte[] tag) {
        ByteBuffer b = ByteBuffer.allocate(tag.length + 20 * 417).put(tag);
        for (int i = 0; i < 20; i++) {
            b.putInt(0xFFFB9064).put(new byte[413]);
        }
        return b.array();
    }

    /** A USLT body: encoding (0 ISO-8859-1, 1 UTF-16 with BOM, 3 UTF-8), language, descriptor, text. */
    public static byte[] uslt(int encoding, String language, String description, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(encoding);
        out.writeBytes(language.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(string(encoding, description, true));
        out.writeBytes(string(encoding, text, false));
        return out.toByteArray();
    }

    /** One SYLT entry: its text and time stamp. */
    public record Entry(String text, int timestamp) {
    }

    /** A SYLT body: encoding, language, time stamps in milliseconds, content type lyrics, descriptor, entries. */
    public static byte[] sylt(int encoding, String language, String description, Entry... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(encoding);
        out.writeBytes(language.getBytes(StandardCharsets.ISO_8859_1));
        out.write(2); // absolute time in milliseconds
        out.write(1); // lyrics
        out.writeBytes(string(encoding, description, true));
        for (Entry e : entries) {
            out.writeBytes(string(encoding, e.text(), true));
            out.writeBytes(ByteBuffer.allocate(4).putInt(e.timestamp()).array());
        }
        return out.toByteArray();
    }

    /** A string as ID3 encodes it: UTF-16 with a little-endian BOM for encoding 1; terminated when asked. */
    private static byte[] string(int encoding, String value, boolean terminated) {
        Charset charset = switch (encoding) {
            case 1 -> StandardCharsets.UTF_16LE;
            case 2 -> StandardCharsets.UTF_16BE;
            case 3 -> StandardCharsets.UTF_8;
            default -> StandardCharsets.ISO_8859_1;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (encoding == 1) {
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
        }
        out.writeBytes(value.getBytes(charset));
        if (terminated) {
            out.writeBytes(encoding == 1 || encoding == 2 ? new byte[2] : new byte[1]);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] body) {
        Deflater deflater = new Deflater();
        deflater.setInput(body);
        deflater.finish();
        byte[] out = new byte[body.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return java.util.Arrays.copyOf(out, n);
    }

    private static int syncsafe(int value) {
        return (value & 0x7F) | ((value >> 7) & 0x7F) << 8 | ((value >> 14) & 0x7F) << 16 | ((value >> 21) & 0x7F) << 24;
    }
}
