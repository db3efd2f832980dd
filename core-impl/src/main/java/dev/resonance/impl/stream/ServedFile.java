package dev.resonance.impl.stream;

import java.nio.file.Path;

/** A file served with ranges and validators: an original track or a cached transcode. */
public record ServedFile(Path path, long size, long mtimeMillis, String contentType, String etag) {
}
