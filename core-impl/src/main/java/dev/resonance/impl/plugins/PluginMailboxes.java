package dev.resonance.impl.plugins;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mailbox per plugin bundle for what the core tells plugins as it happens (playback, user activity): the thread
 * that made the change only queues and returns; one task at a time per plugin delivers what is queued, in order, so a
 * plugin sees a user's changes in the order they happened and a slow or hanging plugin delays only itself. A mailbox
 * holds at most {@code limit} deliveries: past that the oldest is dropped and reported as the plugin's problem.
 */
final class PluginMailboxes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginMailboxes.class);

    private final PluginManager manager;
    private final int limit;
    private final String what;
    private final Map<Long, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final ExecutorService deliveries;

    /**
     * @param what what is delivered, for the report of a plugin too slow for it ("playback notifications")
     * @param threadPrefix the delivery threads' name prefix
     */
    PluginMailboxes(PluginManager manager, int limit, String what, String threadPrefix) {
        this.manager = manager;
        this.limit = limit;
        this.what = what;
        this.deliveries = Executors.newCachedThreadPool(PluginCalls.daemons(threadPrefix));
    }

    /** Queues {@code delivery} for {@code bundle}; it runs after everything queued for that bundle before it. */
    void offer(Bundle bundle, Runnable delivery) {
        mailboxes.computeIfAbsent(bundle.getBundleId(), id -> new Mailbox(bundle)).offer(delivery);
    }

    private final class Mailbox {
        private final Bundle bundle;
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean draining;

        Mailbox(Bundle bundle) {
            this.bundle = bundle;
        }

        void offer(Runnable delivery) {
            boolean dropped = false;
            boolean start;
            synchronized (this) {
                if (queue.size() >= limit) {
                    queue.poll();
                    dropped = true;
                }
                queue.add(delivery);
                start = !draining;
                draining = true;
            }
            if (dropped) {
                manager.failed(bundle, "is too slow: more than " + limit + " " + what
                    + " waited for it, the oldest were dropped");
            }
            if (start) {
                try {
                    deliveries.execute(this::drain);
                } catch (RejectedExecutionException closed) {
                    synchronized (this) {
                        queue.clear();
                        draining = false;
                    }
                }
            }
        }

        private void drain() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOG.warn("Delivering {} to plugin bundle {} failed: {}", what, bundle.getBundleId(), e.toString());
                }
                if (Thread.currentThread().isInterrupted()) {
                    return; // closing
                }
            }
        }
    }

    @Override
    public void close() {
        deliveries.shutdownNow();
        mailboxes.clear();
    }
}
