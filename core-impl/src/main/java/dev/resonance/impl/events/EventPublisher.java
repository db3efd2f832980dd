package dev.resonance.impl.events;

/**
 * Pushes committed events to the user's connected devices. Called only <em>after</em> the transaction that
 * appended the events committed; best effort (the log in PostgreSQL is the truth, clients catch up).
 */
@FunctionalInterface
public interface EventPublisher {

    /** Publishes nothing: the events are still in the log and reach clients by catch-up. */
    EventPublisher NONE = (userId, event) -> { };

    void published(long userId, UserEvent event);
}
