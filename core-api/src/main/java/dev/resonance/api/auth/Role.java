package dev.resonance.api.auth;

import java.util.EnumSet;
import java.util.Set;

/** A user's role and the permissions it carries before per-user grants and denials. */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    REGULAR(EnumSet.of(Permission.ACCESS_CATALOG, Permission.LIKE_CONTENT, Permission.OWN_PLAYLISTS));

    private final Set<Permission> defaults;

    Role(Set<Permission> defaults) {
        this.defaults = Set.copyOf(defaults);
    }

    public Set<Permission> defaultPermissions() {
        return defaults;
    }
}
