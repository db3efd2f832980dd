package dev.resonance.impl.plugins;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.impl.library.scan.CatalogFixture;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.library.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A scanned catalog of two libraries — "Music" (the fixture's) and "Other" — with an administrator and a regular user
 * who sees "Music" only: what the services that ask plugins must filter by (hits, recommendations the caller may not
 * see). The tests write the files (stand-in ".mp3" property files) before.
 */
final class TwoLibraries implements AutoCloseable {

    final CatalogFixture catalog;
    final Caller admin = new Caller(1, "admin", Role.ADMIN, Set.of(), 1, UUID.randomUUID());
    /** A regular user who sees the library "Music" only. */
    final Caller limited;

    private TwoLibraries(CatalogFixture catalog, Caller limited) {
        this.catalog = catalog;
        this.limited = limited;
    }

    /** Scans {@code music} as "Music" and {@code other} as "Other". */
    static TwoLibraries scan(Path music, Path other) throws Exception {
        Files.createDirectories(other);
        CatalogFixture catalog = new CatalogFixture(music);
        long otherLibrary = catalog.db.inTransaction(c -> id(c.prepareStatement(
                "INSERT INTO libraries (name, path) VALUES ('Other', '" + other + "') RETURNING id")));
        Scanner scanner = new Scanner(catalog.db, new PropertiesTagReader(), new Scanner.Settings(1, Duration.ofDays(30)));
        scanner.scan(catalog.libraryId, music, Optional.empty(), false, scanner.progress("quick", catalog.libraryId));
        scanner.scan(otherLibrary, other, Optional.empty(), false, scanner.progress("quick", otherLibrary));
        long userId = catalog.db.inTransaction(c -> id(c.prepareStatement(
                "INSERT INTO users (username, password_hash, role) VALUES ('lim', 'x', 'REGULAR') RETURNING id")));
        catalog.db.inTransaction(c -> c.prepareStatement("INSERT INTO user_library_access (user_id, library_id) VALUES ("
                + userId + ", " + catalog.libraryId + ")").executeUpdate());
        return new TwoLibraries(catalog, new Caller(userId, "lim", Role.REGULAR, Set.of(), 1, UUID.randomUUID()));
    }

    /** The id of the track titled {@code title}. */
    long track(String title) {
        return catalog.db.read(c -> id(c.prepareStatement("SELECT id FROM tracks WHERE title = '" + title + "'")));
    }

    static long id(PreparedStatement ps) throws java.sql.SQLException {
        try (ps; ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        catalog.close();
    }
}
