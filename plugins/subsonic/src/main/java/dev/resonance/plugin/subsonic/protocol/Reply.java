package dev.resonance.plugin.subsonic.protocol;

import dev.resonance.plugin.subsonic.response.Node;

/**
 * What a method answers: content added to the {@code subsonic-response} element (status {@code ok}). Media methods
 * (stream, cover art) will add a kind of reply that writes bytes instead.
 */
@FunctionalInterface
public interface Reply {

    /** Adds the answer's content to the {@code subsonic-response} element. */
    void fill(Node response);

    /** Status ok and nothing else ({@code ping}). */
    static Reply empty() {
        return response -> {
        };
    }

    /** Status ok with one element ({@code <album>}, {@code <searchResult3>}). */
    static Reply of(Node payload) {
        return response -> response.child(payload);
    }
}
