package dev.resonance.plugin.subsonic.protocol;

import dev.resonance.plugin.subsonic.response.Node;

/**
 * What a method answers: content added to the {@code subsonic-response} element (status {@code ok}), or, for media
 * methods (stream, download, cover art), a {@link Media} reply that writes the response itself.
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

    /** Bytes written by {@code writer} instead of a {@code subsonic-response}. */
    static Reply media(MediaWriter writer) {
        return new Media(writer);
    }

    /** A reply that is not a {@code subsonic-response}: audio or an image. */
    record Media(MediaWriter writer) implements Reply {
        @Override
        public void fill(Node response) {
            throw new IllegalStateException("a media reply writes the response itself");
        }
    }
}
