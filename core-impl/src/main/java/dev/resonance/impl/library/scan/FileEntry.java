package dev.resonance.impl.library.scan;

import java.nio.file.Path;

/** An audio file found under a library root; {@code relativePath} uses '/' whatever the platform. */
public record FileEntry(String relativePath, long size, long mtimeMillis) {

    /** The file itself, under the library's {@code root}. */
    Path in(Path root) {
        return root.resolve(relativePath);
    }
}
