package dev.resonance.api.plugin;

import java.util.Locale;
import java.util.Optional;

/**
 * What a plugin may ask the core for. A plugin declares each one it needs in its descriptor with a reason the admin
 * reads before enabling it; the core's services check the calling plugin's declarations and refuse the rest
 * ({@code ResonanceException} of kind {@code FORBIDDEN}).
 */
public enum PluginPermission {
    /** Read the catalog ({@code Catalog}): tracks, albums, artists, embedded lyrics. */
    CATALOG,
    /** Locate tracks' files on disk ({@code Catalog.file}) to read them or files next to them. */
    LIBRARY_FILES,
    /** Outgoing HTTP ({@code dev.resonance.api.net.PluginHttp}) to the hosts the descriptor lists, and no other. */
    NETWORK,
    /** A key-value store of its own ({@code dev.resonance.api.storage.KeyValueStore}), up to a declared size. */
    STORAGE,
    /**
     * Users' data: playback and now-playing notifications ({@code dev.resonance.api.playback}), the users and their likes,
     * and telling their devices things ({@code dev.resonance.api.user.UserData}).
     */
    USER_DATA,
    /** Periodic jobs ({@code dev.resonance.api.schedule.Scheduler}), run on one node of the cluster at a time. */
    SCHEDULER,
    /**
     * Serve client apps as their users (since 1.1): sign users in with their app passwords and read and act as them
     * ({@code dev.resonance.api.client}), and serve the Subsonic API under {@code /rest}. The most powerful
     * permission: such a plugin sees whatever its users see.
     */
    CLIENT_API;

    /** The name used in descriptors: lower case with '-' ({@code library-files}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The permission a descriptor names, if any. */
    public static Optional<PluginPermission> fromJsonName(String name) {
        for (PluginPermission permission : values()) {
            if (permission.jsonName().equals(name)) {
                return Optional.of(permission);
            }
        }
        return Optional.empty();
    }
}
