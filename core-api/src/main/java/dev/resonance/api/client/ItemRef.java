package dev.resonance.api.client;

import java.util.Objects;

/** An artist (or other item) named by another: its id and name. */
public record ItemRef(long id, String name) {
    public ItemRef {
        Objects.requireNonNull(name, "name");
    }
}
