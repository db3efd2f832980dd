package dev.resonance.impl.auth;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A user as admins and the user see it. Never carries the password hash.
 *
 * @param permissions effective permissions now (role defaults + live grants - live denials)
 * @param overrides   the per-user grants and denials behind them
 */
public record Account(long id, String username, Optional<String> displayName, Role role, boolean disabled,
                      Instant createdAt, Set<Permission> permissions, List<PermissionOverride> overrides) {

    /** A permission granted beyond, or denied against, the role's defaults; {@code expiresAt} empty = permanent. */
    public record PermissionOverride(Permission permission, Effect effect, Optional<Instant> expiresAt) {
    }

    public enum Effect { GRANT, DENY }
}
