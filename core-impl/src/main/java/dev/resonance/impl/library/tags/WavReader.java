package dev.resonance.impl.library.tags;

import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * WAV (RIFF/WAVE): walks the chunk headers (never the audio), takes the format from "fmt ", the length from
 * "data", tags from an "id3 "/"ID3 " chunk (parsed by jaudiotagger) or, when there is none, from the LIST/INFO
 * chunk (title, artist, album, date, genre, comment, track).
 */
final class WavReader implements FormatReader {

    private static final Map<String, String> INFO = Map.of(
            "INAM", "TITLE", "IART", "ARTIST", "IPRD", "ALBUM", "ICRD", "DATE", "IGNR", "GENRE",
            "ICMT", "COMMENT", "ITRK", "TRACKNUMBER", "IPRT", "TRACKNUMBER", "IAAR", "ALBUMARTIST", "IMUS", "COMPOSER");

    @Override
    public AudioTags read(Source source, String format) throws IOException, UnreadableAudioException {
        Chunks chunks = walk(source);
        TagFields fields = new TagFields();
        if (chunks.id3Position >= 0) {
            if (Id3Tags.tagLength(source.readUpTo(chunks.id3Position, 10)) > 0) {
                Id3Tags.read(source, chunks.id3Position, chunks.id3Length, fields);
            }
        }
        if (fields.isEmpty() && chunks.infoPosition >= 0) {
            info(source.read(chunks.infoPosition, chunks.infoLength, "the LIST INFO chunk").order(ByteOrder.LITTLE_ENDIAN), fields);
        }
        ByteBuffer fmt = chunks.fmt;
        int formatTag = fmt.getShort(0) & 0xFFFF;
        int channels = fmt.getShort(2) & 0xFFFF;
        int sampleRate = fmt.getInt(4);
        long byteRate = fmt.getInt(8) & 0xFFFFFFFFL;
        int bits = fmt.getShort(14) & 0xFFFF;
        if (formatTag == 0xFFFE && fmt.limit() >= 26) {
            formatTag = fmt.getShort(24) & 0xFFFF; // WAVE_FORMAT_EXTENSIBLE: the sub-format GUID starts with the tag
        }
        if (channels == 0 || sampleRate <= 0 || byteRate == 0) {
            throw new UnreadableAudioException("corrupt: the fmt chunk declares no channels, sample rate or byte rate");
        }
        long millis = Math.round(chunks.dataLength * 1000.0 / byteRate);
        boolean pcm = formatTag == 1 || formatTag == 3;
        StreamInfo info = new StreamInfo(format, pcm ? "pcm" : String.format("wav-0x%04x", formatTag), millis,
                (int) Math.round(byteRate * 8 / 1000.0), sampleRate, pcm ? bits : 0, channels);
        return TagMapper.map(info, fields);
    }

    @Override
    public Optional<EmbeddedPicture> picture(Source source) throws IOException, UnreadableAudioException {
        Chunks chunks = walk(source);
        if (chunks.id3Position < 0) {
            return Optional.empty();
        }
        return Id3Tags.picture(source, chunks.id3Position, chunks.id3Length);
    }

    private static final class Chunks {
        ByteBuffer fmt;
        long dataLength = -1;
        long id3Position = -1;
        int id3Length;
        long infoPosition = -1;
        int infoLength;
    }

    private static Chunks walk(Source source) throws IOException, UnreadableAudioException {
        if (source.size == 0) {
            throw new UnreadableAudioException("empty file");
        }
        ByteBuffer riff = source.readUpTo(0, 12).order(ByteOrder.LITTLE_ENDIAN);
        if (riff.remaining() < 12 || !ascii(riff, 0, "RIFF") || !ascii(riff, 8, "WAVE")) {
            throw new UnreadableAudioException("not a WAV file (no RIFF/WAVE header)");
        }
        Chunks chunks = new Chunks();
        long position = 12;
        while (position + 8 <= source.size) {
            ByteBuffer header = source.read(position, 8, "a RIFF chunk header").order(ByteOrder.LITTLE_ENDIAN);
            String id = new String(new byte[] {header.get(0), header.get(1), header.get(2), header.get(3)}, StandardCharsets.ISO_8859_1);
            long length = header.getInt(4) & 0xFFFFFFFFL;
            long body = position + 8;
            long available = source.size - body;
            switch (id) {
                case "fmt " -> {
                    if (length < 16) {
                        throw new UnreadableAudioException("corrupt: the fmt chunk is " + length + " bytes");
                    }
                    chunks.fmt = source.read(body, (int) Math.min(length, 40), "the fmt chunk").order(ByteOrder.LITTLE_ENDIAN);
                }
                case "data" -> {
                    if (chunks.fmt == null) {
                        throw new UnreadableAudioException("corrupt: audio data before the fmt chunk");
                    }
                    if (length == 0 || length == 0xFFFFFFFFL) {
                        length = available; // written while streaming: the data runs to the end
                    } else if (length > available + 1) {
                        throw new UnreadableAudioException("truncated: the data chunk declares " + length + " bytes, only " + available + " present");
                    }
                    chunks.dataLength = Math.min(length, available);
                }
                case "id3 ", "ID3 " -> {
                    if (length <= available) {
                        chunks.id3Position = body;
                        chunks.id3Length = Source.length(length, available, "the ID3 chunk");
                    }
                }
                case "LIST" -> {
                    if (length >= 4 && length <= Math.min(available, 1 << 20) && ascii(source.read(body, 4, "a LIST chunk"), 0, "INFO")) {
                        chunks.infoPosition = body + 4;
                        chunks.infoLength = (int) length - 4;
                    }
                }
                default -> {
                }
            }
            if (length > available) {
                break; // a damaged trailing chunk: what came before is still good
            }
            position = body + length + (length & 1);
        }
        if (chunks.fmt == null) {
            throw new UnreadableAudioException("corrupt: no fmt chunk");
        }
        if (chunks.dataLength < 0) {
            throw new UnreadableAudioException("corrupt: no data chunk");
        }
        return chunks;
    }

    private static void info(ByteBuffer list, TagFields fields) {
        int p = 0;
        while (p + 8 <= list.limit()) {
            String id = new String(new byte[] {list.get(p), list.get(p + 1), list.get(p + 2), list.get(p + 3)}, StandardCharsets.ISO_8859_1);
            int length = list.getInt(p + 4);
            if (length < 0 || p + 8 + length > list.limit()) {
                return;
            }
            String key = INFO.get(id);
            if (key != null) {
                byte[] bytes = new byte[length];
                list.get(p + 8, bytes);
                fields.add(key, Text.decode(bytes));
            }
            p += 8 + length + (length & 1);
        }
    }

    static boolean ascii(ByteBuffer b, int offset, String text) {
        if (b.limit() < offset + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b.get(offset + i) != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
