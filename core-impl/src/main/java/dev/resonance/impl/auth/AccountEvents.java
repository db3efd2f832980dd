package dev.resonance.impl.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where auth records a change to an account that the user's devices must learn of: today, that their permissions
 * changed. Sync implements it over the per-user event log, so auth needs nothing of sync (sync uses auth, not the
 * reverse). Without it ({@link #NONE}, while sync is not running) the change is made but not recorded for devices.
 */
public interface AccountEvents {

    /** Records nothing. */
    AccountEvents NONE = (c, userId, payload) -> () -> { };

    /**
     * Records {@code permissions.changed} with {@code payload} for {@code userId} in the caller's transaction
     * {@code c}, so that it commits or rolls back with the change; returns the push to make once it committed.
     */
    Recorded permissionsChanged(Connection c, long userId, Map<String, Object> payload) throws SQLException;

    /** A recorded event, to push to the user's connected devices after its transaction committed (best effort). */
    @FunctionalInterface
    interface Recorded {
        void publish();
    }
}
