package dev.resonance.api.user;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Users' data for plugins, registered by the core as a bundle-scoped OSGi service (each plugin gets its own; needs the
 * {@code user-data} permission, or every method throws {@code ResonanceException} of kind {@code FORBIDDEN}). The
 * playback feed is separate: {@code dev.resonance.api.playback}.
 *
 * <p>Synchronous and thread-safe; each call is one short database transaction. Throws {@code ResonanceException} of
 * kind {@code UNAVAILABLE} when the database is down, {@code NOT_FOUND} for a user that does not exist.
 */
@ProviderType
public interface UserData {

    /** The longest payload {@link #publish} takes, in bytes of JSON. */
    int MAX_PAYLOAD_BYTES = 16 * 1024;

    /** The active (not disabled) users, in id order: for jobs that work per user. */
    List<UserRef> users();

    /** The tracks {@code userId} likes, most recently liked first, at most {@code limit} (1 to 10,000). */
    List<Long> likedTracks(long userId, int limit);

    /**
     * Tells {@code userId}'s devices something: appends an event of type {@code plugin.<plugin id>.<type>} with
     * {@code payload} to the user's sync log (in one transaction with nothing else: the event is there once this
     * returns) and pushes it to the user's connected devices; devices that were offline get it when they catch up
     * ({@code docs/sync-protocol.md}). Clients ignore event types they do not know.
     *
     * @param type 1 to 40 characters of {@code [a-z0-9.-]}
     * @param payload JSON-serialisable values (strings, numbers, booleans, lists, maps), at most
     *     {@link #MAX_PAYLOAD_BYTES} as JSON
     * @return the event's sequence number in the user's log
     * @throws IllegalArgumentException for a bad type or payload
     */
    long publish(long userId, String type, Map<String, ?> payload);
}
