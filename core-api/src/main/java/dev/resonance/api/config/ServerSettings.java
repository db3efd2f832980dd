package dev.resonance.api.config;

import java.nio.file.Path;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Server-wide settings, from Config Admin PID {@code resonance.core.server} (environment variables
 * {@code PORT}, {@code MUSIC_LIBRARY_PATH}, {@code RESONANCE_DATA_DIR} map onto it).
 */
@ProviderType
public interface ServerSettings {

    /** Where Resonance keeps its own files (embedded database, caches). Exists and is writable. */
    Path dataDirectory();

    /** The HTTP port the server listens on. */
    int httpPort();

    /** The music folder to scan, if one is configured. It may not exist: see the library health check. */
    Optional<Path> musicLibraryPath();
}
