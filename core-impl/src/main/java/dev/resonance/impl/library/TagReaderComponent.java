package dev.resonance.impl.library;

import dev.resonance.impl.library.tags.AudioFileReader;
import dev.resonance.impl.library.tags.AudioTags;
import dev.resonance.impl.library.tags.TagReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Publishes the core's tag reader (every supported format) for the library. */
@Component(service = TagReader.class)
public final class TagReaderComponent implements TagReader {

    private final TagReader reader = new AudioFileReader();

    @Override
    public Set<String> extensions() {
        return reader.extensions();
    }

    @Override
    public AudioTags read(Path file) throws IOException, UnreadableAudioException {
        return reader.read(file);
    }

    @Override
    public Optional<EmbeddedPicture> embeddedPicture(Path file) throws IOException, UnreadableAudioException {
        return reader.embeddedPicture(file);
    }
}
