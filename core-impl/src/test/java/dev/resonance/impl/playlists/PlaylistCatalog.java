package dev.resonance.impl.playlists;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;

/**
 * A harness with a small catalog for playlist tests: albums "Sky" (red cover), "Sea" (blue cover) and "Sand" (no
 * cover), three tracks each ("Sky 1" …), in the library "Music"; and two tracks ("Far 1", "Far 2") in a second library
 * "Other".
 */
final class PlaylistCatalog {

    final ApiHarness api = new ApiHarness();
    final Path other;

    PlaylistCatalog() throws IOException {
        for (String album : List.of("Sky", "Sea", "Sand")) {
            for (int t = 1; t <= 3; t++) {
                PropertiesTagReader.write(api.musicRoot.resolve("Band/" + album + "/" + t + ".mp3"), "title", album + " " + t,
                        "artist", "Band", "album", album, "albumartist", "Band", "track", Integer.toString(t), "duration", (60_000 * t) + "");
            }
        }
        Files.write(api.musicRoot.resolve("Band/Sky/folder.png"), png(Color.RED));
        Files.write(api.musicRoot.resolve("Band/Sea/folder.png"), png(Color.BLUE));
        other = Files.createTempDirectory("resonance-other");
        for (int t = 1; t <= 2; t++) {
            PropertiesTagReader.write(other.resolve("Far/" + t + ".mp3"), "title", "Far " + t, "artist", "Away", "album", "Far",
                    "albumartist", "Away");
        }
        api.library.ensureLibrary("Other", other);
        api.scanMusic();
    }

    static byte[] png(Color color) throws IOException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The id of the track with this title. */
    long track(String title) {
        return api.db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tracks WHERE title = ?")) {
                ps.setString(1, title);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new AssertionError("no track " + title);
                    }
                    return rs.getLong(1);
                }
            }
        });
    }

    long coverOf(String album) {
        return api.db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT cover_image_id FROM albums WHERE title = ?")) {
                ps.setString(1, album);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    long libraryId(String name) {
        return api.library.libraries().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow().id();
    }

    /** A signed-in regular user's caller on a device of its own (for service-level tests). */
    Caller caller(String username, long deviceId) {
        long id = api.createUser(username, username + "-password", "regular");
        return new Caller(id, username, Role.REGULAR, Role.REGULAR.defaultPermissions(), deviceId, UUID.randomUUID());
    }

    static Caller device(Caller user, long deviceId) {
        return new Caller(user.userId(), user.username(), user.role(), user.permissions(), deviceId, UUID.randomUUID());
    }

    static List<Long> longs(JsonNode array, String field) {
        List<Long> out = new ArrayList<>();
        StreamSupport.stream(array.spliterator(), false).forEach(n -> out.add(field == null ? n.asLong() : n.path(field).asLong()));
        return out;
    }

    void close() {
        api.close();
        try (var files = Files.walk(other)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files: best effort
        }
    }
}
