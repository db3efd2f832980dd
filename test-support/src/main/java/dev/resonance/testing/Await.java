package dev.resonance.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: tests wait for asynchronous effects without blind sleeps. */
public final class Await {

    private Await() {
    }

    /** Waits up to 30 s for {@code condition}; fails with "timed out waiting until {@code what}". */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, Duration.ofSeconds(30));
    }

    public static void until(String what, BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
