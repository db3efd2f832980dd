package dev.resonance.api.analysis;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns texts into vectors (an Ollama embedding model, say), registered as an OSGi service by plugins, for semantic
 * search and "more like this" over descriptions, lyrics and tags.
 *
 * <p><b>How the core calls it.</b> The highest-ranked enabled provider is used; vectors are stored with its
 * {@link #model()}, and a different model makes the core embed again (vectors of two models are never compared). A
 * provider that fails or runs past the plugin call timeout gives no vectors: semantic features answer without them.
 * Calling conventions: {@code dev.resonance.api.plugin}.
 */
@ConsumerType
public interface EmbeddingProvider {

    /** The model's stable name ({@code "ollama:nomic-embed-text"}). */
    String model();

    /** The length of every vector this model returns. */
    int dimensions();

    /** One vector of {@link #dimensions()} numbers per text, in the texts' order. */
    List<float[]> embed(List<String> texts) throws Exception;
}
