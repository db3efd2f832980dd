package dev.resonance.impl.library.tags;

import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Vorbis comments (FLAC VORBIS_COMMENT blocks, Ogg Vorbis and OpusTags headers): a vendor string and
 * {@code KEY=value} pairs. Pictures (METADATA_BLOCK_PICTURE, legacy COVERART) are only noted while reading tags;
 * their bytes are skipped, never decoded, unless the picture itself is asked for. Lyrics ({@code LYRICS},
 * {@code UNSYNCEDLYRICS}) are kept as {@link EmbeddedLyrics}; one over {@link TagFields#MAX_LYRICS_BYTES} is skipped
 * unread.
 */
final class VorbisComments {

    /** Where the comment bytes come from: a buffer in memory, or an Ogg packet spread over pages. */
    interface Input {
        byte[] bytes(int n) throws IOException, UnreadableAudioException;

        void skip(long n) throws IOException, UnreadableAudioException;

        default long u32le() throws IOException, UnreadableAudioException {
            byte[] b = bytes(4);
            return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
        }
    }

    /** Comments in a byte buffer (a FLAC block). */
    static Input of(ByteBuffer buffer) {
        return new Input() {
            @Override
            public byte[] bytes(int n) throws UnreadableAudioException {
                if (n > buffer.remaining()) {
                    throw new UnreadableAudioException("corrupt: a Vorbis comment runs past the end of its block");
                }
                byte[] b = new byte[n];
                buffer.get(b);
                return b;
            }

            @Override
            public void skip(long n) throws UnreadableAudioException {
                if (n > buffer.remaining()) {
                    throw new UnreadableAudioException("corrupt: a Vorbis comment runs past the end of its block");
                }
                buffer.position(buffer.position() + (int) n);
            }
        };
    }

    private static final int KEY_PEEK = 40;
    private static final int MAX_COMMENTS = 100_000;

    private VorbisComments() {
    }

    /**
     * Reads every comment into {@code fields}; picture comments only set {@link TagFields#notePicture()}, lyrics go to
     * {@link TagFields#addLyrics}.
     */
    static void read(Input in, TagFields fields) throws IOException, UnreadableAudioException {
        in.skip(in.u32le()); // vendor
        long count = in.u32le();
        if (count > MAX_COMMENTS) {
            throw new UnreadableAudioException("corrupt: " + count + " Vorbis comments declared");
        }
        for (long i = 0; i < count; i++) {
            long length = in.u32le();
            if (length > Source.MAX_BLOCK) {
                throw new UnreadableAudioException("corrupt: a Vorbis comment declares " + length + " bytes");
            }
            int peek = (int) Math.min(length, KEY_PEEK);
            byte[] head = in.bytes(peek);
            int eq = indexOf(head, (byte) '=');
            if (eq < 0) {
                in.skip(length - peek); // a key longer than any we know, or no '=': not for us
                continue;
            }
            String key = new String(head, 0, eq, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
            if (isPicture(key)) {
                fields.notePicture();
                in.skip(length - peek);
                continue;
            }
            EmbeddedLyrics.Kind lyrics = lyricsKind(key);
            if (lyrics != null && !fields.lyricsFit(lyrics, length - eq - 1)) {
                in.skip(length - peek);
                continue;
            }
            byte[] rest = in.bytes((int) (length - peek));
            byte[] value = new byte[peek - eq - 1 + rest.length];
            System.arraycopy(head, eq + 1, value, 0, peek - eq - 1);
            System.arraycopy(rest, 0, value, peek - eq - 1, rest.length);
            String text = new String(value, StandardCharsets.UTF_8);
            if (lyrics != null) {
                fields.addLyrics(lyrics, "", "", text);
            } else {
                fields.add(key, text);
            }
        }
    }

    /** The kind of lyrics a comment of this (upper-case) name holds, or null. */
    private static EmbeddedLyrics.Kind lyricsKind(String key) {
        return switch (key) {
            case "LYRICS" -> EmbeddedLyrics.Kind.VORBIS_LYRICS;
            case "UNSYNCEDLYRICS", "UNSYNCED LYRICS" -> EmbeddedLyrics.Kind.VORBIS_UNSYNCEDLYRICS;
            default -> null;
        };
    }

    /** The front cover (or the first picture) among the comments. */
    static Optional<EmbeddedPicture> picture(Input in) throws IOException, UnreadableAudioException {
        in.skip(in.u32le());
        long count = in.u32le();
        if (count > MAX_COMMENTS) {
            throw new UnreadableAudioException("corrupt: " + count + " Vorbis comments declared");
        }
        Picture best = null;
        String legacyMime = "image/jpeg";
        byte[] legacy = null;
        for (long i = 0; i < count; i++) {
            long length = in.u32le();
            if (length > Source.MAX_BLOCK) {
                throw new UnreadableAudioException("corrupt: a Vorbis comment declares " + length + " bytes");
            }
            byte[] comment = in.bytes((int) length);
            int eq = indexOf(comment, (byte) '=');
            if (eq < 0) {
                continue;
            }
            String key = new String(comment, 0, eq, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
            String value = new String(comment, eq + 1, comment.length - eq - 1, StandardCharsets.US_ASCII).strip();
            try {
                if (key.equals("METADATA_BLOCK_PICTURE")) {
                    Picture p = flacPicture(ByteBuffer.wrap(Base64.getMimeDecoder().decode(value)));
                    if (best == null || (p.type() == 3 && best.type() != 3)) {
                        best = p;
                    }
                } else if (key.equals("COVERART") && legacy == null) {
                    legacy = Base64.getMimeDecoder().decode(value);
                } else if (key.equals("COVERARTMIME")) {
                    legacyMime = value;
                }
            } catch (IllegalArgumentException | UnreadableAudioException e) {
                // a broken picture is no picture; the tags are still good
            }
        }
        if (best != null) {
            return Optional.of(best.picture());
        }
        return legacy == null ? Optional.empty() : Optional.of(new EmbeddedPicture(legacy, legacyMime));
    }

    record Picture(int type, EmbeddedPicture picture) {
    }

    /** A FLAC PICTURE block body (big-endian): type, MIME, description, dimensions, data. */
    static Picture flacPicture(ByteBuffer b) throws UnreadableAudioException {
        b.order(ByteOrder.BIG_ENDIAN);
        try {
            int type = b.getInt();
            byte[] mime = new byte[Source.length(b.getInt() & 0xFFFFFFFFL, b.remaining(), "picture MIME type")];
            b.get(mime);
            int description = Source.length(b.getInt() & 0xFFFFFFFFL, b.remaining(), "picture description");
            b.position(b.position() + description);
            b.position(b.position() + 16); // width, height, depth, colours
            byte[] data = new byte[Source.length(b.getInt() & 0xFFFFFFFFL, b.remaining(), "picture data")];
            b.get(data);
            String mimeType = new String(mime, StandardCharsets.US_ASCII);
            return new Picture(type, new EmbeddedPicture(data, mimeType.isBlank() ? Pictures.sniffMime(data) : mimeType));
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new UnreadableAudioException("corrupt picture block", e);
        }
    }

    private static boolean isPicture(String key) {
        return key.equals("METADATA_BLOCK_PICTURE") || key.equals("COVERART");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
