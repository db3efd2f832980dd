package dev.resonance.impl.auth;

import java.time.Instant;
import java.util.Optional;

/** A client a user signed in from. {@code key} is the client's own id for itself. */
public record Device(long id, String key, String type, String name, Optional<String> os, Instant createdAt,
                     Instant lastSeenAt, boolean signedIn) {

    public static final java.util.Set<String> TYPES = java.util.Set.of("web", "android", "ios", "desktop", "subsonic", "other");
}
