package dev.resonance.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ffmpeg binary for tests: {@code RESONANCE_FFMPEG} if set, else the static ffmpeg 4.4 from JAVE's native jar
 * (extracted once into the temp directory and reused), so a fresh machine needs no ffmpeg installed.
 */
public final class Ffmpeg {

    private static final String RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";
    private static volatile Path binary;

    private Ffmpeg() {
    }

    public static synchronized Path path() {
        if (binary != null) {
            return binary;
        }
        String configured = System.getenv("RESONANCE_FFMPEG");
        if (configured != null && !configured.isBlank()) {
            return binary = Path.of(configured);
        }
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "resonance-test-ffmpeg"));
            Path target = dir.resolve("ffmpeg-4.4");
            if (!Files.isExecutable(target)) {
                try (InputStream in = Ffmpeg.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("ffmpeg not found: " + RESOURCE + " missing from the test class path");
                    }
                    Path partial = Files.createTempFile(dir, "ffmpeg", ".part");
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    partial.toFile().setExecutable(true);
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return binary = target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs ffmpeg with {@code args} (after {@code -hide_banner -loglevel error -y}); fails with ffmpeg's message. */
    public static void run(List<String> args) {
        List<String> command = new ArrayList<>(List.of(path().toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed (" + process.exitValue() + "): " + output.strip() + "\n" + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void run(String... args) {
        run(List.of(args));
    }
}
