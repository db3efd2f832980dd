package dev.resonance.impl.library;

import dev.resonance.api.http.HttpContribution;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.ContentResource;
import dev.resonance.impl.library.browse.LibraryGraph;
import dev.resonance.impl.library.browse.ImageResource;
import java.util.List;
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
import org.osgi.service.component.annotations.Modified;
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
    private final Scanner scanner;
    private final ServiceRegistration<LibraryService> registration;
    private final List<ServiceRegistration<?>> resources = new java.util.ArrayList<>();
    /** The folder watcher of each library being watched, with the folder it watches. */
    private final java.util.Map<Long, Watched> watchers = new java.util.HashMap<>();
    private LibraryConfig config;
    private Optional<Path> folder = Optional.empty();


    @Activate
    public LibraryComponent(BundleContext context, @Reference Database db, @Reference ServerSettings settings,
                            @Reference TagReader reader, @Reference MeterRegistry metrics, LibraryConfig config) {
        metrics.counter("resonance.component.activations", "component", "library").increment(); // docs/configuration.md

        ImageStore images = new ImageStore(db, settings.dataDirectory().resolve("images"));
        scanner = new Scanner(db, reader, scannerSettings(config), Optional.of(images), metrics);
        service = new LibraryService(db, scanner, images);
        this.config = config;
        service.onLibrariesChanged(this::rewatch);
        follow(settings.musicLibraryPath(), false);
        if (config.scanOnStartup()) {
            service.libraries().forEach(l -> service.scanFolder(l.id(), Path.of("")));
        }
        registration = context.registerService(LibraryService.class, service, new Hashtable<>());
        CatalogQueries catalog = catalog(service, db);
        for (Object resource : resources(service, catalog)) {
            resources.add(context.registerService(Object.class, resource, HttpContribution.resource("core.library")));
        }
        resources.add(context.registerService(dev.resonance.impl.graphql.GraphPart.class, graph(service, catalog), null));
        resources.add(context.registerService(dev.resonance.impl.graphql.GraphPart.class, new AdminLibraryGraph(service), null));
    }

    /**
     * A configuration change, applied in place: scans started from now on use the new readers and purge age; the
     * watcher follows the new settings; a new music folder becomes the library's folder and is scanned (tracks
     * outside it are marked missing, and purged after {@code purgeMissingDays}). Browsing, streaming and running
     * scans are not interrupted.
     */
    @Modified
    synchronized void modified(LibraryConfig next) {
        LibraryConfig previous = config;
        config = next;
        scanner.update(scannerSettings(next));
        LOG.info("Library reconfigured");
        if (previous.watch() != next.watch() || previous.watchDebounceSeconds() != next.watchDebounceSeconds()) {
            closeWatchers();
            rewatch();
        }
    }

    /**
     * The server settings ({@code resonance.core.server}) are changed in place and their service properties updated;
     * this reference only listens for that, to follow a new music folder.
     */
    @Reference(name = "serverSettingsChanges", service = ServerSettings.class, updated = "serverSettingsChanged")
    void bindServerSettingsChanges(ServerSettings ignored) {
        // the constructor has the settings; only their updates matter here
    }

    synchronized void serverSettingsChanged(ServerSettings changed) {
        Optional<Path> nextFolder = changed.musicLibraryPath();
        if (!nextFolder.equals(folder)) {
            LOG.info("Music folder changed to {}", nextFolder.map(Path::toString).orElse("(none)"));
            follow(nextFolder, true);
        }
    }

    private static Scanner.Settings scannerSettings(LibraryConfig config) {
        int readers = config.readers() > 0 ? config.readers() : Runtime.getRuntime().availableProcessors();
        return new Scanner.Settings(readers, Duration.ofDays(config.purgeMissingDays()));
    }

    /** Makes {@code configured} (when it is a folder) the configured library's folder, scanned if asked. */
    private synchronized void follow(Optional<Path> configured, boolean scan) {
        folder = configured;
        Optional<Path> existing = configured.filter(Files::isDirectory);
        if (existing.isPresent()) {
            LibraryService.Library library = service.ensureLibrary(LibraryService.CONFIGURED, existing.get());
            if (scan) {
                service.scanFolder(library.id(), Path.of(""));
            }
        }
        rewatch();
    }

    private record Watched(Path folder, LibraryWatcher watcher) {
    }

    /** Watches every library's folder (when watching is on), and stops watching folders no library has any more. */
    private synchronized void rewatch() {
        java.util.Map<Long, Path> wanted = new java.util.HashMap<>();
        if (config.watch()) {
            for (LibraryService.Library library : service.libraries()) {
                Path root = Path.of(library.path());
                if (Files.isDirectory(root)) {
                    wanted.put(library.id(), root);
                }
            }
        }
        for (java.util.Iterator<java.util.Map.Entry<Long, Watched>> it = watchers.entrySet().iterator(); it.hasNext(); ) {
            java.util.Map.Entry<Long, Watched> entry = it.next();
            if (!entry.getValue().folder().equals(wanted.get(entry.getKey()))) {
                entry.getValue().watcher().close();
                it.remove();
            }
        }
        wanted.forEach((id, root) -> {
            if (!watchers.containsKey(id)) {
                try {
                    watchers.put(id, new Watched(root, new LibraryWatcher(root, Duration.ofSeconds(config.watchDebounceSeconds()),
                            (watched, changed) -> service.scanFolder(id, changed))));
                } catch (IOException e) {
                    LOG.warn("Not watching {} for changes: {}", root, e.getMessage());
                }
            }
        });
    }

    private synchronized void closeWatchers() {
        watchers.values().forEach(w -> w.watcher().close());
        watchers.clear();
    }

    /** The REST resources of the library, contributed to the API (tests serve the same). */
    public static List<Object> resources(LibraryService library, Database db) {
        return resources(library, catalog(library, db));
    }

    private static List<Object> resources(LibraryService library, CatalogQueries catalog) {
        return List.of(new LibraryResource(library), new AdminLibraryResource(library), new ContentResource(catalog),
                new ImageResource(library.images()));
    }

    /** The catalog's queries, shared by REST and GraphQL (their totals cache with them). */
    public static CatalogQueries catalog(LibraryService library, Database db) {
        return new CatalogQueries(db, library::catalogGeneration, Duration.ofSeconds(30));
    }

    /** The library's part of the GraphQL schema (tests build the same). */
    public static dev.resonance.impl.graphql.GraphPart graph(LibraryService library, CatalogQueries catalog) {
        return new LibraryGraph(catalog, library);
    }

    @Deactivate
    synchronized void deactivate() {
        resources.forEach(ServiceRegistration::unregister);
        registration.unregister();
        service.onLibrariesChanged(null);
        closeWatchers();
        service.close();
    }
}
