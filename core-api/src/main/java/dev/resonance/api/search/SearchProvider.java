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
 *
 * <p>Search runs as the user types: the core waits for the providers about a second in all (less than the plugin call
 * timeout) before it answers itself. A page further down is asked as a larger {@link SearchQuery#limit()} (hits up to
 * the end of that page, at most 500 per kind), so keep the order of your answers stable. Searches filtered by genre or
 * year are answered by the core (the query carries no filters). Ids are the core's catalog ids ({@code Catalog});
 * {@link SearchKind#PLAYLIST} hits are playlist ids.
 */
@ConsumerType
public interface SearchProvider {

    /**
     * The hits for {@code query}, best first; an answer with no hits means nothing matches. Empty when this provider
     * cannot answer (its index is still building, say).
     */
    Optional<SearchResult> search(SearchQuery query) throws Exception;
}
