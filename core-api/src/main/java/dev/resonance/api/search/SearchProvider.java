package dev.resonance.api.search;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An answer to the library search, registered as an OSGi service by plugins (a Meilisearch index, say).
 *
 * <p><b>How the core calls it.</b> For a search the core asks the enabled providers in service-ranking order
 * (higher first) and uses the first answer; when every provider fails, times out or answers empty
 * ({@link Optional#empty()}: "I cannot answer this one", not "nothing matches"), the core's own search answers. So a
 * search plugin can never make search worse than without it. The core checks what the user may see: hits the user
 * cannot see are dropped, so a provider need not know about visibility. Calling conventions:
 * {@code dev.resonance.api.plugin}.
 */
@ConsumerType
public interface SearchProvider {

    /**
     * The hits for {@code query}, best first; an answer with no hits means nothing matches. Empty when this provider
     * cannot answer (its index is still building, say).
     */
    Optional<SearchResult> search(SearchQuery query) throws Exception;
}
