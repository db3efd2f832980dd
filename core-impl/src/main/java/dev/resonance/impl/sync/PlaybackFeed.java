package dev.resonance.impl.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What users play, as this node learns it: after each committed playback change it handled, {@link PlaybackService}
 * (or the play-report API of {@code impl.history}) hands what the change meant ({@link PlayNotice}s, see {@link PlayTracker}) to every listener. Published as a service
 * by {@link SyncComponent} for the features above sync (the plugin platform feeds scrobblers and now-playing plugins
 * from it); sync knows nothing of them.
 *
 * <p>Each change is handed on once, on the node that made it. The changes of one user reach the listeners in the order
 * they were committed (this node orders them per user), on the thread that made the change: a listener must return at
 * once (queue the work, do it elsewhere) and must not throw; one that throws is logged and the others still get the
 * notices.
 */
public final class PlaybackFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybackFeed.class);

    /** Receives what playback changes meant. */
    @FunctionalInterface
    public interface Listener {
        /** The notices of one change, in order. Called on the changing thread: return at once. */
        void played(List<PlayNotice> notices);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void add(Listener listener) {
        listeners.add(listener);
    }

    public void remove(Listener listener) {
        listeners.remove(listener);
    }

    /** Whether anyone listens (else the notices need not be built). */
    public boolean heard() {
        return !listeners.isEmpty();
    }

    /**
     * Hands the notices of one committed change to every listener. Called by the paths that make plays (Connect playback
     * here, the play-report API of {@code impl.history}), after commit, in the order of the user's changes.
     */
    public void publish(List<PlayNotice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.played(notices);
            } catch (RuntimeException e) {
                LOG.warn("A playback listener failed: {}", e.toString());
            }
        }
    }
}
