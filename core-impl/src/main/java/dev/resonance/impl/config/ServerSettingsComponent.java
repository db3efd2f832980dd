package dev.resonance.impl.config;

import dev.resonance.api.config.ServerSettings;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link ServerSettings} and reports whether the music library folder is usable.
 *
 * <p>Changes are applied in place ({@link #modified}): the {@link ServerSettings} service stays, so nothing that
 * depends on it restarts (docs/configuration.md).
 */
// service = {}: both services are registered by hand, so the PID's properties (the metrics token) never become
// service properties visible to every bundle and to `service:list`.
@Component(service = {}, immediate = true,
        configurationPid = ServerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ServerConfig.class)
public final class ServerSettingsComponent implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSettingsComponent.class);

    /** The settings as they are now: read by the dependants on each use. */
    private static final class Live implements ServerSettings {
        volatile int httpPort;
        final Path dataDirectory;
        volatile Optional<Path> musicLibraryPath;

        Live(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
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
    }

    private final Live settings;
    private volatile LibraryFolderCheck libraryCheck;
    private final ServiceRegistration<ServerSettings> registration;
    private final ServiceRegistration<HealthIndicator> health;

    @Activate
    public ServerSettingsComponent(BundleContext context, @Reference io.micrometer.core.instrument.MeterRegistry metrics,
                                   ServerConfig config) throws IOException {
        metrics.counter("resonance.component.activations", "component", "server-settings").increment(); // docs/configuration.md

        settings = new Live(resolveDataDirectory(config.dataDirectory()));
        Files.createDirectories(settings.dataDirectory);
        follow(config);
        // registered by hand: the PID also holds the metrics token, which must not become a service property
        registration = context.registerService(ServerSettings.class, settings, properties());
        health = context.registerService(HealthIndicator.class, this, new Hashtable<>());
    }

    /**
     * A configuration change, applied in place (nothing restarts): the port and music folder are read anew and the
     * service's properties updated, so a dependant that cares (the library follows the folder) learns of it. The data
     * directory holds the embedded database and caches and is not moved while they are open: a new one applies at the
     * next start. The metrics token is read by the metrics route itself.
     */
    @Modified
    synchronized void modified(ServerConfig config) {
        follow(config);
        registration.setProperties(properties());
        LOG.info("Server settings reconfigured");
        if (!resolveDataDirectory(config.dataDirectory()).equals(settings.dataDirectory)) {
            LOG.warn("The data directory changes to {} at the next start; until then {} stays in use",
                    resolveDataDirectory(config.dataDirectory()), settings.dataDirectory);
        }
    }

    private void follow(ServerConfig config) {
        settings.httpPort = config.httpPort();
        settings.musicLibraryPath = musicLibraryPath(config);
        libraryCheck = new LibraryFolderCheck(settings.musicLibraryPath);
        HealthCheck library = libraryCheck.check();
        if (!library.isUp()) {
            LOG.error("Music library: {}", library.detail().orElse("unavailable"));
        }
    }

    /** What a dependant may watch for: a change of these updates the service's properties. */
    private Hashtable<String, Object> properties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("httpPort", settings.httpPort);
        properties.put("musicLibraryPath", settings.musicLibraryPath.map(Path::toString).orElse(""));
        return properties;
    }

    @Deactivate
    synchronized void deactivate() {
        health.unregister();
        registration.unregister();
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
