package dev.resonance.impl.library.tags;

import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A fast reader for the common ID3v2.3/2.4 tag: walks the frame headers, decodes only the frames Resonance keeps
 * (text, TXXX, COMM, UFID, TIPL/IPLS; the lyrics frames go to {@link Id3Lyrics}) and steps over the others — pictures
 * included — without reading them. About twenty times faster than a full parse. Compressed frames are inflated here,
 * never beyond {@link #inflateLimit} (the size a frame declares is not trusted); encrypted frames are skipped. Tags it
 * does not handle (ID3v2.2, unsynchronisation) are left to jaudiotagger: {@link #read} then returns false — and
 * {@link #safeForFullParser} decides first whether jaudiotagger may see them at all.
 */
final class Id3v2Parser {

    private static final int CHUNK = 16 * 1024;
    private static final Set<String> WANTED_OTHER = Set.of("TXXX", "COMM", "USLT", "SYLT", "UFID", "TIPL", "IPLS", "TMCL");

    private Id3v2Parser() {
    }

    /**
     * Reads the tag of {@code length} bytes at {@code start} into {@code fields}; false (fields untouched) when the
     * tag needs the full parser.
     */
    static boolean read(Source source, long start, long length, TagFields fields) throws IOException, UnreadableAudioException {
        if (length < 10) {
            return false;
        }
        long declaredTag = Id3Tags.tagLength(source.readUpTo(start, 10));
        if (declaredTag > 0 && declaredTag < length) {
            length = declaredTag; // an ID3 chunk of WAV/AIFF may be longer than the tag it holds
        }
        Window window = new Window(source, start, length);
        ByteBuffer header = window.get(0, 10);
        int major = header.get(3);
        int flags = header.get(5) & 0xFF;
        if ((major != 3 && major != 4) || (flags & 0x80) != 0) {
            return false; // ID3v2.2, or unsynchronisation
        }
        long end = length - (major == 4 && (flags & 0x10) != 0 ? 10 : 0);
        long position = 10;
        if ((flags & 0x40) != 0) {
            ByteBuffer ext = window.get(10, 4);
            long extSize = major == 3 ? (ext.getInt(0) & 0xFFFFFFFFL) + 4 : syncsafe(ext.getInt(0));
            position += extSize;
        }
        TagFields found = new TagFields();
        String year = null;
        String dayMonth = null;
        String comment = null;
        String otherComment = null;
        while (position + 10 <= end) {
            ByteBuffer fh = window.get(position, 10);
            if (fh.get(0) == 0) {
                break; // padding
            }
            String id = frameId(fh);
            if (id == null) {
                break; // garbage after the last frame: keep what we have, as other readers do
            }
            long size = fh.getInt(4) & 0xFFFFFFFFL;
            if (major == 4) {
                size = v24Size(window, position, size, end);
            }
            int frameFlags = fh.getShort(8) & 0xFFFF;
            long body = position + 10;
            if (body + size > end) {
                break;
            }
            position = body + size;
            boolean text = id.charAt(0) == 'T' && !id.equals("TXXX") && !id.equals("TIPL") && !id.equals("TMCL");
            boolean picture = id.equals("APIC");
            if (!text && !picture && !WANTED_OTHER.contains(id)) {
                continue;
            }
            if (picture) {
                found.notePicture();
                continue;
            }
            if (major == 4 && (frameFlags & 0x0004) == 0 && (frameFlags & 0x0002) != 0) {
                return false; // an unsynchronised frame (an encrypted one is skipped below)
            }
            if (size > Source.MAX_BLOCK) {
                continue;
            }
            byte[] raw = new byte[(int) size];
            window.get(body, raw.length).get(raw);
            byte[] data = frameData(major, frameFlags, false, raw, length);
            if (data == null) {
                continue; // encrypted, empty, damaged, or inflating to more than the file can account for
            }
            if (text) {
                List<String> values = strings(data, 1, data[0]);
                switch (id) {
                    case "TCON" -> values.forEach(v -> found.add("GENRE", Id3Tags.genre(v)));
                    case "TRCK" -> found.addAll("TRACKNUMBER", values);
                    case "TPOS" -> found.addAll("DISCNUMBER", values);
                    case "TDAT" -> dayMonth = values.isEmpty() ? null : values.get(0);
                    default -> {
                        String key = Id3Tags.textFrameKey(id);
                        if (key != null) {
                            found.addAll(key, values);
                            if (id.equals("TYER") && !values.isEmpty()) {
                                year = values.get(0);
                            }
                        }
                    }
                }
                continue;
            }
            switch (id) {
                case "TXXX" -> {
                    List<String> parts = strings(data, 1, data[0]);
                    if (parts.size() >= 2 && !Id3Lyrics.txxx(parts, found)) {
                        found.addAll(Id3Tags.freeformKey(parts.get(0)), parts.subList(1, parts.size()));
                    }
                }
                case "USLT", "SYLT" -> Id3Lyrics.add(id, data, found);
                case "COMM" -> {
                    Described comm = described(data);
                    if (comm != null && !comm.description().startsWith("iTun") && !comm.description().startsWith("MusicMatch")) {
                        if (comm.description().isEmpty()) {
                            comment = comment == null ? comm.text() : comment;
                        } else if (otherComment == null) {
                            otherComment = comm.text();
                        }
                    }
                }
                case "UFID" -> {
                    int ownerEnd = terminator(data, 0, (byte) 0);
                    String owner = new String(data, 0, ownerEnd, StandardCharsets.ISO_8859_1);
                    if (owner.equals("http://musicbrainz.org") && ownerEnd + 1 < data.length) {
                        found.add("MUSICBRAINZ_TRACKID", new String(data, ownerEnd + 1, data.length - ownerEnd - 1, StandardCharsets.ISO_8859_1));
                    }
                }
                case "TIPL", "IPLS" -> {
                    List<String> parts = strings(data, 1, data[0]);
                    for (int i = 0; i + 1 < parts.size(); i += 2) {
                        found.add(Id3Tags.involvedPersonRole(parts.get(i)), parts.get(i + 1));
                    }
                }
                default -> {
                }
            }
        }
        if (year != null && dayMonth != null && dayMonth.trim().length() == 4 && !found.has("DATE")) {
            String dm = dayMonth.trim();
            found.add("DATE", year.trim() + "-" + dm.substring(2, 4) + "-" + dm.substring(0, 2));
        }
        if (comment != null || otherComment != null) {
            found.add("COMMENT", comment != null ? comment : otherComment);
        }
        fields.addAll(found);
        return true;
    }

    /**
     * A frame's content from its body (the bytes after the 10-byte frame header), as its ID3v2.3/2.4 flags say: the
     * grouping byte and the data length indicator stepped over, an unsynchronised ID3v2.4 frame (or every frame of a tag
     * flagged {@code unsynchronised}) resynchronised, a compressed one inflated, never beyond {@link #inflateLimit} of
     * {@code tagLength} (the size a frame declares is not trusted). Null for an encrypted, empty or damaged frame.
     */
    static byte[] frameData(int major, int flags, boolean unsynchronised, byte[] body, long tagLength) {
        byte[] b = body;
        boolean compressed;
        long declared = -1; // the uncompressed size a compressed frame declares
        int skip;
        if (major == 3) {
            if ((flags & 0x0040) != 0) {
                return null; // encrypted: unreadable without the key (jaudiotagger keeps only the bytes)
            }
            compressed = (flags & 0x0080) != 0;
            if (compressed && b.length >= 4) {
                declared = ByteBuffer.wrap(b).getInt(0) & 0xFFFFFFFFL;
            }
            skip = (compressed ? 4 : 0) + ((flags & 0x0020) != 0 ? 1 : 0);
        } else {
            if ((flags & 0x0004) != 0) {
                return null; // encrypted
            }
            if (unsynchronised || (flags & 0x0002) != 0) {
                b = resynchronise(b);
            }
            compressed = (flags & 0x0008) != 0;
            int grouping = (flags & 0x0040) != 0 ? 1 : 0;
            boolean indicator = (flags & 0x0001) != 0;
            if (indicator && b.length >= grouping + 4) {
                declared = syncsafe(ByteBuffer.wrap(b).getInt(grouping));
            }
            skip = grouping + (indicator ? 4 : 0);
        }
        if (b.length - skip <= 0) {
            return null;
        }
        byte[] data = skip == 0 ? b : Arrays.copyOfRange(b, skip, b.length);
        if (compressed) {
            data = inflate(data, declared, inflateLimit(tagLength));
            return data == null || data.length == 0 ? null : data;
        }
        return data;
    }

    /** A COMM or USLT body: language, content descriptor and text. */
    record Described(String language, String description, String text) {
    }

    /** The parts of a COMM or USLT body (encoding, language, descriptor, text); null when it is too short to hold them. */
    static Described described(byte[] data) {
        if (data.length < 4) {
            return null;
        }
        byte encoding = data[0];
        int descriptionEnd = terminator(data, 4, encoding);
        String description = decode(data, 4, descriptionEnd, encoding);
        int textStart = Math.min(data.length, descriptionEnd + (wide(encoding) ? 2 : 1));
        return new Described(new String(data, 1, 3, StandardCharsets.ISO_8859_1), description,
                decode(data, textStart, trimTerminators(data, textStart, encoding), encoding));
    }

    /** Most bytes a compressed frame may inflate to: 64 KiB plus 4 × the tag, and never more than 16 MiB. */
    static long inflateLimit(long tagLength) {
        return Math.min(16L << 20, (64L << 10) + 4 * Math.max(0, tagLength));
    }

    /**
     * The zlib data inflated, up to {@code declared} bytes (when known) and never more than {@code limit}; null when
     * the frame declares more than {@code limit}, inflates to more, or is not zlib data.
     */
    static byte[] inflate(byte[] compressed, long declared, long limit) {
        if (declared > limit) {
            return null;
        }
        long cap = declared >= 0 ? declared : limit;
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(cap, 64 << 10));
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break; // cut short: keep what was inflated
                }
                if (out.size() + n > cap) {
                    if (declared < 0) {
                        return null; // more than the file can account for
                    }
                    out.write(chunk, 0, (int) (cap - out.size()));
                    break; // more than declared: keep the declared bytes
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /**
     * Whether jaudiotagger may parse this complete tag. jaudiotagger allocates a compressed frame's declared
     * uncompressed size before inflating it (an ID3v2.4 data length indicator reaches 256 MB, an ID3v2.3 size 2 GB,
     * whatever the file holds). This walks every frame header jaudiotagger could reach — from each plausible start
     * after the extended header, with both readings (syncsafe and plain) of an ID3v2.4 size, after removing the
     * unsynchronisation of an ID3v2.3 tag as jaudiotagger does — and refuses the tag when any compressed frame
     * declares more than {@link #inflateLimit}. ID3v2.2 has no compressed frames.
     */
    static boolean safeForFullParser(ByteBuffer tag) {
        if (tag.limit() < 10) {
            return false;
        }
        int major = tag.get(3);
        if (major == 2) {
            return true;
        }
        if (major != 3 && major != 4) {
            return false;
        }
        int flags = tag.get(5) & 0xFF;
        byte[] frames = new byte[tag.limit() - 10];
        tag.get(10, frames);
        if (major == 3 && (flags & 0x80) != 0) {
            frames = resynchronise(frames);
        }
        long limit = inflateLimit(tag.limit());
        int n = frames.length;
        BitSet seen = new BitSet(n + 1);
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        List<Long> starts = new ArrayList<>(List.of(0L));
        if ((flags & 0x40) != 0 && n >= 4) {
            long plain = ByteBuffer.wrap(frames).getInt(0) & 0xFFFFFFFFL;
            long safe = syncsafe(ByteBuffer.wrap(frames).getInt(0));
            starts.addAll(List.of(plain, plain + 4, safe, safe + 4, 10L, 14L));
        }
        for (long s : starts) {
            if (s <= n && !seen.get((int) s)) {
                seen.set((int) s);
                todo.add((int) s);
            }
        }
        ByteBuffer b = ByteBuffer.wrap(frames);
        while (!todo.isEmpty()) {
            int p = todo.poll();
            if (p + 10 > n || frameId(b.slice(p, 4)) == null) {
                continue; // padding, garbage or the end: jaudiotagger stops here
            }
            long raw = b.getInt(p + 4) & 0xFFFFFFFFL;
            int encoding = frames[p + 9] & 0xFF;
            long declared = -1;
            if (major == 3) {
                if ((encoding & 0x80) != 0 && p + 14 <= n) {
                    declared = b.getInt(p + 10) & 0xFFFFFFFFL;
                }
            } else if ((encoding & 0x08) != 0 && (encoding & 0x01) != 0) {
                int at = p + 10 + ((encoding & 0x40) != 0 ? 1 : 0) + ((encoding & 0x04) != 0 ? 1 : 0);
                if (at + 4 <= n) {
                    declared = syncsafe(b.getInt(at));
                }
            }
            if (declared > limit) {
                return false;
            }
            long[] sizes = major == 3 ? new long[] {raw} : new long[] {syncsafe((int) raw), raw};
            for (long size : sizes) {
                long next = p + 10L + size;
                if (next <= n && !seen.get((int) next)) {
                    seen.set((int) next);
                    todo.add((int) next);
                }
            }
        }
        return true;
    }

    /** Undoes ID3 unsynchronisation: every 0xFF 0x00 becomes 0xFF. */
    static byte[] resynchronise(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            out.write(bytes[i]);
            if ((bytes[i] & 0xFF) == 0xFF && i + 1 < bytes.length && bytes[i + 1] == 0) {
                i++;
            }
        }
        return out.toByteArray();
    }

    private static String frameId(ByteBuffer b) {
        return frameId(b, 4);
    }

    /** The frame id of {@code length} (4, or 3 in ID3v2.2) upper-case letters and digits at the buffer's start, or null. */
    static String frameId(ByteBuffer b, int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            char c = (char) (b.get(i) & 0xFF);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return null;
            }
            id[i] = c;
        }
        return new String(id);
    }

    static long syncsafe(int value) {
        return ((value >>> 24) & 0x7F) << 21 | ((value >>> 16) & 0x7F) << 14 | ((value >>> 8) & 0x7F) << 7 | (value & 0x7F);
    }

    /**
     * ID3v2.4 frame sizes are syncsafe, but iTunes and others wrote plain ones: take the syncsafe reading unless only
     * the plain one lands on another frame (or the end of the frames).
     */
    static long v24Size(Window window, long position, long raw, long end) throws IOException, UnreadableAudioException {
        if ((raw & 0x80808080L) != 0) {
            return raw; // not syncsafe at all
        }
        long safe = syncsafe((int) raw);
        if (safe == raw || landsOnFrame(window, position + 10 + safe, end)) {
            return safe;
        }
        return landsOnFrame(window, position + 10 + raw, end) ? raw : safe;
    }

    private static boolean landsOnFrame(Window window, long next, long end) throws IOException, UnreadableAudioException {
        if (next == end) {
            return true;
        }
        if (next > end || next + 4 > end) {
            return next <= end;
        }
        ByteBuffer b = window.get(next, 4);
        return b.get(0) == 0 || frameId(b) != null;
    }

    private static boolean wide(byte encoding) {
        return encoding == 1 || encoding == 2;
    }

    private static Charset charset(byte encoding) {
        return switch (encoding) {
            case 1 -> StandardCharsets.UTF_16;
            case 2 -> StandardCharsets.UTF_16BE;
            case 3 -> StandardCharsets.UTF_8;
            default -> StandardCharsets.ISO_8859_1;
        };
    }

    /** Index of the terminator (0x00, or 0x0000 on an even offset for UTF-16) from {@code from}, or the length. */
    static int terminator(byte[] data, int from, byte encoding) {
        if (wide(encoding)) {
            for (int i = from; i + 1 < data.length; i += 2) {
                if (data[i] == 0 && data[i + 1] == 0) {
                    return i;
                }
            }
            return data.length;
        }
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return data.length;
    }

    private static int trimTerminators(byte[] data, int from, byte encoding) {
        int end = data.length;
        while (end > from && data[end - 1] == 0) {
            end--;
        }
        if (wide(encoding) && ((end - from) & 1) == 1) {
            end++; // keep the high byte of a final UTF-16LE character such as 'A\0'
        }
        return Math.min(end, data.length);
    }

    static String decode(byte[] data, int from, int to, byte encoding) {
        if (to <= from) {
            return "";
        }
        return new String(data, from, to - from, charset(encoding));
    }

    /** The NUL-separated strings of a text frame body from {@code from} (empty trailing ones dropped). */
    static List<String> strings(byte[] data, int from, byte encoding) {
        List<String> out = new ArrayList<>(2);
        int step = wide(encoding) ? 2 : 1;
        int position = from;
        while (position < data.length) {
            int end = terminator(data, position, encoding);
            out.add(decode(data, position, end, encoding));
            position = end + step;
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Reads the tag in chunks, so frames we skip (pictures) are never read; or serves a tag already in memory. */
    static final class Window {
        private final Source source;
        private final long start;
        private final long length;
        private long bufferStart = -1;
        private ByteBuffer buffer;

        Window(Source source, long start, long length) {
            this.source = source;
            this.start = start;
            this.length = length;
        }

        /** The bytes of {@code tag}, all in memory. */
        Window(ByteBuffer tag) {
            this(null, 0, tag.limit());
            this.buffer = tag;
            this.bufferStart = 0;
        }

        /** {@code n} bytes at {@code offset} in the tag (a view; big-endian). */
        ByteBuffer get(long offset, int n) throws IOException, UnreadableAudioException {
            if (offset < 0 || offset + n > length) {
                throw new UnreadableAudioException("corrupt: an ID3v2 frame runs past the end of the tag");
            }
            if (buffer == null || offset < bufferStart || offset + n > bufferStart + buffer.limit()) {
                int chunk = (int) Math.min(length - offset, Math.max(n, CHUNK));
                buffer = source.read(start + offset, chunk, "the ID3v2 tag");
                bufferStart = offset;
            }
            return buffer.duplicate().position((int) (offset - bufferStart)).slice().limit(n);
        }
    }
}
