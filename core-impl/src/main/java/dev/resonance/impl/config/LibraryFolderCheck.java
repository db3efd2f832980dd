package dev.resonance.impl.config;

import dev.resonance.api.health.HealthCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether the configured music folder exists and can be read; messages name the setting to fix. */
final class LibraryFolderCheck {

    private final Optional<Path> folder;

    LibraryFolderCheck(Optional<Path> folder) {
        this.folder = folder;
    }

    HealthCheck check() {
        if (folder.isEmpty()) {
            return HealthCheck.up("no music folder configured (set MUSIC_LIBRARY_PATH)");
        }
        Path path = folder.get();
        if (!path.isAbsolute()) {
            return HealthCheck.down("MUSIC_LIBRARY_PATH=" + path + " is not an absolute path");
        }
        if (!Files.exists(path)) {
            return HealthCheck.down("MUSIC_LIBRARY_PATH=" + path + " does not exist");
        }
        if (!Files.isDirectory(path)) {
            return HealthCheck.down("MUSIC_LIBRARY_PATH=" + path + " is not a folder");
        }
        if (!Files.isReadable(path)) {
            return HealthCheck.down("MUSIC_LIBRARY_PATH=" + path + " is not readable by this process");
        }
        return HealthCheck.up(path.toString());
    }
}
