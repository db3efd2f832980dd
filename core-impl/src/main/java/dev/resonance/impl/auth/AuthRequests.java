package dev.resonance.impl.auth;

import java.time.Instant;
import java.util.Optional;

/** JSON bodies accepted by the account endpoints. Unknown fields are refused by the JSON provider. */
public final class AuthRequests {

    private AuthRequests() {
    }

    public record Login(String username, String password, String deviceId, String deviceName, String deviceType,
                        Optional<String> deviceOs) {
    }

    /** A registration: a sign-in body plus, for the first account from another machine, the setup code. */
    public record Register(String username, String password, String deviceId, String deviceName, String deviceType,
                           Optional<String> deviceOs, Optional<String> setupCode) {
        public Login login() {
            return new Login(username, password, deviceId, deviceName, deviceType, deviceOs == null ? Optional.empty() : deviceOs);
        }
    }

    public record Refresh(Optional<String> refreshToken) {
    }

    public record ChangePassword(String currentPassword, String newPassword) {
    }

    /** {@code {"name": "DSub on my phone"}}: an app password, named for the app it is for. */
    public record AppPassword(String name) {
    }

    public record CreateUser(String username, String password, Optional<String> role, Optional<String> displayName) {
    }

    /** Only the fields present change; {@code "displayName": ""} clears the display name. */
    public record PatchUser(Optional<String> role, Optional<String> displayName, Optional<Boolean> disabled) {
    }

    public record SetPassword(String password) {
    }

    public record Grant(Optional<Instant> expiresAt) {
    }

    public record ServerSettings(Optional<Boolean> registrationOpen) {
    }
}
