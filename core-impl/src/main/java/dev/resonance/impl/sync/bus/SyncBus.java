package dev.resonance.impl.sync.bus;

import java.util.function.Consumer;

/**
 * Carries user-scoped real-time messages (new user events, playback state, remote commands) to every node that
 * holds a socket of that user. Delivery is best effort: PostgreSQL's {@code user_events} is the source of truth
 * and a lost message is healed by the client's catch-up. Publishing never blocks on the network and never throws
 * because a remote transport (Redis) is down; local subscribers always get the message.
 */
public interface SyncBus extends AutoCloseable {

    /** Delivers {@code message} to the subscribers of {@code message.userId()} on this node and on every other node. */
    void publish(BusMessage message);

    /**
     * Calls {@code listener} for each message of {@code userId} published on any node (this one included) until the
     * returned subscription is closed. Listeners run on a bus thread and must not block.
     */
    Subscription subscribe(long userId, Consumer<BusMessage> listener);

    /** Releases threads and connections. */
    @Override
    void close();

    /** An active subscription; closing it twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
