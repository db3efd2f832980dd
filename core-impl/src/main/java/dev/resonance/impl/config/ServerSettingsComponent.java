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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link ServerSettings} and reports whether the music library folder is usable.
 *
 * <p>A change of the settings themselves (port, data directory, music folder) replaces the {@link ServerSettings}
 * service, so its dependants restart with the new values. Any other change of the PID (the {@code metricsToken}, read
 * by the {@code /metrics} route itself) leaves the service alone: changing the scrape token restarts nothing.
 */
// service = {}: both services are registered by hand, so the PID's properties (the metrics token) never become
// service properties visible to every bundle and to `service:list`.
@Component(service = {}, immediate = true,
        configurationPid = ServerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ServerConfig.class)
public final class ServerSettingsComponent implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSettingsComponent.class);

    /** The settings, compared to tell a change of them from a change of something else in the PID. */
    record Settings(int httpPort, Path dataDirectory, Optional<Path> musicLibraryPath) implements ServerSettings {

        static Settings of(ServerConfig config) {
            return new Settings(config.httpPort(), resolveDataDirectory(config.dataDirectory()),
                    Optional.of(config.musicLibraryPath().strip()).filter(s -> !s.isEmpty()).map(Path::of));
        }
    }

    private final BundleContext context;
    private volatile Settings settings;
    private volatile LibraryFolderCheck libraryCheck;
    private ServiceRegistration<ServerSettings> registration;
    private final ServiceRegistration<HealthIndicator> health;

    @Activate
    public ServerSettingsComponent(BundleContext context, ServerConfig config) throws IOException {
        this.context = context;
        apply(Settings.of(config));
        health = context.registerService(HealthIndicator.class, this, new Hashtable<>());
    }

    @Modified
    synchronized void modified(ServerConfig config) throws IOException {
        Settings next = Settings.of(config);
        if (next.equals(settings)) {
            return;
        }
        registration.unregister(); // the dependants stop with the old values...
        registration = null;
        apply(next);               // ...and start again with the new ones
    }

    private synchronized void apply(Settings next) throws IOException {
        Files.createDirectories(next.dataDirectory());
        settings = next;
        libraryCheck = new LibraryFolderCheck(next.musicLibraryPath());
        HealthCheck library = libraryCheck.check();
        if (!library.isUp()) {
            LOG.error("Music library: {}", library.detail().orElse("unavailable"));
        }
        registration = context.registerService(ServerSettings.class, next, new Hashtable<>());
    }

    @Deactivate
    synchronized void deactivate() {
        health.unregister();
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
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
