package dev.resonance.impl.library.images;

import dev.resonance.api.db.Database;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Cover images stored once by content (SHA-256) under {@code <data>/images/ab/abcdef….img}, with their size and
 * palette in the database, and resized copies made on first request and kept beside the original.
 */
public final class ImageStore {

    /** Sizes a client may ask for: requests are rounded up to one of these, so the cache stays small. */
    static final int[] SIZES = {64, 128, 256, 512, 1024};
    static final int MAX_BYTES = 20 * 1024 * 1024;

    /** An image's stored bytes and type. */
    public record Stored(long id, String sha256, String mimeType, Path file) {
    }

    private final Database db;
    private final Path root;

    public ImageStore(Database db, Path root) {
        this.db = db;
        this.root = root;
    }

    /** Stores {@code data} (JPEG/PNG/GIF/BMP) unless the same bytes are stored already; empty when not a decodable image. */
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
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(data));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (image == null) {
            return Optional.empty();
        }
        String mime = mimeType(data);
        Path file = original(sha);
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), "img", ".part");
        Files.write(partial, data);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        List<String> palette = Palette.of(image, 5);
        return Optional.of(db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO images (sha256, mime_type, width, height, byte_size, palette)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET sha256 = excluded.sha256 RETURNING id")) {
                ps.setBytes(1, HexFormat.of().parseHex(sha));
                ps.setString(2, mime);
                ps.setInt(3, image.getWidth());
                ps.setInt(4, image.getHeight());
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

    /** The image at the smallest standard size covering {@code requested} pixels (JPEG), made once and then reused. */
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
        BufferedImage source = ImageIO.read(image.file().toFile());
        if (source == null) {
            throw new IOException("stored image " + image.id() + " cannot be decoded");
        }
        if (source.getWidth() <= size && source.getHeight() <= size) {
            size = Math.max(source.getWidth(), source.getHeight());
        }
        double scale = (double) size / Math.max(source.getWidth(), source.getHeight());
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
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
