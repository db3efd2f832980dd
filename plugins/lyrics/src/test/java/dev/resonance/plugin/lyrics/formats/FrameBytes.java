package dev.resonance.plugin.lyrics.formats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Hand-built ID3 frame bodies: every byte is written by the test, no tagging library in between. */
public final class FrameBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static FrameBytes frame() {
        return new FrameBytes();
    }

    public FrameBytes bytes(int... values) {
        for (int value : values) {
            out.write(value);
        }
        return this;
    }

    public FrameBytes text(String text, Charset charset) {
        out.writeBytes(text.getBytes(charset));
        return this;
    }

    public FrameBytes iso(String text) {
        return text(text, StandardCharsets.ISO_8859_1);
    }

    public FrameBytes utf8(String text) {
        return text(text, StandardCharsets.UTF_8);
    }

    public FrameBytes utf16le(String text) {
        return text(text, StandardCharsets.UTF_16LE);
    }

    public FrameBytes utf16be(String text) {
        return text(text, StandardCharsets.UTF_16BE);
    }

    /** A 4-byte big-endian time stamp. */
    public FrameBytes stamp(long value) {
        return bytes((int) (value >>> 24) & 0xFF, (int) (value >>> 16) & 0xFF, (int) (value >>> 8) & 0xFF,
            (int) value & 0xFF);
    }

    public byte[] build() {
        return out.toByteArray();
    }
}
