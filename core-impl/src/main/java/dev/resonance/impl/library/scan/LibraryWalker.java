package dev.resonance.impl.library.scan;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Lists the audio files under a library root (or one folder of it) with size and modification time, from the
 * directory entries alone (no file is opened). Hidden files and folders are skipped; symlinks are followed
 * with loop detection; unreadable folders are reported, not fatal.
 */
final class LibraryWalker {

    private final Set<String> extensions;

    LibraryWalker(Set<String> extensions) {
        this.extensions = Set.copyOf(extensions);
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    List<FileEntry> walk(Path root, Path start, BiConsumer<Path, String> problems) throws IOException {
        List<FileEntry> files = new ArrayList<>();
        Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path name = dir.getFileName();
                if (!dir.equals(start) && name != null && name.toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && !name.startsWith(".") && extensions.contains(extension(name))) {
                    files.add(new FileEntry(relative(root, file), file, attrs.size(), attrs.lastModifiedTime().toMillis()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.accept(file, e instanceof java.nio.file.FileSystemLoopException ? "symbolic link loop"
                        : "cannot read: " + e.getClass().getSimpleName());
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    static String relative(Path root, Path file) {
        String relative = root.relativize(file).toString();
        return java.io.File.separatorChar == '/' ? relative : relative.replace(java.io.File.separatorChar, '/');
    }
}
