package dev.resonance.plugin.subsonic.protocol;

import java.util.List;
import java.util.Objects;

/** An OpenSubsonic extension this server implements, with the versions of it ({@code getOpenSubsonicExtensions}). */
public record Extension(String name, List<Integer> versions) {

    public Extension {
        Objects.requireNonNull(name, "name");
        versions = List.copyOf(versions);
    }
}
