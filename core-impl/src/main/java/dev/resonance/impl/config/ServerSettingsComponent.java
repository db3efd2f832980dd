package dev.resonance.impl.config;

import dev.resonance.api.config.ServerSettings;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link ServerSettings} and reports whether the music library folder is usable.
 * A configuration change re-creates the component (no {@code @Modified}): dependants get the new values.
 */
@Component(service = {ServerSettings.class, HealthIndicator.class},
        configurationPid = ServerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ServerConfig.class)
public final class ServerSettingsComponent implements ServerSettings, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSettingsComponent.class);

    private volatile int httpPort;
    private final Path dataDirectory;
    private volatile Optional<Path> musicLibraryPath;
    private volatile LibraryFolderCheck libraryCheck;

    @Activate
    public ServerSettingsComponent(ServerConfig config) throws IOException {
        this.httpPort = config.httpPort();
        this.dataDirectory = resolveDataDirectory(config.dataDirectory());
        Files.createDirectories(dataDirectory);
        follow(config);
    }

    /**
     * A configuration change, applied in place (nothing restarts): the port and music folder are read anew (the
     * library component follows the folder itself). The data directory holds the embedded database and caches and is
     * not moved while they are open: a new one applies at the next start.
     */
    @Modified
    void modified(ServerConfig config) {
        httpPort = config.httpPort();
        follow(config);
        LOG.info("Server settings reconfigured");
        if (!resolveDataDirectory(config.dataDirectory()).equals(dataDirectory)) {
            LOG.warn("The data directory changes to {} at the next start; until then {} stays in use",
                    resolveDataDirectory(config.dataDirectory()), dataDirectory);
        }
    }

    private void follow(ServerConfig config) {
        musicLibraryPath = musicLibraryPath(config);
        libraryCheck = new LibraryFolderCheck(musicLibraryPath);
        HealthCheck library = libraryCheck.check();
        if (!library.isUp()) {
            LOG.error("Music library: {}", library.detail().orElse("unavailable"));
        }
    }

    /** The configured music folder, if any. */
    public static Optional<Path> musicLibraryPath(ServerConfig config) {
        return Optional.of(config.musicLibraryPath().strip()).filter(s -> !s.isEmpty()).map(Path::of);
    }

    static Path resolveDataDirectory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip()).toAbsolutePath();
        }
        return Path.of(System.getProperty("karaf.data", "data"), "resonance").toAbsolutePath();
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    @Override
    public Optional<Path> musicLibraryPath() {
        return musicLibraryPath;
    }

    @Override
    public String name() {
        return "library";
    }

    /** A missing music folder degrades the server (nothing new to scan) but does not make it unready. */
    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public HealthCheck check() {
        return libraryCheck.check();
    }
}
