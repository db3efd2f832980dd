package dev.resonance.api.ai;

import dev.resonance.api.search.SearchResult;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers a search written as a sentence ("calm piano for a rainy evening", "the album with the red cover from
 * 2019"), registered as an OSGi service by plugins (a language model over the catalog, say).
 *
 * <p><b>How the core calls it.</b> When a user searches in sentences, the core asks the enabled implementations in
 * service-ranking order and uses the first non-empty answer; when none answers (failure, timeout, empty), the sentence
 * goes to the ordinary search. Hits the user cannot see are dropped by the core. Calling conventions:
 * {@code dev.resonance.api.plugin}.
 */
@ConsumerType
public interface NaturalLanguageSearch {

    /** Hits for {@code sentence}, best first, at most {@code limit}; empty when it cannot answer. */
    Optional<SearchResult> search(String sentence, long userId, int limit) throws Exception;
}
