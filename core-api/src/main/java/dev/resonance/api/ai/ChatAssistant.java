package dev.resonance.api.ai;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A conversation about the user's music ("what should I play for a run?", "tell me about this album"), registered as
 * an OSGi service by plugins (Ollama, say).
 *
 * <p><b>How the core calls it.</b> The highest-ranked enabled assistant answers each turn; the whole conversation so
 * far is passed every time (the core keeps it; assistants keep no state between calls). When it fails or runs past
 * the plugin call timeout, the user sees that the assistant is unavailable and the conversation is kept. Calling
 * conventions: {@code dev.resonance.api.plugin}.
 */
@ConsumerType
public interface ChatAssistant {

    /** The assistant's next message after {@code conversation} (oldest first, the user's message last). */
    ChatMessage reply(long userId, List<ChatMessage> conversation) throws Exception;
}
