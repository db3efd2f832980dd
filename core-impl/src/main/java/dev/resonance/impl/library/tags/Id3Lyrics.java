package dev.resonance.impl.library.tags;

import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lyrics in ID3v2 tags, kept as the file has them, in file order: USLT frames (unsynchronised text, often LRC) with
 * their language and content descriptor; SYLT frames (synchronised entries) as their raw body, for a plugin to decode;
 * ULT and SLT in ID3v2.2; and the TXXX frames some writers put lyrics in instead — ffmpeg 4.4 writes
 * {@code -metadata lyrics=} as TXXX "USLT", others use "LYRICS" or "UNSYNCEDLYRICS" — as USLT without a language.
 *
 * <p>The fast parser ({@link Id3v2Parser}) hands over the frame bodies it reads. For the tags it leaves to jaudiotagger
 * (ID3v2.2, unsynchronisation) {@link #read} walks the frames itself: jaudiotagger decodes a SYLT frame into fields and
 * keeps no bytes, so the body could only be re-encoded, not given back as stored.
 */
final class Id3Lyrics {

    /** TXXX descriptions (upper case) whose value is lyrics. */
    private static final Set<String> TXXX = Set.of("USLT", "LYRICS", "UNSYNCEDLYRICS", "UNSYNCED LYRICS");

    private Id3Lyrics() {
    }

    /** Whether a TXXX frame with this description holds lyrics. */
    static boolean isLyricsTxxx(String description) {
        return TXXX.contains(description.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * Keeps a TXXX frame's values as lyrics when its description says they are; {@code parts} are the frame's strings,
     * the description first. Returns whether they were lyrics.
     */
    static boolean txxx(List<String> parts, TagFields fields) {
        if (parts.isEmpty() || !isLyricsTxxx(parts.get(0))) {
            return false;
        }
        for (String value : parts.subList(1, parts.size())) {
            fields.addLyrics(EmbeddedLyrics.Kind.ID3_USLT, "", "", value);
        }
        return true;
    }

    /**
     * Keeps the lyrics of a USLT or SYLT frame from its body (unsynchronisation and compression undone): a USLT's text,
     * a SYLT's whole body. A body too short for its fixed fields, or a USLT with blank text, is no lyrics.
     */
    static void add(String frameId, byte[] body, TagFields fields) {
        if (frameId.equals("SYLT")) {
            // encoding, language (3), time-stamp format, content type, descriptor, entries
            if (body.length >= 6) {
                byte encoding = body[0];
                String description = Id3v2Parser.decode(body, 6, Id3v2Parser.terminator(body, 6, encoding), encoding);
                fields.addLyrics(EmbeddedLyrics.Kind.ID3_SYLT, new String(body, 1, 3, StandardCharsets.ISO_8859_1), description, body);
            }
        } else {
            Id3v2Parser.Described uslt = Id3v2Parser.described(body);
            if (uslt != null) {
                fields.addLyrics(EmbeddedLyrics.Kind.ID3_USLT, uslt.language(), uslt.description(), uslt.text());
            }
        }
    }

    /**
     * Keeps the lyrics of a complete ID3v2 tag of any version (2.2, 2.3, 2.4) at the start of {@code chunk}:
     * unsynchronisation undone (the whole tag for 2.2/2.3, per frame for 2.4), compressed frames inflated, encrypted ones
     * skipped. Stops at padding or at the first frame header that makes no sense, keeping what it found before.
     */
    static void read(ByteBuffer chunk, TagFields fields) {
        long declared = Id3Tags.tagLength(chunk);
        if (declared < 0) {
            return;
        }
        int length = (int) Math.min(declared, chunk.limit());
        int major = chunk.get(3);
        int flags = chunk.get(5) & 0xFF;
        if (major == 2 && (flags & 0x40) != 0) {
            return; // a "compressed" ID3v2.2 tag: no compression scheme was ever defined
        }
        int end = length - (major == 4 && (flags & 0x10) != 0 ? 10 : 0);
        if (end <= 10) {
            return;
        }
        byte[] frames = new byte[end - 10];
        chunk.get(10, frames);
        boolean unsynchronised = (flags & 0x80) != 0;
        if (unsynchronised && major < 4) {
            frames = Id3v2Parser.resynchronise(frames);
        }
        int header = major == 2 ? 6 : 10;
        long position = 0;
        if (major > 2 && (flags & 0x40) != 0 && frames.length >= 4) {
            int extended = ByteBuffer.wrap(frames).getInt(0);
            position = major == 3 ? (extended & 0xFFFFFFFFL) + 4 : Id3v2Parser.syncsafe(extended);
        }
        Id3v2Parser.Window window = new Id3v2Parser.Window(ByteBuffer.wrap(frames));
        try {
            while (position + header <= frames.length) {
                ByteBuffer frame = window.get(position, header);
                String id = Id3v2Parser.frameId(frame, header == 6 ? 3 : 4);
                if (id == null) {
                    break; // padding, or garbage after the last frame
                }
                long size;
                int frameFlags = 0;
                if (major == 2) {
                    size = (frame.get(3) & 0xFF) << 16 | (frame.get(4) & 0xFF) << 8 | (frame.get(5) & 0xFF);
                } else {
                    size = frame.getInt(4) & 0xFFFFFFFFL;
                    if (major == 4) {
                        size = Id3v2Parser.v24Size(window, position, size, frames.length);
                    }
                    frameFlags = frame.getShort(8) & 0xFFFF;
                }
                long body = position + header;
                if (body + size > frames.length) {
                    break;
                }
                position = body + size;
                String v24 = major == 2 ? Id3Tags.v24FrameId(id) : id;
                if (!v24.equals("USLT") && !v24.equals("SYLT") && !v24.equals("TXXX")) {
                    continue;
                }
                byte[] raw = Arrays.copyOfRange(frames, (int) body, (int) (body + size));
                byte[] data = major == 2 ? raw : Id3v2Parser.frameData(major, frameFlags, unsynchronised, raw, length);
                if (data == null || data.length == 0) {
                    continue;
                }
                if (v24.equals("TXXX")) {
                    txxx(Id3v2Parser.strings(data, 1, data[0]), fields);
                } else {
                    add(v24, data, fields);
                }
            }
        } catch (IOException | UnreadableAudioException e) {
            // a frame header past the end of the tag (checked above, so not expected): keep what was found
        }
    }
}
