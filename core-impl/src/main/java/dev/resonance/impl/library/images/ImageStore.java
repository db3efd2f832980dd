package dev.resonance.impl.library.images;

import dev.resonance.api.db.Database;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import javax.imageio.ImageIO;

/**
 * Cover images stored once by content (SHA-256) under {@code <data>/images/ab/abcdef….img}, with their size and
 * palette in the database, and resized copies made on first request and kept beside the original.
 *
 * <p>Every decode goes through one {@link ImageDecoder} (bounded, subsampled, absurd sizes refused). A resized copy
 * is made once: concurrent first requests for the same image and size wait for the one decode under way.
 */
public final class ImageStore {

    /** Sizes a client may ask for: requests are rounded up to one of these, so the cache stays small. */
    static final int[] SIZES = {64, 128, 256, 512, 1024};
    static final int MAX_BYTES = 20 * 1024 * 1024;
    /** Palettes sample a 64×64 grid: a decode to ≥ 128 px is plenty. */
    static final int PALETTE_SOURCE_SIZE = 128;
    /** A scan waits its turn for a decode slot (requests, not scans, are the ones that must answer quickly). */
    static final Duration SCAN_WAIT = Duration.ofMinutes(10);
    /** How long a request waits for a decode slot before it is answered "busy, retry". */
    public static final Duration REQUEST_WAIT = Duration.ofSeconds(10);

    /** An image's stored bytes and type. */
    public record Stored(long id, String sha256, String mimeType, Path file) {
    }

    /** Resizes under way, by target file: later requests for the same image and size wait for this one. */
    private final ConcurrentMap<Path, CompletableFuture<Path>> resizing = new ConcurrentHashMap<>();
    private final Database db;
    private final Path root;
    private final ImageDecoder decoder;
    private final Duration requestWait;

    public ImageStore(Database db, Path root) {
        this(db, root, ImageDecoder.standard(), REQUEST_WAIT);
    }

    public ImageStore(Database db, Path root, ImageDecoder decoder, Duration requestWait) {
        this.db = db;
        this.root = root;
        this.decoder = decoder;
        this.requestWait = requestWait;
    }

    /**
     * Stores {@code data} (JPEG/PNG/GIF/BMP) unless the same bytes are stored already; empty when not a decodable image.
     *
     * @throws ImageDecoder.TooLargeException when the image's header declares absurd dimensions (it is not decoded)
     */
    public Optional<Long> store(byte[] data) throws IOException {
        if (data.length == 0 || data.length > MAX_BYTES) {
            return Optional.empty();
        }
        String sha = sha256(data);
        Optional<Long> existing = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM images WHERE sha256 = ?")) {
                ps.setBytes(1, HexFormat.of().parseHex(sha));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
        if (existing.isPresent()) {
            return existing;
        }
        ImageDecoder.Decoded image;
        try {
            image = decoder.decode(data, PALETTE_SOURCE_SIZE, SCAN_WAIT);
        } catch (ImageDecoder.TooLargeException | InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            return Optional.empty();
        }
        String mime = mimeType(data);
        Path file = original(sha);
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), "img", ".part");
        Files.write(partial, data);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        List<String> palette = Palette.of(image.image(), 5);
        return Optional.of(db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO images (sha256, mime_type, width, height, byte_size, palette)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET sha256 = excluded.sha256 RETURNING id")) {
                ps.setBytes(1, HexFormat.of().parseHex(sha));
                ps.setString(2, mime);
                ps.setInt(3, image.sourceWidth());
                ps.setInt(4, image.sourceHeight());
                ps.setInt(5, data.length);
                ps.setArray(6, c.createArrayOf("text", palette.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }));
    }

    public Optional<Stored> find(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sha256, mime_type FROM images WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Stored>empty();
                    }
                    String sha = HexFormat.of().formatHex(rs.getBytes(1));
                    return Optional.of(new Stored(id, sha, rs.getString(2), original(sha)));
                }
            }
        });
    }

    /**
     * The image at the smallest standard size covering {@code requested} pixels (JPEG), made once and then reused.
     *
     * @throws ImageDecoder.TooLargeException when the stored image declares absurd dimensions
     * @throws ImageDecoder.BusyException when no decode slot became free in time
     */
    public Path resized(Stored image, int requested) throws IOException {
        int size = SIZES[SIZES.length - 1];
        for (int s : SIZES) {
            if (s >= requested) {
                size = s;
                break;
            }
        }
        Path target = image.file().resolveSibling(image.sha256() + "-" + size + ".jpg");
        if (Files.exists(target)) {
            return target;
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> running = resizing.putIfAbsent(target, mine);
        if (running != null) {
            decoder.observer().waitingForResize();
            return await(running);
        }
        try {
            // a resize that finished between the check above and our entry in the map has made the file already
            Path made = Files.exists(target) ? target : resize(image, size, target);
            mine.complete(made);
            return made;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            resizing.remove(target, mine);
        }
    }

    private static Path await(CompletableFuture<Path> running) throws IOException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an image resize");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("image resize failed: " + cause, cause);
        }
    }

    private Path resize(Stored image, int size, Path target) throws IOException {
        BufferedImage out = ImageDecoder.fit(decoder.decode(image.file(), size, requestWait).image(), size);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpg", bytes);
        Path partial = Files.createTempFile(target.getParent(), "img", ".part");
        Files.write(partial, bytes.toByteArray());
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private Path original(String sha) {
        return root.resolve(sha.substring(0, 2)).resolve(sha + ".img");
    }

    static String mimeType(byte[] data) {
        if (data.length > 3 && (data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8) {
            return "image/jpeg";
        }
        if (data.length > 8 && (data[0] & 0xff) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return "image/png";
        }
        if (data.length > 3 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F') {
            return "image/gif";
        }
        if (data.length > 2 && data[0] == 'B' && data[1] == 'M') {
            return "image/bmp";
        }
        return "application/octet-stream";
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
