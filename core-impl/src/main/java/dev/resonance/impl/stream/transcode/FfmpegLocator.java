package dev.resonance.impl.stream.transcode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the ffmpeg binary: a configured system ffmpeg wins; otherwise the static ffmpeg 4.4 inside JAVE's native jar
 * (embedded in the core bundle) is extracted into the data directory once, with its sha256 beside it, and reused on
 * the next start after the digest is checked again (a damaged or half-written copy is extracted anew). JAVE's own
 * locator looks for the binary through a file URL of its jar, which does not exist inside OSGi.
 */
public final class FfmpegLocator {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegLocator.class);

    /** Where JAVE 3.5's linux64 jar keeps the binary. */
    public static final String RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";
    /** Bump when the embedded binary changes, so an old extraction is never mistaken for the new one. */
    static final String VERSION = "jave-3.5.0";

    private final Supplier<InputStream> embedded;

    public FfmpegLocator(Supplier<InputStream> embedded) {
        this.embedded = embedded;
    }

    /** The locator for the binary on this class's class path (inside OSGi: the core bundle's lib/ jar). */
    public static FfmpegLocator embedded() {
        return new FfmpegLocator(() -> FfmpegLocator.class.getClassLoader().getResourceAsStream(RESOURCE));
    }

    /** The data directory: Karaf's {@code karaf.data}, else a folder in the temp directory. */
    public static Path dataDirectory() {
        String karafData = System.getProperty("karaf.data");
        return karafData != null && !karafData.isBlank() ? Path.of(karafData)
                : Path.of(System.getProperty("java.io.tmpdir"), "resonance-data");
    }

    /** The ffmpeg to run: {@code configured} if given (it must be an executable file), else the extracted one. */
    public Path locate(String configured, Path dataDirectory) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IllegalStateException("ffmpegPath " + path + " is not an executable file");
            }
            return path;
        }
        return extracted(dataDirectory.resolve("ffmpeg").resolve(VERSION));
    }

    private synchronized Path extracted(Path directory) {
        Path binary = directory.resolve("ffmpeg");
        Path digestFile = directory.resolve("ffmpeg.sha256");
        try {
            Optional<String> expected = Files.isRegularFile(digestFile)
                    ? Optional.of(Files.readString(digestFile, StandardCharsets.US_ASCII).strip()) : Optional.empty();
            if (expected.isPresent() && Files.isRegularFile(binary) && expected.get().equals(sha256(binary))) {
                if (!Files.isExecutable(binary)) {
                    makeExecutable(binary);
                }
                return binary;
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "ffmpeg", ".part");
            String digest;
            try (InputStream resource = embedded.get()) {
                if (resource == null) {
                    throw new IllegalStateException("no ffmpeg: " + RESOURCE + " is missing from the core bundle; set ffmpegPath in "
                            + "resonance.core.stream.cfg");
                }
                DigestInputStream in = new DigestInputStream(resource, newDigest());
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                digest = HexFormat.of().formatHex(in.getMessageDigest().digest());
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            makeExecutable(partial);
            Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(digestFile, digest + "\n", StandardCharsets.US_ASCII);
            LOG.info("Extracted the embedded ffmpeg to {} (sha256 {})", binary, digest);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("extracting ffmpeg into " + directory, e);
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
