/**
 * Search: the {@link dev.resonance.api.search.SearchProvider} SPI a plugin implements to answer the library search
 * (a Meilisearch index, say) and the query/result model it shares with natural-language search. Calling conventions:
 * {@code dev.resonance.api.plugin}.
 */
@Export
@Version("1.1.0")
package dev.resonance.api.search;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
