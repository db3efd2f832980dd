package dev.resonance.plugin.subsonic.protocol;

import java.util.Objects;

/**
 * A Subsonic method: its name ({@code getAlbum}, served at {@code /rest/getAlbum} and {@code /rest/getAlbum.view}),
 * whether it is open to callers without credentials, and its handler.
 */
public record Method(String name, boolean open, Handler handler) {

    public Method {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
    }

    /** A method for signed-in users (every method but a very few). */
    public static Method signedIn(String name, Handler handler) {
        return new Method(name, false, handler);
    }

    /** A method answered without authentication ({@code getOpenSubsonicExtensions}, as OpenSubsonic requires). */
    public static Method open(String name, Handler handler) {
        return new Method(name, true, handler);
    }
}
