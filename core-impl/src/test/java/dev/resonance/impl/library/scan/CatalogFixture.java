package dev.resonance.impl.library.scan;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** A throwaway migrated database on the real PostgreSQL with one library rooted at {@code root}: what scan tests start from. */
public final class CatalogFixture implements AutoCloseable {

    public final Database db;
    public final long libraryId;
    private final TestDatabase testDb;
    private final HikariDataSource pool;

    public CatalogFixture(Path root) {
        testDb = TestDatabase.create();
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestDatabases.migrated(testDb));
        pool = new HikariDataSource(config);
        db = TestDatabases.database(pool);
        libraryId = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO libraries (name, path) VALUES ('Music', ?) RETURNING id")) {
                ps.setString(1, root.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public void close() {
        pool.close();
        testDb.close();
    }
}
