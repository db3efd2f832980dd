package dev.resonance.impl.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.config.ServerSettings;
import dev.resonance.api.db.Database;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the database: starts the embedded PostgreSQL when no URL is configured, connects, migrates, and
 * registers {@link Database} once the schema is current. An unreachable server is retried in the background
 * (one log line per change of cause, never a stack trace wall); {@code /health} reports why it is down.
 */
// service = {}: the health indicator is registered by hand so that configuration properties (the password)
// never become service properties visible to every bundle and to `service:list`.
@Component(service = {}, immediate = true,
        configurationPid = DatabaseConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DatabaseConfig.class)
public final class DatabaseComponent implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseComponent.class);
    private static final long HEALTH_CACHE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final BundleContext bundleContext;
    private final ServerSettings settings;
    private volatile DatabaseConfig config;
    private final ScheduledExecutorService worker;
    private final MeterRegistry metrics;

    private volatile HealthCheck state = HealthCheck.down("connecting");
    private volatile String lastLoggedProblem = "";
    private volatile boolean stopped;

    // owned by the worker thread while starting, read by health checks and deactivate
    private volatile EmbeddedPostgresServer embedded;
    private volatile PooledDatabase database;
    private volatile ServiceRegistration<Database> registration;
    private final ServiceRegistration<HealthIndicator> healthRegistration;
    private volatile long lastProbeNanos;
    private volatile boolean lastProbeOk;

    @Activate
    public DatabaseComponent(BundleContext bundleContext, @Reference ServerSettings settings, @Reference MeterRegistry metrics,
                             DatabaseConfig config) {
        metrics.counter("resonance.component.activations", "component", "database").increment(); // docs/configuration.md
        this.bundleContext = bundleContext;
        this.settings = settings;
        this.metrics = metrics;
        this.config = config;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "resonance-db-start");
            t.setDaemon(true);
            return t;
        });
        this.healthRegistration = bundleContext.registerService(HealthIndicator.class, this, new Hashtable<>());
        String url = config.url().strip();
        String problem = url.isEmpty() ? null : JdbcUrls.problemWith(url);
        if (problem != null) {
            reportDown(problem);
            return; // a malformed URL will not fix itself: wait for a configuration change
        }
        worker.execute(this::start);
    }

    /**
     * A configuration change. The pool's size and connection timeout and the retry interval are applied in place:
     * nothing notices. Anything that changes which database this is or how connections are opened (URL, user,
     * password, embedded port, random_page_cost) replaces the database: its service goes away — every component that
     * uses it (accounts, library, sync, streaming) stops, ending streams, transcodes and sync sockets (clients see
     * their connection end and reconnect) — and comes back on the new connection.
     */
    @Modified
    void modified(DatabaseConfig next) {
        DatabaseConfig previous = config;
        config = next;
        if (sameDatabase(previous, next)) {
            PooledDatabase current = database;
            if (current != null) {
                current.resize(next.maxPoolSize(), TimeUnit.SECONDS.toMillis(next.connectTimeoutSeconds()));
            }
            LOG.info("Database pool reconfigured: {} connections at most", next.maxPoolSize());
            return;
        }
        LOG.warn("Database configuration changed: reconnecting; everything that uses the database restarts");
        withdraw();
        if (embedded != null && (!embeddedMode() || previous.embeddedPort() != next.embeddedPort())) {
            embedded.close();
            embedded = null;
        }
        state = HealthCheck.down("reconnecting");
        String url = next.url().strip();
        String problem = url.isEmpty() ? null : JdbcUrls.problemWith(url);
        if (problem != null) {
            reportDown(problem);
            return;
        }
        worker.execute(this::start);
    }

    /** Takes the database service away (its users stop) and closes the pool. */
    private synchronized void withdraw() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }

    static boolean sameDatabase(DatabaseConfig a, DatabaseConfig b) {
        return a.url().strip().equals(b.url().strip()) && a.user().equals(b.user()) && a.password().equals(b.password())
                && a.embeddedPort() == b.embeddedPort() && Double.compare(a.randomPageCost(), b.randomPageCost()) == 0;
    }

    private boolean embeddedMode() {
        return config.url().isBlank();
    }

    private void start() {
        if (stopped || database != null) {
            return; // stopped, or started already (a retry queued before a configuration change)
        }
        try {
            DataSource direct;
            String where;
            if (embeddedMode()) {
                if (embedded == null) {
                    embedded = EmbeddedPostgresServer.start(settings.dataDirectory().resolve("postgres"), config.embeddedPort());
                }
                direct = embedded.dataSource();
                where = "embedded PostgreSQL on 127.0.0.1:" + embedded.port();
            } else {
                direct = externalDataSource();
                where = "PostgreSQL at " + JdbcUrls.redact(config.url().strip());
            }
            String serverVersion = probe(direct);
            SchemaMigrator.Outcome outcome = new SchemaMigrator(getClass().getClassLoader(), SchemaMigrator.CORE_LOCATION)
                    .migrate(direct);
            if (outcome.migrationsApplied() > 0) {
                LOG.info("Database schema migrated from v{} to v{} ({} migration(s))",
                        outcome.versionBefore().orElse("0"), outcome.versionAfter(), outcome.migrationsApplied());
            } else {
                LOG.info("Database schema is current at v{}", outcome.versionAfter());
            }
            PooledDatabase ready = new PooledDatabase(pool(direct), outcome.versionAfter());
            synchronized (this) {
                if (stopped) {
                    ready.close();
                    return;
                }
                database = ready;
                registration = bundleContext.registerService(Database.class, ready, serviceProperties(ready));
            }
            lastProbeOk = true;
            lastProbeNanos = System.nanoTime();
            reportReady(where); // before health turns UP, so whoever sees UP also finds the line in the log
            state = HealthCheck.up(where + ", PostgreSQL " + serverVersion + ", schema v" + outcome.versionAfter());
        } catch (SchemaMigrator.SchemaTooNewException e) {
            reportDown("refusing the database: " + e.getMessage());
        } catch (Exception e) {
            reportDown((embeddedMode() ? "embedded PostgreSQL failed to start: " : "cannot reach DB_URL "
                    + JdbcUrls.redact(config.url().strip()) + ": ") + rootMessage(e)
                    + " (retrying every " + config.retrySeconds() + " s)");
            if (!stopped) {
                worker.schedule(this::start, config.retrySeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private DataSource externalDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(config.url().strip());
        if (!config.user().isBlank()) {
            ds.setUser(config.user());
        }
        if (!config.password().isEmpty()) {
            ds.setPassword(config.password());
        }
        ds.setConnectTimeout(config.connectTimeoutSeconds());
        ds.setApplicationName("resonance");
        return ds;
    }

    private static String probe(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        }
    }

    private HikariDataSource pool(DataSource direct) {
        HikariConfig hikari = poolConfig(direct, config.maxPoolSize(), config.randomPageCost());
        hikari.setConnectionTimeout(TimeUnit.SECONDS.toMillis(config.connectTimeoutSeconds()));
        hikari.setMetricsTrackerFactory(new PoolMetrics(metrics)); // hikaricp_connections_*
        return new HikariDataSource(hikari);
    }

    /** The pool's settings: query JIT off, and {@code randomPageCost} if > 0, on every connection it opens. */
    static HikariConfig poolConfig(DataSource direct, int maxPoolSize, double randomPageCost) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(direct); // not a driver class name: class-name loading fails in OSGi
        hikari.setPoolName("resonance");
        hikari.setMaximumPoolSize(maxPoolSize);
        hikari.setMinimumIdle(Math.min(2, maxPoolSize));
        hikari.setRegisterMbeans(false);
        // no JIT compilation of queries: its start-up cost (~100+ ms) dwarfs what it saves on our short queries, and
        // PostgreSQL's cost threshold for it is reached by a scan's whole-catalog statements
        hikari.setConnectionInitSql("SET jit = off" + (randomPageCost > 0 ? "; SET random_page_cost = " + randomPageCost : ""));
        return hikari;
    }

    private Dictionary<String, Object> serviceProperties(PooledDatabase ready) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("resonance.db.schemaVersion", ready.schemaVersion());
        props.put("resonance.db.embedded", embeddedMode());
        return props;
    }

    private void reportDown(String problem) {
        state = HealthCheck.down(problem);
        if (!problem.equals(lastLoggedProblem)) {
            lastLoggedProblem = problem;
            LOG.error("Database DOWN: {}", problem);
        }
    }

    private void reportReady(String where) {
        lastLoggedProblem = "";
        // "Resonance ready" is the site's to say (impl.http.StartupProbe): the database being up is not enough
        LOG.info("Database UP: {}", where);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    @Override
    public String name() {
        return "db";
    }

    @Override
    public HealthCheck check() {
        PooledDatabase current = database;
        if (current == null) {
            return state;
        }
        long now = System.nanoTime();
        if (now - lastProbeNanos > HEALTH_CACHE_NANOS) {
            lastProbeOk = current.isReachable(1);
            lastProbeNanos = now;
        }
        return lastProbeOk ? state : HealthCheck.down("the database stopped answering (" + state.detail().orElse("") + ")");
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        healthRegistration.unregister();
        withdraw();
        if (embedded != null) {
            LOG.info("Stopping embedded PostgreSQL");
            embedded.close();
            embedded = null;
        }
    }
}
