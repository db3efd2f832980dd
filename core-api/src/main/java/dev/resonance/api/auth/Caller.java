package dev.resonance.api.auth;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated user behind a request, on one device and session.
 *
 * @param permissions the effective permissions when the request was authenticated
 */
public record Caller(long userId, String username, Role role, Set<Permission> permissions, long deviceId, UUID sessionId) {

    public Caller {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        permissions = Set.copyOf(permissions);
        Objects.requireNonNull(sessionId, "sessionId");
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }
}
