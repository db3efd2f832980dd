package dev.resonance.impl.auth;

import dev.resonance.api.db.Database;
import java.time.Clock;
import java.time.Duration;

/** A real {@link AuthService} for tests in other packages, with light Argon2 parameters to keep them fast. */
public final class AuthServices {

    private AuthServices() {
    }

    public static AuthService forTests(Database db) {
        AuthService.Settings settings = new AuthService.Settings(Duration.ofMinutes(15), Duration.ofDays(30),
                new LoginThrottle.Policy(10, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(24)));
        return new AuthService(db, new PasswordHasher(1024, 1), JwtSecret.resolve("", db), settings, Clock.systemUTC());
    }
}
