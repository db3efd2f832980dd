package dev.resonance.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Samples a value (a process's RSS, a process tree's PSS) on a daemon thread every {@code periodMillis} and keeps its
 * peak; {@link #close()} stops it after one last sample.
 */
final class PeakSampler implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong();
    private final LongSupplier sample;
    private final Thread thread;

    PeakSampler(String name, long periodMillis, LongSupplier sample) {
        this.sample = sample;
        this.thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampleOnce();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleOnce() {
        peak.accumulateAndGet(sample.getAsLong(), Math::max);
    }

    /** The highest value sampled so far. */
    long peak() {
        return peak.get();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleOnce();
    }
}
