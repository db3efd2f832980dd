package dev.resonance.plugin.subsonic.protocol;

import java.util.List;

/** The methods of one area of the API (browsing, lists, searching...) and the extensions they implement. */
public interface MethodGroup {

    List<Method> methods();

    /** The OpenSubsonic extensions these methods implement. */
    default List<Extension> extensions() {
        return List.of();
    }
}
