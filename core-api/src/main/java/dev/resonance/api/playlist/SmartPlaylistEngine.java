package dev.resonance.api.playlist;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a smart playlist's rule into tracks, registered as an OSGi service by plugins. Each engine speaks one rule
 * {@link #language()} (a JSON criteria document, a query language); a smart playlist names the language its rule is
 * written in and is evaluated by the highest-ranked enabled engine of that language.
 *
 * <p><b>How the core calls it.</b> {@link #validate} when a user saves a rule (its message is shown to the user, so
 * it should say what to fix); {@link #tracks} when the playlist is opened or refreshed. When the engine fails or runs
 * past the plugin call timeout, the playlist keeps its last evaluated tracks and shows that they are stale; when no
 * engine of the language is enabled, the same. The core checks what the user may see. Calling conventions:
 * {@code dev.resonance.api.plugin}.
 */
@ConsumerType
public interface SmartPlaylistEngine {

    /** The rule language this engine evaluates, a short stable name ({@code "resonance-criteria-1"}). */
    String language();

    /**
     * Checks a rule before it is saved.
     *
     * @throws IllegalArgumentException when the rule is not valid, with a message for the user
     */
    void validate(String rule) throws Exception;

    /** The playlist's tracks for {@code request}, in playlist order, at most {@code request.limit()}. */
    List<Long> tracks(SmartPlaylistRequest request) throws Exception;
}
