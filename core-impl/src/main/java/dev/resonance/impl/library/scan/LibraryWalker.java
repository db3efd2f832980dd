package dev.resonance.impl.library.scan;

import dev.resonance.impl.library.LibraryRoot;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Lists the audio files under a library root (or one folder of it) with size and modification time, from the
 * directory entries alone (no file is opened), folders in parallel. Each file is handed to the caller as it is
 * found, so a walk of 100k files keeps no list of them. Hidden files and folders are skipped; symbolic links are
 * handled by the library's one containment rule ({@link LibraryRoot}: a link to a file inside the library is read, a
 * link leading outside and a link to a folder are skipped and reported); unreadable folders are reported, not fatal;
 * dangling symlinks are ignored. Only links cost a resolution of their real path; plain entries of a folder the walk
 * reached without a link are inside the library by construction.
 */
final class LibraryWalker {

    /** Deeper than any real library; stops a loop the file system cannot identify (no file keys). */
    private static final int MAX_DEPTH = 128;

    private final Set<String> extensions;
    private final int parallelism;

    LibraryWalker(Set<String> extensions, int parallelism) {
        this.extensions = Set.copyOf(extensions);
        this.parallelism = Math.max(1, parallelism);
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Walks {@code start} (the root, or a folder under it). {@code files} and {@code problems} are called from
     * several threads at once; everything they did is visible to the caller when this returns. A start that is not
     * one of the library's own folders (missing, a file, or reached through a symbolic link) yields nothing; a link is
     * reported.
     */
    void walk(LibraryRoot library, Path start, BiConsumer<Path, String> problems, Consumer<FileEntry> files) throws IOException {
        Path root = library.path();
        if (!library.isOwnFolder(start)) {
            if (Files.isDirectory(start) && !start.toAbsolutePath().normalize().equals(root)) {
                problems.accept(start, library.realInside(start).isPresent() ? LibraryRoot.FOLDER_LINK : LibraryRoot.LINK_OUTSIDE);
            }
            return;
        }
        BasicFileAttributes attrs = Files.readAttributes(start, BasicFileAttributes.class);
        String prefix = start.equals(root) ? "" : relative(root, start) + "/";
        ForkJoinPool pool = new ForkJoinPool(parallelism, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("resonance-scan-walker-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
        try {
            pool.invoke(new Folder(library, start, prefix, new Ancestor(attrs.fileKey(), null, 0), problems, files));
        } finally {
            pool.shutdown();
        }
    }

    /** The folders above one, by file key, to recognise a symlink that leads back up. */
    private record Ancestor(Object key, Ancestor parent, int depth) {
        boolean contains(Object other) {
            for (Ancestor a = this; a != null; a = a.parent) {
                if (a.key != null && a.key.equals(other)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final class Folder extends RecursiveAction {
        private static final long serialVersionUID = 1L;

        private final transient LibraryRoot library;
        private final transient Path dir;
        private final String prefix;
        private final transient Ancestor ancestors;
        private final transient BiConsumer<Path, String> problems;
        private final transient Consumer<FileEntry> files;

        Folder(LibraryRoot library, Path dir, String prefix, Ancestor ancestors, BiConsumer<Path, String> problems,
               Consumer<FileEntry> files) {
            this.library = library;
            this.dir = dir;
            this.prefix = prefix;
            this.ancestors = ancestors;
            this.problems = problems;
            this.files = files;
        }

        @Override
        protected void compute() {
            List<Folder> folders = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue;
                    }
                    BasicFileAttributes attrs;
                    try {
                        attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        if (attrs.isSymbolicLink()) {
                            if (!Files.exists(entry)) {
                                continue; // dangling
                            }
                            if (library.realInside(entry).isEmpty()) {
                                problems.accept(entry, LibraryRoot.LINK_OUTSIDE);
                                continue;
                            }
                            attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                            if (attrs.isDirectory()) {
                                problems.accept(entry, LibraryRoot.FOLDER_LINK);
                                continue;
                            }
                        }
                    } catch (NoSuchFileException dangling) {
                        continue;
                    } catch (IOException e) {
                        problems.accept(entry, "cannot read: " + e.getClass().getSimpleName());
                        continue;
                    }
                    if (attrs.isDirectory()) {
                        // no link is followed, but a bind mount can still lead back up: recognised by file key
                        Object key = attrs.fileKey();
                        if (ancestors.contains(key) || ancestors.depth() >= MAX_DEPTH) {
                            problems.accept(entry, "folder loop (a mount inside the library leads back up): skipped");
                        } else {
                            folders.add(new Folder(library, entry, prefix + name + "/", new Ancestor(key, ancestors, ancestors.depth() + 1),
                                    problems, files));
                        }
                    } else if (attrs.isRegularFile() && extensions.contains(extension(name))) {
                        files.accept(new FileEntry(prefix + name, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                Throwable cause = e instanceof DirectoryIteratorException d ? d.getCause() : e;
                problems.accept(dir, "cannot read: " + Objects.requireNonNull(cause).getClass().getSimpleName());
            }
            invokeAll(folders);
        }
    }

    static String relative(Path root, Path file) {
        String relative = root.relativize(file).toString();
        return java.io.File.separatorChar == '/' ? relative : relative.replace(java.io.File.separatorChar, '/');
    }
}
