package dev.resonance.impl.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/** A migrated throwaway database as the core's {@link Database}, for component tests in other packages. */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static PGSimpleDataSource migrated(TestDatabase db) {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(db.url());
        direct.setUser(db.user());
        new SchemaMigrator(TestDatabases.class.getClassLoader(), SchemaMigrator.CORE_LOCATION).migrate(direct);
        return direct;
    }

    public static Database database(HikariDataSource pool) {
        return new PooledDatabase(pool, "test");
    }
}
