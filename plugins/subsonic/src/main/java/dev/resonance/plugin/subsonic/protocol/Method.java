package dev.resonance.plugin.subsonic.protocol;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A Subsonic method: its name ({@code getAlbum}, served at {@code /rest/getAlbum} and {@code /rest/getAlbum.view}),
 * whether it is open to callers without credentials, its handler, and whether it is served now ({@code served}: a
 * method of an extension the server offers only at times — {@code sonicSimilarity} while a recommender plugin is
 * enabled — answers as a method the server does not implement otherwise).
 */
public record Method(String name, boolean open, Handler handler, BooleanSupplier served) {

    public Method {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(served, "served");
    }

    /** A method for signed-in users (every method but a very few). */
    public static Method signedIn(String name, Handler handler) {
        return new Method(name, false, handler, () -> true);
    }

    /** A method answered without authentication ({@code getOpenSubsonicExtensions}, as OpenSubsonic requires). */
    public static Method open(String name, Handler handler) {
        return new Method(name, true, handler, () -> true);
    }

    /** This method, served only while {@code available} says so (asked at each request, before sign-in). */
    public Method servedWhile(BooleanSupplier available) {
        return new Method(name, open, handler, available);
    }
}
