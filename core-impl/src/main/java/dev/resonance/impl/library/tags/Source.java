package dev.resonance.impl.library.tags;

import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One open audio file: positional reads of exactly the bytes a reader asks for (never the whole file). A read
 * that runs past the end of the file is a truncated file, reported as {@link UnreadableAudioException}.
 */
final class Source implements Closeable {

    final Path path;
    final long size;
    private final FileChannel channel;

    private Source(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static Source open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new Source(path, channel, channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Exactly {@code length} bytes at {@code position} (big-endian buffer), or unreadable naming {@code what}. */
    ByteBuffer read(long position, int length, String what) throws IOException, UnreadableAudioException {
        if (position < 0 || length < 0 || position + length > size) {
            throw new UnreadableAudioException("truncated: " + what + " runs past the end of the file");
        }
        ByteBuffer buffer = readUpTo(position, length);
        if (buffer.remaining() < length) {
            throw new UnreadableAudioException("truncated: " + what + " runs past the end of the file");
        }
        return buffer;
    }

    /** Up to {@code length} bytes at {@code position} (fewer at the end of the file). */
    ByteBuffer readUpTo(long position, int length) throws IOException {
        int wanted = (int) Math.max(0, Math.min(length, size - position));
        ByteBuffer buffer = ByteBuffer.allocate(wanted);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        return buffer.flip().order(ByteOrder.BIG_ENDIAN);
    }

    byte[] bytes(long position, int length, String what) throws IOException, UnreadableAudioException {
        ByteBuffer buffer = read(position, length, what);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /** Largest block a reader keeps in memory (a tag, a comment header): more is a corrupt length, not metadata. */
    static final int MAX_BLOCK = 64 << 20;

    /** A length taken from the file, checked before it is used as an allocation size. */
    static int length(long declared, long available, String what) throws UnreadableAudioException {
        if (declared < 0 || declared > available) {
            throw new UnreadableAudioException("truncated: " + what + " declares " + declared + " bytes, only " + Math.max(0, available) + " left");
        }
        if (declared > MAX_BLOCK) {
            throw new UnreadableAudioException("corrupt: " + what + " declares " + declared + " bytes");
        }
        return (int) declared;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
