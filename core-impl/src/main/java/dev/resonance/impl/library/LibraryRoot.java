package dev.resonance.impl.library;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The music folder as a boundary: the one rule for what of the file system a library may read and serve. Decided
 * on real paths (every symbolic link resolved) of the root and of the file, so a link cannot lead out of the library.
 * The walker, the cover search, the watcher and streaming all ask here.
 *
 * <p>Symbolic links: a link to a file inside the library is read (a link cannot loop through a file); a link to a
 * folder is never followed — outside the library it would publish what the operator did not share, inside it the
 * folder's files are already cataloged where they really lie (following it would catalog them twice, or forever
 * when it leads back up). Both are reported as scan problems with {@link #LINK_OUTSIDE} or {@link #FOLDER_LINK}.
 */
public final class LibraryRoot {

    public static final String LINK_OUTSIDE = "symbolic link leads outside the library: skipped";
    public static final String FOLDER_LINK = "symbolic link to a folder inside the library: skipped (its files are scanned where they really are)";

    private final Path path;
    private final Path real;

    private LibraryRoot(Path path, Path real) {
        this.path = path;
        this.real = real;
    }

    /** The library rooted at {@code root}, which must exist. */
    public static LibraryRoot of(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        return new LibraryRoot(absolute, absolute.toRealPath());
    }

    /** The root as configured (what catalog paths are relative to). */
    public Path path() {
        return path;
    }

    /** The root with every link resolved. */
    public Path real() {
        return real;
    }

    /** Where {@code file} really is, if that is inside the library (empty when outside, dangling or unreadable). */
    public Optional<Path> realInside(Path file) {
        try {
            Path target = file.toRealPath();
            return target.startsWith(real) ? Optional.of(target) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code folder} (under the configured root) is a folder of the library itself: it exists, is a folder,
     * and is reached from the root through no symbolic link. Only such folders are walked or watched.
     */
    public boolean isOwnFolder(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!absolute.startsWith(path)) {
            return false;
        }
        try {
            Path target = absolute.toRealPath();
            return target.equals(real.resolve(path.relativize(absolute))) && java.nio.file.Files.isDirectory(target);
        } catch (IOException e) {
            return false;
        }
    }

    /** The nearest folder at or above {@code folder} that {@link #isOwnFolder is the library's own} (at worst the root). */
    public Path nearestOwnFolder(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        while (f != null && f.startsWith(path) && !f.equals(path) && !isOwnFolder(f)) {
            f = f.getParent();
        }
        return f == null || !f.startsWith(path) ? path : f;
    }
}
