package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.events.EventLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Role;
import dev.resonance.api.db.Database;
import dev.resonance.api.db.DatabaseException;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.impl.sync.bus.LocalBus;
import dev.resonance.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event log on the real PostgreSQL: gapless per-user sequences, atomicity with the change, catch-up, pruning. */
class EventLogTest {

    private static TestDatabase testDb;
    private static HikariDataSource pool;
    private static Database db;

    @BeforeAll
    static void start() {
        testDb = TestDatabase.create();
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestDatabases.migrated(testDb));
        config.setMaximumPoolSize(10);
        pool = new HikariDataSource(config);
        db = TestDatabases.database(pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
        testDb.close();
    }

    static long newUser(Database db) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, password_hash, role) VALUES (?, 'x', 'REGULAR') RETURNING id")) {
                ps.setString(1, "u" + UUID.randomUUID().toString().substring(0, 12));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static List<Long> seqs(long userId) {
        return db.inTransaction(c -> {
            List<Long> seqs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM user_events WHERE user_id = ? ORDER BY seq")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getLong(1));
                    }
                }
            }
            return seqs;
        });
    }

    private static Caller caller(long userId) {
        return new Caller(userId, "u", Role.REGULAR, Set.of(), 1, UUID.randomUUID());
    }

    @Test
    void perUserSequencesStayGaplessUnderConcurrentWritersWithRollbacks() throws Exception {
        List<Long> users = List.of(newUser(db), newUser(db), newUser(db), newUser(db), newUser(db));
        Map<Long, AtomicLong> committed = new ConcurrentHashMap<>();
        users.forEach(u -> committed.put(u, new AtomicLong()));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            work.add(threads.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    long user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                    boolean rollBack = ThreadLocalRandom.current().nextInt(4) == 0;
                    try {
                        db.inTransaction(c -> {
                            EventLog.append(c, user, Optional.empty(), "test.event", Map.of("i", 1));
                            EventLog.append(c, user, Optional.empty(), "test.event", Map.of("i", 2));
                            if (rollBack) {
                                throw new IllegalStateException("the change failed");
                            }
                            return null;
                        });
                        committed.get(user).addAndGet(2);
                    } catch (IllegalStateException expected) {
                        // rolled back: its numbers must be handed out again
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        threads.shutdown();
        for (long user : users) {
            long n = committed.get(user).get();
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= n; s++) {
                expected.add(s);
            }
            assertThat(seqs(user)).as("user %d", user).isEqualTo(expected);
            assertThat((long) db.inTransaction(c -> EventLog.currentSeq(c, user))).isEqualTo(n);
        }
    }

    @Test
    void aChangeAndItsEventCommitOrRollBackTogether() {
        long user = newUser(db);
        SettingsService settings = new SettingsService(db, EventPublisher.NONE);
        settings.update(caller(user), EventLog.JSON.createObjectNode().put("ui.theme", "dark"));
        assertThat(seqs(user)).containsExactly(1L);

        // the event append fails (type is NOT NULL) after the change was written: the change is gone too
        assertThatThrownBy(() -> db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE user_settings SET value = '\"light\"' WHERE user_id = ?")) {
                ps.setLong(1, user);
                ps.executeUpdate();
            }
            return EventLog.append(c, user, Optional.empty(), null, Map.of());
        })).isInstanceOf(RuntimeException.class);
        assertThat(settings.get(caller(user)).settings().get("ui.theme").asText()).isEqualTo("dark");
        assertThat(seqs(user)).containsExactly(1L);

        // the change fails after the event was appended: the event is gone too
        assertThatThrownBy(() -> db.inTransaction(c -> {
            EventLog.append(c, user, Optional.empty(), "settings.changed", Map.of());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_settings (user_id, key, value) VALUES (?, 'ui.theme', 'null')")) {
                ps.setLong(1, user);
                ps.executeUpdate(); // duplicate key
            }
            return null;
        })).isInstanceOf(DatabaseException.class);
        assertThat(seqs(user)).containsExactly(1L);
        assertThat((long) db.inTransaction(c -> EventLog.currentSeq(c, user))).isEqualTo(1L);
    }

    @Test
    void catchUpReturnsExactlyTheMissedEventsPageByPage() {
        long user = newUser(db);
        for (int i = 1; i <= 10; i++) {
            int n = i;
            db.inTransaction(c -> EventLog.append(c, user, Optional.of(7L), "test.event", Map.of("n", n)));
        }
        SyncService sync = new SyncService(db, new LocalBus(), "node", Clock.systemUTC());
        SyncService.Missed missed = (SyncService.Missed) sync.catchUp(caller(user), 4, dev.resonance.impl.input.PageLimit.of(500));
        assertThat(missed.events().events()).extracting(UserEvent::seq).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(missed.events().events().get(0).payload().path("n").asInt()).isEqualTo(5);
        assertThat(missed.events().events().get(0).deviceId()).contains(7L);
        assertThat(missed.events().currentSeq()).isEqualTo(10);
        assertThat(missed.events().hasMore()).isFalse();

        SyncService.Missed first = (SyncService.Missed) sync.catchUp(caller(user), 0, dev.resonance.impl.input.PageLimit.of(3));
        assertThat(first.events().events()).extracting(UserEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(first.events().hasMore()).isTrue();
        SyncService.Missed upToDate = (SyncService.Missed) sync.catchUp(caller(user), 10, dev.resonance.impl.input.PageLimit.of(500));
        assertThat(upToDate.events().events()).isEmpty();
        assertThat(sync.catchUp(caller(user), 11, dev.resonance.impl.input.PageLimit.of(500))).isInstanceOf(SyncService.SnapshotRequired.class);
    }

    @Test
    void pruningDropsAnOldPrefixAndOlderCursorsMustTakeTheSnapshot() {
        long user = newUser(db);
        long other = newUser(db);
        for (int i = 1; i <= 8; i++) {
            db.inTransaction(c -> EventLog.append(c, user, Optional.empty(), "test.event", Map.of()));
        }
        db.inTransaction(c -> EventLog.append(c, other, Optional.empty(), "test.event", Map.of()));
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE user_events SET at = now() - interval '40 days' WHERE user_id = ? AND seq <= 5")) {
                ps.setLong(1, user);
                return ps.executeUpdate();
            }
        });
        SyncService sync = new SyncService(db, new LocalBus(), "node", Clock.systemUTC());
        assertThat(sync.prune(Duration.ofDays(30))).isGreaterThanOrEqualTo(5);

        assertThat(seqs(user)).containsExactly(6L, 7L, 8L);
        assertThat(seqs(other)).containsExactly(1L);
        SyncService.CatchUp old = sync.catchUp(caller(user), 3, dev.resonance.impl.input.PageLimit.of(500));
        assertThat(old).isInstanceOf(SyncService.SnapshotRequired.class);
        assertThat(((SyncService.SnapshotRequired) old).prunedThrough()).isEqualTo(5);
        SyncService.Missed fromBoundary = (SyncService.Missed) sync.catchUp(caller(user), 5, dev.resonance.impl.input.PageLimit.of(500));
        assertThat(fromBoundary.events().events()).extracting(UserEvent::seq).containsExactly(6L, 7L, 8L);
        // new events continue the sequence after pruning
        assertThat(db.inTransaction(c -> EventLog.append(c, user, Optional.empty(), "test.event", Map.of())).seq()).isEqualTo(9);
    }
}
