package dev.resonance.impl.library.scan;

import java.nio.file.Path;

/** An audio file found under a library root; {@code relativePath} uses '/' whatever the platform. */
public record FileEntry(String relativePath, Path absolutePath, long size, long mtimeMillis) {
}
