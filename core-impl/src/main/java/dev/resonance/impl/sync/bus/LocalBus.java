package dev.resonance.impl.sync.bus;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-process bus of a single node: delivery to this node's subscribers, synchronously on the publisher's thread. */
public final class LocalBus implements SyncBus {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBus.class);

    private final Map<Long, Set<Consumer<BusMessage>>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(BusMessage message) {
        deliver(message);
    }

    /** Hands {@code message} to this node's listeners of its user; a failing listener does not stop the others. */
    public void deliver(BusMessage message) {
        Set<Consumer<BusMessage>> forUser = listeners.get(message.userId());
        if (forUser == null) {
            return;
        }
        for (Consumer<BusMessage> listener : forUser) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("A sync listener of user {} failed: {}", message.userId(), e.toString());
            }
        }
    }

    /** Whether any listener of {@code userId} is registered on this node. */
    public boolean hasListeners(long userId) {
        return listeners.containsKey(userId);
    }

    @Override
    public Subscription subscribe(long userId, Consumer<BusMessage> listener) {
        listeners.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(userId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
