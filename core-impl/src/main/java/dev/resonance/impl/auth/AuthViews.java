package dev.resonance.impl.auth;

import dev.resonance.api.auth.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JSON answers of the account endpoints. None carries a password hash. */
public final class AuthViews {

    private AuthViews() {
    }

    public record User(long id, String username, Optional<String> displayName, String role, boolean disabled,
                       Instant createdAt, List<String> permissions, List<Override> overrides) {

        static User of(Account a) {
            return new User(a.id(), a.username(), a.displayName(), a.role().name().toLowerCase(java.util.Locale.ROOT),
                    a.disabled(), a.createdAt(),
                    a.permissions().stream().map(Permission::apiName).sorted().toList(),
                    a.overrides().stream().map(o -> new Override(o.permission().apiName(),
                            o.effect().name().toLowerCase(java.util.Locale.ROOT), o.expiresAt())).toList());
        }
    }

    public record Override(String permission, String effect, Optional<Instant> expiresAt) {
    }

    public record Tokens(String accessToken, String refreshToken, long expiresIn, String tokenType, User user) {
    }

    public record DeviceView(long id, String deviceId, String type, String name, Optional<String> os, Instant createdAt,
                             Instant lastSeenAt, boolean signedIn, boolean current) {
    }

    public record Session(User user, long deviceId, String sessionId) {
    }

    public record UserPage(List<User> users, Optional<Long> nextAfter) {
    }

    public record ServerSettings(boolean registrationOpen) {
    }
}
