package dev.resonance.api.ai;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param from who wrote it
 * @param text the message (plain text)
 * @param trackIds tracks the message refers to, which clients can show and play
 */
public record ChatMessage(From from, String text, List<Long> trackIds) {

    /** Who wrote a message. */
    public enum From {
        USER, ASSISTANT
    }

    public ChatMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
        trackIds = List.copyOf(trackIds);
    }
}
