package dev.resonance.impl.library.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Live counters of a running scan, safe to read from any thread while it runs. */
public final class ScanProgress {

    /** A file that could not be read, with why. */
    public record Problem(String path, String reason) {
    }

    /**
     * A consistent copy for the API. {@code phaseMillis}: how long each state lasted so far, in order (loading the
     * catalog's rows, walking the folders, reading tags, finishing, analyzing, covers), for operators and benchmarks.
     */
    public record Snapshot(String state, String kind, long libraryId, Instant startedAt, Optional<Instant> finishedAt,
                           int filesSeen, int toRead, int processed, int added, int updated, int moved, int missing,
                           int errors, double filesPerSecond, Optional<Long> etaSeconds, List<Problem> problems,
                           Map<String, Long> phaseMillis) {
    }

    static final int MAX_PROBLEMS = 1000;

    private final String kind;
    private final long libraryId;
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private volatile Instant finishedAt;
    private volatile String state = "loading";
    private long stateSince = startNanos;
    private final Map<String, Long> phaseNanos = new LinkedHashMap<>();
    final AtomicInteger filesSeen = new AtomicInteger();
    final AtomicInteger toRead = new AtomicInteger();
    final AtomicInteger processed = new AtomicInteger();
    final AtomicInteger added = new AtomicInteger();
    final AtomicInteger updated = new AtomicInteger();
    final AtomicInteger moved = new AtomicInteger();
    final AtomicInteger missing = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    private final List<Problem> problems = new CopyOnWriteArrayList<>();
    private volatile Optional<ScanMetrics> metrics = Optional.empty();

    public ScanProgress(String kind, long libraryId) {
        this.kind = kind;
        this.libraryId = libraryId;
    }

    /** From now on, phases, files, problems and the end are also counted in {@code metrics}. */
    ScanProgress measuredBy(ScanMetrics metrics) {
        this.metrics = Optional.of(metrics);
        return this;
    }

    synchronized void state(String state) {
        long now = System.nanoTime();
        endPhase(now);
        stateSince = now;
        this.state = state;
    }

    public synchronized void finish(String finalState) {
        endPhase(System.nanoTime());
        metrics.ifPresent(m -> m.ended(kind, finalState));
        this.state = finalState;
        this.finishedAt = Instant.now();
    }

    private void endPhase(long now) {
        phaseNanos.merge(this.state, now - stateSince, Long::sum);
        String phase = this.state;
        metrics.ifPresent(m -> m.phase(phase, now - stateSince));
    }

    /** A file's tags were read (or failed to be). */
    void fileProcessed() {
        processed.incrementAndGet();
        metrics.ifPresent(ScanMetrics::fileProcessed);
    }

    private synchronized Map<String, Long> phaseMillis() {
        Map<String, Long> millis = new LinkedHashMap<>();
        phaseNanos.forEach((phase, nanos) -> millis.put(phase, nanos / 1_000_000));
        if (finishedAt == null) {
            millis.merge(state, (System.nanoTime() - stateSince) / 1_000_000, Long::sum);
        }
        return Collections.unmodifiableMap(millis);
    }

    void problem(String path, String reason) {
        errors.incrementAndGet();
        metrics.ifPresent(ScanMetrics::problem);
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(path, reason));
        }
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public boolean running() {
        return finishedAt == null;
    }

    public Snapshot snapshot() {
        double seconds = Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
        Instant end = finishedAt;
        if (end != null) {
            seconds = Duration.between(startedAt, end).toMillis() / 1000.0;
        }
        int done = processed.get();
        double rate = seconds > 0 ? done / seconds : 0;
        int remaining = Math.max(0, toRead.get() - done);
        Optional<Long> eta = end == null && rate > 0 && !"loading".equals(state) && !"walking".equals(state)
                ? Optional.of((long) Math.ceil(remaining / rate)) : Optional.empty();
        return new Snapshot(state, kind, libraryId, startedAt, Optional.ofNullable(end), filesSeen.get(), toRead.get(), done,
                added.get(), updated.get(), moved.get(), missing.get(), errors.get(), Math.round(rate * 10) / 10.0, eta,
                problems.size() > 20 ? List.copyOf(problems.subList(0, 20)) : List.copyOf(problems), phaseMillis());
    }
}
