package dev.resonance.impl.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Brute-force protection: consecutive failed logins are counted per user and per client address in PostgreSQL
 * (so every node sees them). From {@code threshold} failures on, the subject is locked for a time that doubles
 * with every further failure, up to {@code maxLock}. A success clears the counters; a failure long after the last
 * one starts counting again.
 */
final class LoginThrottle {

    record Policy(int threshold, Duration baseLock, Duration maxLock, Duration forgetAfter) {
    }

    private final Policy policy;
    private final Clock clock;

    LoginThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    static String user(String username) {
        return "user:" + username.toLowerCase(java.util.Locale.ROOT);
    }

    static String address(String ip) {
        return "ip:" + ip;
    }

    /** Whether any of {@code subjects} is locked (and for how long), and whether any has failures counted. */
    record State(Optional<Duration> locked, boolean failures) {
    }

    /** No lock, no failures. */
    static final State CLEAR = new State(Optional.empty(), false);

    /**
     * How long subjects found without failures are taken as still without them on this node: apps that sign every
     * request with a fresh token (DSub) would otherwise read the lock-outs once per request. Failures recorded on this
     * node forget them at once; failures on another node count here after at most this long.
     */
    static final Duration CLEAR_REMEMBERED = Duration.ofSeconds(1);
    private static final int MAX_CLEAR_REMEMBERED = 10_000;
    /** Subjects found without failures, and until when ({@link System#nanoTime}) that is taken as still true. */
    private final java.util.Map<String, Long> clearUntil = new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether every one of {@code subjects} was found without failures within {@link #CLEAR_REMEMBERED} (then: {@link #CLEAR}). */
    boolean knownClear(List<String> subjects) {
        long now = System.nanoTime();
        for (String subject : subjects) {
            Long until = clearUntil.get(subject);
            if (until == null || until - now < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link #lockRemaining} and whether there are failures to {@link #clear} on a success, in one statement. */
    State state(Connection c, List<String> subjects) throws SQLException {
        State state = read(c, subjects);
        if (state.equals(CLEAR)) {
            if (clearUntil.size() >= MAX_CLEAR_REMEMBERED) {
                clearUntil.clear(); // many addresses: start over rather than grow
            }
            long until = System.nanoTime() + CLEAR_REMEMBERED.toNanos();
            subjects.forEach(subject -> clearUntil.put(subject, until));
        }
        return state;
    }

    private State read(Connection c, List<String> subjects) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT max(locked_until) FILTER (WHERE locked_until > ?), count(*) FROM login_failures WHERE subject = ANY (?)")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setArray(2, c.createArrayOf("text", subjects.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp until = rs.getTimestamp(1);
                return new State(until == null ? Optional.empty() : Optional.of(Duration.between(clock.instant(), until.toInstant())),
                        rs.getLong(2) > 0);
            }
        }
    }

    /** How long the most locked of {@code subjects} stays locked, if any is. */
    Optional<Duration> lockRemaining(Connection c, List<String> subjects) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT max(locked_until) FROM login_failures WHERE subject = ANY (?) AND locked_until > ?")) {
            ps.setArray(1, c.createArrayOf("text", subjects.toArray()));
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp until = rs.getTimestamp(1);
                return until == null ? Optional.empty() : Optional.of(Duration.between(clock.instant(), until.toInstant()));
            }
        }
    }

    /** Counts a failure for each subject; returns the longest lock now in force, if any. */
    Optional<Duration> recordFailure(Connection c, List<String> subjects) throws SQLException {
        subjects.forEach(clearUntil::remove);
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String subject : subjects) {
            int failures;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO login_failures (subject, failures, last_failure) VALUES (?, 1, ?)"
                            + " ON CONFLICT (subject) DO UPDATE SET failures = CASE WHEN login_failures.last_failure < ?"
                            + " THEN 1 ELSE login_failures.failures + 1 END, last_failure = excluded.last_failure"
                            + " RETURNING failures")) {
                ps.setString(1, subject);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setTimestamp(3, Timestamp.from(now.minus(policy.forgetAfter())));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    failures = rs.getInt(1);
                }
            }
            if (failures >= policy.threshold()) {
                Duration lock = lockFor(failures);
                try (PreparedStatement ps = c.prepareStatement("UPDATE login_failures SET locked_until = ? WHERE subject = ?")) {
                    ps.setTimestamp(1, Timestamp.from(now.plus(lock)));
                    ps.setString(2, subject);
                    ps.executeUpdate();
                }
                if (lock.compareTo(longest) > 0) {
                    longest = lock;
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    Duration lockFor(int failures) {
        int doublings = Math.min(failures - policy.threshold(), 30);
        Duration lock = policy.baseLock().multipliedBy(1L << doublings);
        return lock.compareTo(policy.maxLock()) > 0 ? policy.maxLock() : lock;
    }

    void clear(Connection c, List<String> subjects) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failures WHERE subject = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", subjects.toArray()));
            ps.executeUpdate();
        }
    }
}
