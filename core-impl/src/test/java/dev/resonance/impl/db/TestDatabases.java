package dev.resonance.impl.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/** A migrated throwaway database as the core's {@link Database}, for component tests in other packages. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** The migrated database this test JVM copies (created on first use, dropped when the JVM exits). */
    private static TestDatabase template;

    /**
     * {@code db} with the core's schema: a copy of a database this JVM migrated once with the core's migrations
     * ({@code SchemaMigratorTest} tests the migrations themselves on fresh databases).
     */
    public static PGSimpleDataSource migrated(TestDatabase db) {
        db.copyOf(template().name());
        return source(db);
    }

    /** {@code db} as it is, brought to the core's latest schema by the migrations (a test of an upgrade). */
    public static PGSimpleDataSource upgraded(TestDatabase db) {
        PGSimpleDataSource direct = source(db);
        new SchemaMigrator(TestDatabases.class.getClassLoader(), SchemaMigrator.CORE_LOCATION).migrate(direct);
        return direct;
    }

    private static synchronized TestDatabase template() {
        if (template == null) {
            TestDatabase fresh = TestDatabase.create();
            new SchemaMigrator(TestDatabases.class.getClassLoader(), SchemaMigrator.CORE_LOCATION).migrate(source(fresh));
            Runtime.getRuntime().addShutdownHook(new Thread(fresh::close, "drop-test-template"));
            template = fresh;
        }
        return template;
    }

    private static PGSimpleDataSource source(TestDatabase db) {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(db.url());
        direct.setUser(db.user());
        return direct;
    }

    public static Database database(HikariDataSource pool) {
        return new PooledDatabase(pool, "test");
    }
}
