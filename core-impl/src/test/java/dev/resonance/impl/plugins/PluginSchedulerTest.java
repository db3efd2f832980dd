package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.schedule.ScheduledJob;
import dev.resonance.api.schedule.Scheduler;
import dev.resonance.testing.Await;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * Plugin jobs on two nodes sharing one database (two schedulers, as two Resonance nodes would have), on a clock the
 * test moves: a job runs once per period for the whole cluster, never twice at once, not before its first period,
 * keeps its history across a restart, survives a failing run, and runs only for an enabled plugin that asked for the
 * scheduler.
 */
class PluginSchedulerTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path storage;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private PluginWorld world;
    private PluginManager manager;
    private PluginCalls calls;
    private PluginScheduler nodeA;
    private PluginScheduler nodeB;
    private Bundle bundle;
    private Descriptor descriptor;

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void start() throws Exception {
        world = new PluginWorld(storage);
        manager = world.manager();
        calls = new PluginCalls(manager, Duration.ofSeconds(5), 4);
        nodeA = new PluginScheduler(world.db, manager, calls, clock, "node-a");
        nodeB = new PluginScheduler(world.db, manager, calls, clock, "node-b");
        bundle = plugin("weekly", "{\"scheduler\": {\"reason\": \"build the weekly playlist\"}}");
        descriptor = manager.descriptor(bundle).orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        nodeA.close();
        nodeB.close();
        calls.close();
        manager.close();
        world.close();
    }

    private Bundle plugin(String id, String permissions) throws Exception {
        Bundle installed = world.install(PluginWorld.plugin(id, "1.0.0", PluginWorld.descriptor(id, "[1.1,2)", permissions,
            List.of()), Map.of()));
        manager.reconcileNow();
        manager.enable(id, Optional.empty());
        return installed;
    }

    /** Both nodes look for due jobs at the same moment. */
    private void tickBothAtOnce() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Thread other = new Thread(() -> {
            try {
                together.await(5, TimeUnit.SECONDS);
                nodeB.tick();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        together.await(5, TimeUnit.SECONDS);
        nodeA.tick();
        other.join(10_000);
    }

    private String column(String column) {
        return world.db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT " + column + " FROM plugin_jobs WHERE name = 'weekly-mix'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** Whether the job's last run has finished and its end is recorded. */
    private boolean finished() {
        return "t".equals(column("coalesce(last_finished_at >= last_started_at, false)"));
    }

    @Test
    void aJobRunsOncePerPeriodForTheWholeClusterAndNotBeforeItsFirstPeriod() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        nodeA.forPlugin(bundle, descriptor).schedule("weekly-mix", HOUR, runs::incrementAndGet);
        nodeB.forPlugin(bundle, descriptor).schedule("weekly-mix", HOUR, runs::incrementAndGet);

        tickBothAtOnce();
        clock.advance(Duration.ofMinutes(59));
        tickBothAtOnce();
        assertThat(runs).as("not before one period after it was first scheduled").hasValue(0);

        for (int period = 1; period <= 5; period++) {
            clock.advance(Duration.ofMinutes(period == 1 ? 1 : 60));
            tickBothAtOnce();
            int expected = period;
            Await.until("run " + period + " done", () -> runs.get() == expected && finished());
            tickBothAtOnce();
            clock.advance(Duration.ofMinutes(30));
            tickBothAtOnce();
            assertThat(runs).as("once in period " + period + ", whichever node claimed it").hasValue(period);
        }
        assertThat(column("last_node")).isIn("node-a", "node-b");
        assertThat(column("last_error")).isNull();
    }

    @Test
    void aRunStillGoingIsNotStartedAgainElsewhereWhenItsPeriodEndsUnlessItOutlivedTheJobTimeout() throws Exception {
        Duration period = Duration.ofMinutes(2); // shorter than the job timeout (10 minutes)
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Scheduler.Job slow = () -> {
            started.incrementAndGet();
            release.await();
            finished.incrementAndGet();
        };
        nodeA.forPlugin(bundle, descriptor).schedule("weekly-mix", period, slow);
        nodeB.forPlugin(bundle, descriptor).schedule("weekly-mix", period, slow);

        clock.advance(period);
        tickBothAtOnce();
        Await.until("the first run started", () -> started.get() == 1);
        String runningOn = column("last_node");
        String startedAt = column("last_started_at");
        clock.advance(Duration.ofMinutes(5));
        tickBothAtOnce();
        // a run starts only after its claim, made inside tick(): an unchanged claim means no second run
        assertThat(column("last_started_at")).as("two periods later the first run goes on: nobody claims the job")
            .isEqualTo(startedAt);
        assertThat(column("last_node")).isEqualTo(runningOn);
        assertThat(started).hasValue(1);

        // past the job timeout the run counts as abandoned: the node not running it may claim the job again
        clock.advance(Duration.ofMinutes(6));
        tickBothAtOnce();
        Await.until("the abandoned run replaced on the other node", () -> started.get() == 2);
        assertThat(column("last_node")).isNotEqualTo(runningOn);

        release.countDown();
        Await.until("both runs ended, the second recorded", () -> finished.get() == 2 && finished());
    }

    @Test
    void aRestartKeepsTheJobsHistoryAndAFailingRunIsRecordedAndTriedNextPeriod() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ScheduledJob job = nodeA.forPlugin(bundle, descriptor).schedule("weekly-mix", HOUR, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("the recommender is not ready");
        });
        clock.advance(HOUR);
        nodeA.tick();
        Await.until("the failure recorded", () -> column("last_error") != null);
        assertThat(column("last_error")).isEqualTo("IllegalStateException: the recommender is not ready");
        assertThat(manager.get("weekly").problem().orElseThrow().message()).contains("Scheduler job weekly-mix failed");

        // "restart": this node forgets the job; scheduled again half a period later, it is not due before its period
        job.cancel();
        clock.advance(Duration.ofMinutes(30));
        AtomicInteger afterRestart = new AtomicInteger();
        nodeA.forPlugin(bundle, descriptor).schedule("weekly-mix", HOUR, afterRestart::incrementAndGet);
        nodeA.tick();
        assertThat(afterRestart).as("the last run was 30 minutes ago").hasValue(0);
        clock.advance(Duration.ofMinutes(30));
        nodeA.tick();
        Await.until("the run after the restart", () -> afterRestart.get() == 1);
        Await.until("recorded without error", () -> column("last_error") == null && finished());
        assertThat(attempts).hasValue(1);
    }

    @Test
    void onlyEnabledPluginsThatAskedForTheSchedulerAndValidJobsAndCancelledJobsStop() throws Exception {
        Bundle other = plugin("nosched", "{}");
        Scheduler without = nodeA.forPlugin(other, manager.descriptor(other).orElseThrow());
        assertThatThrownBy(() -> without.schedule("x", HOUR, () -> { }))
            .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.getMessage()).contains("scheduler"));

        Scheduler scheduler = nodeA.forPlugin(bundle, descriptor);
        assertThatThrownBy(() -> scheduler.schedule("bad name!", HOUR, () -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.schedule("fast", Duration.ofSeconds(59), () -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least PT1M");

        AtomicInteger runs = new AtomicInteger();
        ScheduledJob job = scheduler.schedule("weekly-mix", HOUR, runs::incrementAndGet);
        manager.disable("weekly", Optional.empty());
        clock.advance(HOUR);
        nodeA.tick();
        assertThat(runs).as("a disabled plugin's job does not run").hasValue(0);
        assertThat(column("last_started_at")).as("nor is it claimed").isNull();

        manager.enable("weekly", Optional.empty());
        job.cancel();
        nodeA.tick();
        assertThat(runs).as("a cancelled job does not run").hasValue(0);

        scheduler.schedule("weekly-mix", HOUR, runs::incrementAndGet);
        nodeA.cancelAll(bundle);
        nodeA.tick();
        assertThat(runs).as("the plugin's bundle stopped: its jobs are gone").hasValue(0);
    }
}
