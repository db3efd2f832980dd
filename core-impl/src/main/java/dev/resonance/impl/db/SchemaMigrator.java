package dev.resonance.impl.db;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the core schema to the version this build knows, with Flyway (versioned SQL files under
 * {@code db/migration}). Flyway takes a PostgreSQL advisory lock, so nodes starting together migrate once.
 * A database already at a newer version than this build knows is refused rather than used.
 */
final class SchemaMigrator {

    static final String CORE_LOCATION = "classpath:db/migration";

    private final ClassLoader classLoader;
    private final String location;

    SchemaMigrator(ClassLoader classLoader, String location) {
        this.classLoader = classLoader;
        this.location = location;
    }

    /** What a migration run did. */
    record Outcome(Optional<String> versionBefore, String versionAfter, int migrationsApplied) {
    }

    /** Thrown when the database holds migrations this build does not know: it was used by a newer Resonance. */
    static final class SchemaTooNewException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SchemaTooNewException(String message) {
            super(message);
        }
    }

    Outcome migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(location)
                // we refuse future migrations ourselves below, with a message that tells the operator what to do
                .ignoreMigrationPatterns("*:future")
                .failOnMissingLocations(true)
                .load();

        MigrationInfoService info = flyway.info();
        Optional<String> before = Optional.ofNullable(info.current()).map(m -> m.getVersion().getVersion());
        MigrationInfo[] future = Arrays.stream(info.all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            String known = Arrays.stream(info.all())
                    .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
                    .map(MigrationInfo::getVersion)
                    .max(Comparator.naturalOrder())
                    .map(MigrationVersion::getVersion)
                    .orElse("none");
            throw new SchemaTooNewException("the database schema is at version " + before.orElse("?")
                    + " but this Resonance only knows up to version " + known
                    + ": it was used by a newer Resonance. Upgrade Resonance, or point DB_URL at another database.");
        }

        MigrateResult result = flyway.migrate();
        String after = Optional.ofNullable(flyway.info().current())
                .map(m -> m.getVersion().getVersion())
                .orElse("0");
        return new Outcome(before, after, result.migrationsExecuted);
    }
}
