package dev.resonance.impl.library;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a library's folders and, once changes have settled ({@code debounce} without new events), asks for a
 * quick scan of the folder that changed — a copied-in album is scanned once, not once per file. New folders are
 * watched as they appear. If the system refuses more watches (inotify limit), it says so once and the library is
 * still covered by scheduled and manual scans. Only the library's own folders are watched and asked for
 * ({@link LibraryRoot#isOwnFolder}): a folder link created in the library asks for a scan of the folder holding it,
 * whose walk reports and skips the link — never a scan through the link (a link to the root added the library twice).
 */
final class LibraryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryWatcher.class);

    private final LibraryRoot library;
    private final Path root; // the real root: watched paths are real paths
    private final Duration debounce;
    private final BiConsumer<Path, Path> onChange; // (library root, changed folder relative to it)
    private final WatchService watcher;
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private final Map<Path, Long> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean limitReported;

    LibraryWatcher(Path root, Duration debounce, BiConsumer<Path, Path> onChange) throws IOException {
        this.library = LibraryRoot.of(root.toRealPath());
        this.root = library.path();
        this.debounce = debounce;
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        registerTree(this.root);
        this.thread = new Thread(this::loop, "resonance-library-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerTree(Path start) throws IOException {
        if (!library.isOwnFolder(start)) {
            return;
        }
        // walkFileTree does not follow links: every folder below an own folder is one too
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                try {
                    folders.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY), dir);
                } catch (IOException e) {
                    if (!limitReported) {
                        limitReported = true;
                        LOG.warn("Cannot watch every folder of {} ({}): changes there are picked up by the next scan. "
                                + "Raise fs.inotify.max_user_watches for large libraries.", root, e.getMessage());
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watcher.poll(Math.max(50, debounce.toMillis() / 4), java.util.concurrent.TimeUnit.MILLISECONDS);
                if (key != null) {
                    Path folder = folders.get(key);
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (folder == null || event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            pending.put(root, System.nanoTime());
                            continue;
                        }
                        Path changed = folder.resolve((Path) event.context());
                        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                                && Files.isDirectory(changed, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            registerTree(changed);
                            pending.put(changed, System.nanoTime());
                        } else {
                            pending.put(folder, System.nanoTime());
                        }
                    }
                    if (!key.reset()) {
                        folders.remove(key);
                    }
                }
                long now = System.nanoTime();
                for (Map.Entry<Path, Long> e : pending.entrySet()) {
                    if (now - e.getValue() >= debounce.toNanos() && pending.remove(e.getKey(), e.getValue())) {
                        // a folder deleted (or replaced by a link) since: its nearest own folder above is scanned
                        onChange.accept(root, root.relativize(library.nearestOwnFolder(e.getKey())));
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Library watcher for {} stopped: {}", root, e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing watcher", e);
        }
    }
}
