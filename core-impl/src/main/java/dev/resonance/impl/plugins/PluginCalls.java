package dev.resonance.impl.plugins;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.Bundle;

/**
 * Every call from the core into a plugin goes through here: it runs on a plugin-call thread (never the caller's
 * request or streaming thread), takes at most the configured timeout, and a plugin that throws, hangs or goes away
 * mid-call gives "nothing" to the caller while the failure is reported to the {@link PluginManager} (logged once,
 * shown as the plugin's problem).
 *
 * <p>A call past its timeout is interrupted and abandoned. A plugin that ignores interruption keeps its thread, so each
 * plugin may hold at most {@code perPlugin} threads at once: a plugin that hangs forever exhausts only its own share
 * and its further calls fail fast ("busy"), while every other plugin is still called.
 */
public final class PluginCalls implements AutoCloseable {

    private final PluginManager manager;
    private final int perPlugin;
    private volatile Duration timeout;
    private final Map<Long, Semaphore> shares = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(daemons("resonance-plugin-call-"));

    public PluginCalls(PluginManager manager, Duration timeout, int perPlugin) {
        this.manager = manager;
        this.timeout = timeout;
        this.perPlugin = perPlugin;
    }

    /** Daemon threads named {@code prefix} and a number: the threads of the platform's pools. */
    static ThreadFactory daemons(String prefix) {
        AtomicInteger threads = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A new timeout for calls made from now on. */
    void timeout(Duration next) {
        timeout = next;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Calls {@code work} of the plugin in {@code bundle}.
     *
     * @param what the SPI method, for the report ("LyricsProvider.lyrics")
     * @return the result, or empty when the plugin failed, timed out, was busy, or returned null
     */
    public <T> Optional<T> call(Bundle bundle, String what, Callable<T> work) {
        return await(start(bundle, what, work));
    }

    /**
     * A call started by {@link #start} and not awaited yet: several can run at once (the core asks several plugins the
     * same question), each on its own plugin-call thread.
     */
    public static final class Pending<T> {
        private final Bundle bundle;
        private final String what;
        private final Future<T> future; // null: refused (busy, shut down)
        private final Duration limit;
        private final long deadline;

        private Pending(Bundle bundle, String what, Future<T> future, Duration limit) {
            this.bundle = bundle;
            this.what = what;
            this.future = future;
            this.limit = limit;
            this.deadline = System.nanoTime() + limit.toNanos();
        }
    }

    /** Starts {@code work} of the plugin in {@code bundle} on a plugin-call thread; its timeout runs from now. */
    public <T> Pending<T> start(Bundle bundle, String what, Callable<T> work) {
        return start(bundle, what, work, timeout);
    }

    /** As {@link #start(Bundle, String, Callable)}, with a timeout of its own (a scheduled job's, say). */
    public <T> Pending<T> start(Bundle bundle, String what, Callable<T> work, Duration limit) {
        Semaphore share = shares.computeIfAbsent(bundle.getBundleId(), id -> new Semaphore(perPlugin));
        if (!share.tryAcquire()) {
            manager.failed(bundle, what + " is busy: " + perPlugin + " earlier calls have not returned");
            return new Pending<>(bundle, what, null, limit);
        }
        try {
            return new Pending<>(bundle, what, executor.submit(() -> {
                try {
                    return work.call();
                } finally {
                    share.release();
                }
            }), limit);
        } catch (RejectedExecutionException e) {
            share.release();
            return new Pending<>(bundle, what, null, limit);
        }
    }

    /**
     * The result of a started call, waiting at most until its timeout (counted from {@link #start}); empty when the
     * plugin failed, timed out, was busy, or returned null.
     */
    public <T> Optional<T> await(Pending<T> call) {
        if (call.future == null) {
            return Optional.empty();
        }
        try {
            T result = call.future.get(Math.max(0, call.deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            manager.succeeded(call.bundle);
            return Optional.ofNullable(result);
        } catch (TimeoutException e) {
            call.future.cancel(true);
            manager.failed(call.bundle, call.what + " took longer than " + call.limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            manager.failed(call.bundle, call.what + " failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            call.future.cancel(true);
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
