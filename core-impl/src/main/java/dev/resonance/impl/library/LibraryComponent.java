package dev.resonance.impl.library;

import dev.resonance.api.config.ServerSettings;
import dev.resonance.api.db.Database;
import dev.resonance.impl.library.images.ImageStore;
import dev.resonance.impl.library.scan.Scanner;
import dev.resonance.impl.library.tags.TagReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the library once the database is up: registers the configured music folder as the library "Music",
 * publishes {@link LibraryService}, starts a quick scan and the folder watcher.
 */
@Component(service = {}, immediate = true, configurationPid = LibraryConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LibraryConfig.class)
public final class LibraryComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryComponent.class);

    private final LibraryService service;
    private final ServiceRegistration<LibraryService> registration;
    private LibraryWatcher watcher;

    @Activate
    public LibraryComponent(BundleContext context, @Reference Database db, @Reference ServerSettings settings,
                            @Reference TagReader reader, @Reference MeterRegistry metrics, LibraryConfig config) {
        int readers = config.readers() > 0 ? config.readers() : Runtime.getRuntime().availableProcessors();
        ImageStore images = new ImageStore(db, settings.dataDirectory().resolve("images"));
        service = new LibraryService(db, new Scanner(db, reader, new Scanner.Settings(readers,
                Duration.ofDays(config.purgeMissingDays())), Optional.of(images), metrics), images);
        Optional<Path> folder = settings.musicLibraryPath().filter(Files::isDirectory);
        if (folder.isPresent()) {
            LibraryService.Library library = service.ensureLibrary("Music", folder.get());
            if (config.scanOnStartup()) {
                service.scanFolder(library.id(), Path.of(""));
            }
            if (config.watch()) {
                try {
                    watcher = new LibraryWatcher(folder.get(), Duration.ofSeconds(config.watchDebounceSeconds()),
                            (root, changed) -> service.scanFolder(library.id(), changed));
                } catch (IOException e) {
                    LOG.warn("Not watching {} for changes: {}", folder.get(), e.getMessage());
                }
            }
        }
        registration = context.registerService(LibraryService.class, service, new Hashtable<>());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        if (watcher != null) {
            watcher.close();
        }
        service.close();
    }
}
