package dev.resonance.impl.plugins;

import dev.resonance.api.db.Database;
import dev.resonance.api.plugin.PluginPermission;
import dev.resonance.api.schedule.ScheduledJob;
import dev.resonance.api.schedule.Scheduler;
import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins' periodic jobs on this node ({@link Scheduler}'s contract). Every {@link #TICK} the node looks at each
 * job of an enabled plugin that is not running here and tries to claim it in {@code plugin_jobs}: one conditional
 * UPDATE that succeeds only when the job's last run (on any node) started at least a period ago and has finished or
 * was abandoned. PostgreSQL's row lock makes the claim exclusive: of two nodes claiming at once, the second re-reads
 * the row the first changed and finds it not due. The claimed run goes through {@link PluginCalls} with the job
 * timeout; its end (and its error) is written back. Times come from the clock, so tests move it.
 */
final class PluginScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginScheduler.class);

    /** How often the node looks for due jobs. */
    static final Duration TICK = Duration.ofSeconds(5);
    /** The longest a run may take. */
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private record Key(long bundleId, String name) {
    }

    /** A job scheduled on this node. */
    private final class Job implements ScheduledJob {
        final Bundle bundle;
        final String plugin;
        final String name;
        final Duration every;
        final Scheduler.Job work;
        final AtomicBoolean running = new AtomicBoolean();
        volatile boolean cancelled;

        Job(Bundle bundle, String plugin, String name, Duration every, Scheduler.Job work) {
            this.bundle = bundle;
            this.plugin = plugin;
            this.name = name;
            this.every = every;
            this.work = work;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void cancel() {
            cancelled = true;
            jobs.remove(new Key(bundle.getBundleId(), name), this);
        }
    }

    private final Database db;
    private final PluginManager manager;
    private final PluginCalls calls;
    private final Clock clock;
    private final String node;
    private final Map<Key, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService waiters = Executors.newCachedThreadPool(PluginCalls.daemons("resonance-plugin-job-"));
    private final ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(PluginCalls.daemons("resonance-plugin-scheduler-"));

    PluginScheduler(Database db, PluginManager manager, PluginCalls calls, Clock clock, String node) {
        this.db = db;
        this.manager = manager;
        this.calls = calls;
        this.clock = clock;
        this.node = node;
    }

    /** This node's name in {@code plugin_jobs.last_node}: the JVM's pid@host. */
    static String thisNode() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    /** Starts looking for due jobs every {@link #TICK}. */
    PluginScheduler start() {
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("Plugin jobs could not be checked this round: {}", e.getMessage());
            }
        }, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The {@link Scheduler} the plugin in {@code bundle} gets. */
    Scheduler forPlugin(Bundle bundle, Descriptor plugin) {
        return (name, every, work) -> {
            PermittedCatalog.require(plugin, PluginPermission.SCHEDULER);
            Objects.requireNonNull(work, "job");
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a job's name is 1 to 64 characters of [A-Za-z0-9._-]: " + name);
            }
            if (every == null || every.compareTo(Scheduler.MIN_PERIOD) < 0) {
                throw new IllegalArgumentException("a job's period is at least " + Scheduler.MIN_PERIOD + ": " + every);
            }
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO plugin_jobs (plugin_id, name, scheduled_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (plugin_id, name) DO NOTHING")) {
                    s.setString(1, plugin.id());
                    s.setString(2, name);
                    s.setTimestamp(3, Timestamp.from(clock.instant()));
                    s.executeUpdate();
                }
                return null;
            });
            Job job = new Job(bundle, plugin.id(), name, every, work);
            Job replaced = jobs.put(new Key(bundle.getBundleId(), name), job);
            if (replaced != null) {
                replaced.cancelled = true;
            }
            return job;
        };
    }

    /** Forgets every job of {@code bundle} on this node (its bundle stopped); runs in progress finish. */
    void cancelAll(Bundle bundle) {
        jobs.values().removeIf(job -> {
            if (job.bundle.getBundleId() == bundle.getBundleId()) {
                job.cancelled = true;
                return true;
            }
            return false;
        });
    }

    /** One round: each due job of an enabled plugin not running here is claimed and, when this node got it, started. */
    void tick() {
        for (Job job : jobs.values()) {
            if (job.cancelled || job.running.get() || !manager.admits(job.bundle)) {
                continue;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
            if (claim(job, now) && job.running.compareAndSet(false, true)) {
                waiters.execute(() -> run(job, now));
            }
        }
    }

    private boolean claim(Job job, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE plugin_jobs SET last_started_at = ?, last_node = ?"
                + " WHERE plugin_id = ? AND name = ? AND coalesce(last_started_at, scheduled_at) <= ?"
                + " AND (last_started_at IS NULL OR last_finished_at >= last_started_at OR last_started_at <= ?)")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, node);
                s.setString(3, job.plugin);
                s.setString(4, job.name);
                s.setTimestamp(5, Timestamp.from(now.minus(job.every)));
                s.setTimestamp(6, Timestamp.from(now.minus(JOB_TIMEOUT)));
                return s.executeUpdate() == 1;
            }
        });
    }

    private void run(Job job, Instant started) {
        AtomicReference<String> error = new AtomicReference<>();
        try {
            calls.await(calls.start(job.bundle, "Scheduler job " + job.name, () -> {
                try {
                    job.work.run();
                    return Boolean.TRUE;
                } catch (Exception | Error e) {
                    error.set(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                    throw e;
                }
            }, JOB_TIMEOUT)).orElseGet(() -> {
                error.compareAndSet(null, "took longer than " + JOB_TIMEOUT.toMinutes() + " minutes, or could not start");
                return Boolean.FALSE;
            });
            finish(job, started, error.get());
        } catch (RuntimeException e) {
            LOG.warn("Plugin {}: the end of job {} could not be recorded: {}", job.plugin, job.name, e.getMessage());
        } finally {
            job.running.set(false);
        }
    }

    private void finish(Job job, Instant started, String error) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE plugin_jobs SET last_finished_at = ?, last_error = ?"
                + " WHERE plugin_id = ? AND name = ? AND last_node = ? AND last_started_at = ?")) {
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                s.setTimestamp(1, Timestamp.from(now.isBefore(started) ? started : now));
                s.setString(2, error);
                s.setString(3, job.plugin);
                s.setString(4, job.name);
                s.setString(5, node);
                s.setTimestamp(6, Timestamp.from(started));
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        waiters.shutdownNow();
        jobs.clear();
    }
}
