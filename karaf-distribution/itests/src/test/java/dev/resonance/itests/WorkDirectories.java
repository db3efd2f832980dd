package dev.resonance.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Deletes the work directories (a server's Karaf data and Resonance data, ~165 MB with an embedded database) of a
 * test that passed; a failed test's stay for reading, and their paths are printed. Registered for every test by
 * JUnit's extension auto-detection (META-INF/services).
 */
public final class WorkDirectories implements AfterEachCallback {

    private static final List<Path> CREATED = new ArrayList<>();

    static synchronized void created(Path workDir) {
        CREATED.add(workDir);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Path> mine;
        synchronized (WorkDirectories.class) {
            mine = List.copyOf(CREATED);
            CREATED.clear();
        }
        if (context.getExecutionException().isPresent()) {
            mine.forEach(dir -> System.err.println("kept for reading: " + dir));
            return;
        }
        mine.forEach(WorkDirectories::delete);
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
