package dev.resonance.api.user;

import java.util.Objects;

/** A user as plugins see one: the id and the sign-in name. */
public record UserRef(long id, String name) {
    public UserRef {
        Objects.requireNonNull(name, "name");
    }
}
