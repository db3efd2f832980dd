package dev.resonance.plugin.subsonic.protocol;

import java.util.List;

/** The methods of one area of the API (browsing, lists, searching...) and the extensions they implement. */
public interface MethodGroup {

    List<Method> methods();

    /**
     * The OpenSubsonic extensions these methods implement now; asked at each {@code getOpenSubsonicExtensions}, so a
     * group whose methods are served only at times ({@link Method#servedWhile}) lists their extension only then.
     */
    default List<Extension> extensions() {
        return List.of();
    }
}
