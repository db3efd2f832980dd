package dev.resonance.impl.library.tags;

import dev.resonance.impl.library.tags.TagReader.EmbeddedPicture;
import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import java.io.IOException;
import java.util.Optional;

/** Reads one container format. Implementations are stateless (thread-safe). */
interface FormatReader {

    /** Tags and stream properties; {@code format} is the name to report (by file type: "ogg" vs "opus"). */
    AudioTags read(Source source, String format) throws IOException, UnreadableAudioException;

    /** The front cover, else the first picture. */
    Optional<EmbeddedPicture> picture(Source source) throws IOException, UnreadableAudioException;
}
