package dev.resonance.impl.sync.bus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Redis channels this node wants (reference-counted by local listeners) and which ones Redis has confirmed,
 * and the SUBSCRIBE / UNSUBSCRIBE commands that bring the two together. Redis is told at once when the first
 * listener of a user arrives or the last one leaves; {@link #reconcile()} repairs whatever a disconnect lost
 * (commands rejected while Redis was down, channels Lettuce re-subscribed that nobody wants any more).
 *
 * <p>All methods are synchronized so commands are issued in the order the wanted set changed; the commands
 * themselves are asynchronous and never block.
 */
final class RedisChannels {

    /** Sends the commands; implementations must not block and must not throw. */
    interface Commands {
        void subscribe(List<String> channels);

        void unsubscribe(List<String> channels);
    }

    private final Commands commands;
    private final Map<String, Integer> wanted = new HashMap<>();
    private final Set<String> confirmed = new HashSet<>();

    RedisChannels(Commands commands) {
        this.commands = commands;
    }

    static String channelOf(long userId) {
        return "resonance:user:" + userId;
    }

    /** A local listener of {@code channel} arrived. */
    synchronized void acquire(String channel) {
        if (wanted.merge(channel, 1, Integer::sum) == 1) {
            commands.subscribe(List.of(channel));
        }
    }

    /** A local listener of {@code channel} left. */
    synchronized void release(String channel) {
        if (wanted.containsKey(channel) && wanted.computeIfPresent(channel, (c, n) -> n == 1 ? null : n - 1) == null) {
            commands.unsubscribe(List.of(channel));
        }
    }

    /** Redis confirmed a subscription (ours, or Lettuce's re-subscription after a reconnect). */
    synchronized void subscribed(String channel) {
        confirmed.add(channel);
        if (!wanted.containsKey(channel)) {
            commands.unsubscribe(List.of(channel)); // nobody here listens any more
        }
    }

    synchronized void unsubscribed(String channel) {
        confirmed.remove(channel);
    }

    /** The connection dropped: Redis forgot every subscription of this client. */
    synchronized void disconnected() {
        confirmed.clear();
    }

    /** Subscribes what is wanted but not confirmed; unsubscribes what is confirmed but not wanted. */
    synchronized void reconcile() {
        List<String> missing = wanted.keySet().stream().filter(c -> !confirmed.contains(c)).toList();
        if (!missing.isEmpty()) {
            commands.subscribe(missing);
        }
        List<String> stale = confirmed.stream().filter(c -> !wanted.containsKey(c)).toList();
        if (!stale.isEmpty()) {
            commands.unsubscribe(stale);
        }
    }

    synchronized int wantedCount() {
        return wanted.size();
    }
}
