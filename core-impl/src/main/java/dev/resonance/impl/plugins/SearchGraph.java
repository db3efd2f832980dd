package dev.resonance.impl.plugins;

import dev.resonance.api.search.SearchKind;
import dev.resonance.impl.graphql.GraphPart;
import dev.resonance.impl.graphql.GraphValues;
import dev.resonance.impl.graphql.GraphWiring;
import dev.resonance.impl.http.RateLimiter;
import dev.resonance.impl.library.browse.LibraryGraph;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.Set;

/**
 * Search in GraphQL ({@code core.search}): the same {@link SearchService} as {@code GET /api/v1/content/search},
 * charged to the same SEARCH rate budget; each section's tracks, albums and artists are the library's types, so the
 * fields other features add to them (liked, rating, playCount, plugins' fields) come with them.
 */
public final class SearchGraph implements GraphPart {

    private final SearchService search;

    public SearchGraph(SearchService search) {
        this.search = search;
    }

    @Override
    public String name() {
        return "core.search";
    }

    @Override
    public String schema() {
        return GraphPart.resource(SearchGraph.class, "search.graphqls");
    }

    @Override
    public void wire(GraphWiring w) {
        w.query("search", GraphWiring.rest(SearchResource.class, "search"), c -> {
            c.charge(RateLimiter.Kind.SEARCH);
            List<String> kinds = c.<List<String>>optional("kinds").orElse(List.of());
            Set<SearchKind> asked = EnumSet.noneOf(SearchKind.class);
            kinds.forEach(k -> asked.addAll(SearchService.kinds(k.toLowerCase(Locale.ROOT))));
            SearchService.Result result = search.search(c.caller(), new SearchService.Query(c.arg("q"), asked,
                    c.optionalId("genre"), c.optional("year"), c.limit(20).value(), c.optional("after"), c.selects("facets")));
            Map<String, Object> answer = GraphValues.map(result);
            result.tracks().ifPresent(section -> {
                Map<String, Object> tracks = new java.util.HashMap<>();
                tracks.put("items", section.items().stream().map(LibraryGraph::track).toList());
                tracks.put("next", section.next().orElse(null));
                answer.put("tracks", tracks);
            });
            return answer;
        });
    }

}
