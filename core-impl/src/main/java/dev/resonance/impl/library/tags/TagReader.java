package dev.resonance.impl.library.tags;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Reads tags and stream properties of audio files. Implementations are thread-safe. */
public interface TagReader {

    /** Lower-case file extensions this reader handles (without the dot). */
    Set<String> extensions();

    /**
     * Reads {@code file}. Throws {@link UnreadableAudioException} (with a reason a person can act on) for a file
     * that is not valid audio of its type; never returns partial garbage.
     */
    AudioTags read(Path file) throws IOException, UnreadableAudioException;

    /** The embedded front cover (or first picture), if any, as stored (JPEG/PNG bytes). */
    Optional<EmbeddedPicture> embeddedPicture(Path file) throws IOException, UnreadableAudioException;

    /** Picture bytes and their MIME type. */
    record EmbeddedPicture(byte[] data, String mimeType) {
    }

    /** The file is not readable as audio of its type (corrupt, truncated, wrong content). */
    final class UnreadableAudioException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableAudioException(String reason, Throwable cause) {
            super(reason, cause);
        }

        public UnreadableAudioException(String reason) {
            super(reason);
        }
    }
}
