package dev.resonance.impl.library.tags;

import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AIFF and AIFF-C: walks the IFF chunk headers (never the audio), takes channels, frames, sample size and rate
 * from COMM, checks SSND, reads tags from the "ID3 " chunk (parsed by jaudiotagger) or, when there is none, the
 * NAME/AUTH/ANNO text chunks.
 */
final class AiffReader implements FormatReader {

    private static final Map<String, String> TEXT = Map.of("NAME", "TITLE", "AUTH", "ARTIST", "ANNO", "COMMENT");

    @Override
    public AudioTags read(Source source, String format) throws IOException, UnreadableAudioException {
        Chunks chunks = walk(source);
        TagFields fields = new TagFields();
        if (chunks.id3Position >= 0) {
            if (Id3Tags.tagLength(source.readUpTo(chunks.id3Position, 10)) > 0) {
                Id3Tags.read(source, chunks.id3Position, chunks.id3Length, fields);
            }
        }
        if (fields.isEmpty()) {
            chunks.text.asMap().forEach(fields::addAll);
        }
        ByteBuffer comm = chunks.comm;
        int channels = comm.getShort(0) & 0xFFFF;
        long frames = comm.getInt(2) & 0xFFFFFFFFL;
        int bits = comm.getShort(6) & 0xFFFF;
        double rate = extended(comm, 8);
        if (channels == 0 || !(rate >= 1 && rate <= 10_000_000)) {
            throw new UnreadableAudioException("corrupt: the COMM chunk declares no channels or an impossible sample rate");
        }
        String compression = "NONE";
        if (chunks.aifc && comm.limit() >= 22) {
            compression = new String(new byte[] {comm.get(18), comm.get(19), comm.get(20), comm.get(21)}, StandardCharsets.ISO_8859_1);
        }
        boolean pcm = switch (compression) {
            case "NONE", "twos", "sowt", "raw ", "in24", "in32", "fl32", "FL32", "fl64", "FL64" -> true;
            default -> false;
        };
        int sampleRate = (int) Math.round(rate);
        long millis = StreamInfo.millis(frames, sampleRate);
        int kbps = pcm ? (int) Math.round((double) sampleRate * channels * bits / 1000) : StreamInfo.kbps(chunks.soundLength, millis);
        StreamInfo info = new StreamInfo(format, pcm ? "pcm" : compression.trim().toLowerCase(Locale.ROOT), millis, kbps, sampleRate,
                pcm ? bits : 0, channels);
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
        boolean aifc;
        ByteBuffer comm;
        long soundLength = -1;
        long id3Position = -1;
        int id3Length;
        final TagFields text = new TagFields();
    }

    private static Chunks walk(Source source) throws IOException, UnreadableAudioException {
        if (source.size == 0) {
            throw new UnreadableAudioException("empty file");
        }
        ByteBuffer form = source.readUpTo(0, 12);
        if (form.remaining() < 12 || !WavReader.ascii(form, 0, "FORM") || !(WavReader.ascii(form, 8, "AIFF") || WavReader.ascii(form, 8, "AIFC"))) {
            throw new UnreadableAudioException("not an AIFF file (no FORM/AIFF header)");
        }
        Chunks chunks = new Chunks();
        chunks.aifc = WavReader.ascii(form, 8, "AIFC");
        long position = 12;
        while (position + 8 <= source.size) {
            ByteBuffer header = source.read(position, 8, "an AIFF chunk header");
            String id = new String(new byte[] {header.get(0), header.get(1), header.get(2), header.get(3)}, StandardCharsets.ISO_8859_1);
            long length = header.getInt(4) & 0xFFFFFFFFL;
            long body = position + 8;
            long available = source.size - body;
            switch (id) {
                case "COMM" -> {
                    if (length < 18 || length > available) {
                        throw new UnreadableAudioException("corrupt: the COMM chunk is damaged");
                    }
                    chunks.comm = source.read(body, (int) Math.min(length, 64), "the COMM chunk");
                }
                case "SSND" -> {
                    if (length > available + 1) {
                        throw new UnreadableAudioException("truncated: the SSND chunk declares " + length + " bytes, only " + available + " present");
                    }
                    chunks.soundLength = Math.max(0, Math.min(length, available) - 8);
                }
                case "ID3 ", "id3 " -> {
                    if (length <= available) {
                        chunks.id3Position = body;
                        chunks.id3Length = Source.length(length, available, "the ID3 chunk");
                    }
                }
                case "NAME", "AUTH", "ANNO" -> {
                    if (length <= Math.min(available, 65536)) {
                        chunks.text.add(TEXT.get(id), Text.decode(source.bytes(body, (int) length, "a text chunk")));
                    }
                }
                default -> {
                }
            }
            if (length > available) {
                break;
            }
            position = body + length + (length & 1);
        }
        if (chunks.comm == null) {
            throw new UnreadableAudioException("corrupt: no COMM chunk");
        }
        if (chunks.soundLength < 0) {
            throw new UnreadableAudioException("corrupt: no SSND chunk");
        }
        return chunks;
    }

    /** An IEEE 754 80-bit extended float (big-endian), as AIFF stores the sample rate. */
    static double extended(ByteBuffer b, int offset) {
        int exponent = ((b.get(offset) & 0x7F) << 8) | (b.get(offset + 1) & 0xFF);
        long mantissa = b.getLong(offset + 2);
        if (exponent == 0 && mantissa == 0) {
            return 0;
        }
        double value = (mantissa >>> 1) * Math.pow(2, exponent - 16383 - 62);
        return (b.get(offset) & 0x80) != 0 ? -value : value;
    }
}
