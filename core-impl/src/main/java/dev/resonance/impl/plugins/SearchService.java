package dev.resonance.impl.plugins;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.search.SearchHit;
import dev.resonance.api.search.SearchKind;
import dev.resonance.api.search.SearchProvider;
import dev.resonance.api.search.SearchQuery;
import dev.resonance.api.search.SearchResult;
import dev.resonance.impl.input.InputRules;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.library.browse.Cursor;
import dev.resonance.impl.library.search.CatalogSearch;
import dev.resonance.impl.library.search.SearchMemory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The library search: asks the enabled {@link SearchProvider} plugins (ranking order, all within {@link #deadline}),
 * and when none answers — none installed, all failed, too slow, or "cannot answer" — the core's own
 * {@link CatalogSearch}. Whoever answered, the hits are hydrated into the browse API's items for the caller, which
 * drops what the caller may not see (a plugin need not know about libraries).
 *
 * <p>Plugins answer first pages and later pages of unfiltered searches (asked for as many hits as the page reaches,
 * at most {@link CatalogSearch#MAX_DEPTH}); the SPI carries no genre or year, so a filtered search is answered by the
 * core.
 */
public final class SearchService {

    /** How long a search waits for the plugins in all before the core answers. */
    public static final Duration PLUGIN_DEADLINE = Duration.ofSeconds(1);

    /**
     * The query as the API takes it. {@code after}: a cursor this service gave out (it names its kind); {@code facets}:
     * count the facets too (first pages only). Typing asks for none: counting the genres and years of up to 500
     * candidates per kind was half of some searches' time (~5 ms of ~10 at 200k tracks), for numbers a search box
     * does not show.
     */
    public record Query(String text, Set<SearchKind> kinds, Optional<Long> genreId, Optional<Integer> year, int limit,
                        Optional<String> after, boolean facets) {

        /** Without facets. */
        public Query(String text, Set<SearchKind> kinds, Optional<Long> genreId, Optional<Integer> year, int limit, Optional<String> after) {
            this(text, kinds, genreId, year, limit, after, false);
        }
    }

    /** One kind's hits: the items, best first, and the cursor for {@code after=} when more follow. */
    public record Section<T>(List<T> items, Optional<String> next) {
    }

    /** A playlist hit: its id and name (the playlist itself: {@code GET /api/v1/user/playlists/{id}}). */
    public record PlaylistHit(long id, String name) {
    }

    /**
     * An answer. {@code provider}: "core" or the plugin id that answered. A kind not asked for is absent; facets come
     * with first pages when asked for.
     */
    public record Result(String query, String provider, Optional<Section<CatalogViews.Artist>> artists,
                         Optional<Section<CatalogViews.Album>> albums, Optional<Section<CatalogViews.Track>> tracks,
                         Optional<Section<PlaylistHit>> playlists, Optional<CatalogSearch.Facets> facets) {
    }

    private final CatalogSearch catalog;
    private final Database db;
    private final Providers<SearchProvider> providers;
    private final Duration deadline;
    private final Executor rankers;

    /** A search service that ranks the kinds one after the other on the calling thread (tests). */
    public SearchService(Database db, Providers<SearchProvider> providers, Duration deadline) {
        this(db, providers, deadline, Runnable::run);
    }

    /** {@code rankers}: where the kinds of a search are ranked at once, each on a connection of its own. */
    public SearchService(Database db, Providers<SearchProvider> providers, Duration deadline, Executor rankers) {
        this(db, providers, deadline, rankers, Optional.empty());
    }

    /**
     * {@code memory}: the in-memory index the core search looks artists, albums and tracks up in while it is current
     * (PostgreSQL otherwise).
     */
    public SearchService(Database db, Providers<SearchProvider> providers, Duration deadline, Executor rankers,
                         Optional<SearchMemory> memory) {
        this.db = db;
        this.catalog = memory.map(m -> new CatalogSearch(db, m)).orElseGet(() -> new CatalogSearch(db));
        this.providers = providers;
        this.deadline = deadline;
        // a search racing the platform's close ranks its kinds itself rather than failing
        this.rankers = task -> {
            try {
                rankers.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                task.run();
            }
        };
    }

    /** Searches for {@code caller}; {@link ResonanceException} {@code invalid_query} for an empty or over-long query. */
    public Result search(Caller caller, Query query) {
        String text = checked(query.text());
        Set<SearchKind> kinds = query.kinds().isEmpty() ? EnumSet.allOf(SearchKind.class) : EnumSet.copyOf(query.kinds());
        int offset = 0;
        if (query.after().isPresent()) {
            Cursor cursor = Cursor.decode(query.after().get());
            kinds = EnumSet.of(kind(cursor));
            offset = (int) Math.min(CatalogSearch.MAX_DEPTH, Math.max(0, cursor.id()));
        }
        boolean facets = offset == 0 && query.facets();
        boolean filtered = query.genreId().isPresent() || query.year().isPresent();
        if (!filtered) {
            Optional<Result> answer = fromPlugins(caller, text, kinds, query.limit(), offset, facets);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        CatalogSearch.Request request = new CatalogSearch.Request(text, kinds, query.genreId(), query.year(), query.limit(), offset, facets);
        int from = offset;
        // the words looked up and the search planned on one connection; then each kind ranked and its hits read on a
        // connection of its own, the kinds at once (the answer waits for the slowest kind instead of their sum)
        record Planned(Optional<Long[]> libs, CatalogSearch.Prepared search) {
        }
        Planned planned = db.read(c -> {
            Optional<Long[]> libs = CatalogQueries.libraries(c, caller);
            return new Planned(libs, catalog.prepare(c, libs, caller, request));
        });
        CatalogSearch.Prepared prepared = planned.search();
        record Kind(List<Long> ranked, List<?> items) {
        }
        Map<SearchKind, CompletableFuture<Kind>> running = new EnumMap<>(SearchKind.class);
        for (SearchKind kind : prepared.kinds()) {
            running.put(kind, CompletableFuture.supplyAsync(() -> db.read(c -> {
                List<Long> ranked = catalog.ranked(c, prepared, kind);
                return new Kind(ranked, hydrate(c, planned.libs(), caller, kind, catalog.page(prepared, ranked).ids()));
            }), rankers));
        }
        Map<SearchKind, Kind> done = new EnumMap<>(SearchKind.class);
        running.forEach((kind, future) -> done.put(kind, joined(future)));
        Map<SearchKind, List<Long>> ranked = new EnumMap<>(SearchKind.class);
        done.forEach((kind, k) -> ranked.put(kind, k.ranked()));
        // the pages, and the facets when asked for
        CatalogSearch.Answer answer = request.facets() ? db.read(c -> catalog.answer(c, prepared, ranked)) : catalog.answer(prepared, ranked);
        Map<SearchKind, Section<?>> sections = new EnumMap<>(SearchKind.class);
        for (Map.Entry<SearchKind, CatalogSearch.Hits> e : answer.hits().entrySet()) {
            List<?> hydrated = done.containsKey(e.getKey()) ? done.get(e.getKey()).items() : List.of();
            Optional<String> next = e.getValue().more() ? Optional.of(cursor(e.getKey(), from + query.limit())) : Optional.empty();
            sections.put(e.getKey(), new Section<>(hydrated, next));
        }
        return result(text, "core", sections, answer.facets());
    }

    /** The value of a kind's work, its failure thrown as it was thrown there (a database outage stays a 503). */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The plugins' answer, hydrated and cut to the page; empty when no plugin answered. */
    private Optional<Result> fromPlugins(Caller caller, String text, Set<SearchKind> kinds, int limit, int offset, boolean facets) {
        if (offset >= CatalogSearch.MAX_DEPTH) {
            return Optional.empty();
        }
        // one more than the page reaches: whether another page follows
        SearchQuery asked = new SearchQuery(text, caller.userId(), kinds, Math.min(CatalogSearch.MAX_DEPTH, offset + limit + 1));
        Optional<Providers.Answer<SearchResult>> answer = providers.first("search",
            provider -> provider.search(asked).orElse(null), result -> result.hits() != null, deadline);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        Map<SearchKind, LinkedHashSet<Long>> byKind = new EnumMap<>(SearchKind.class);
        for (SearchHit hit : answer.get().value().hits()) {
            if (hit != null && kinds.contains(hit.kind())) {
                byKind.computeIfAbsent(hit.kind(), k -> new LinkedHashSet<>()).add(hit.id());
            }
        }
        // every kind's hits read on one connection, the caller's libraries looked up once
        Map<SearchKind, List<?>> items = db.read(c -> {
            Optional<Long[]> libs = CatalogQueries.libraries(c, caller);
            Map<SearchKind, List<?>> read = new EnumMap<>(SearchKind.class);
            for (SearchKind kind : kinds) {
                List<Long> all = new ArrayList<>(byKind.getOrDefault(kind, new LinkedHashSet<>()));
                // the SPI allows no more than asked; a plugin that sends more is cut
                read.put(kind, hydrate(c, libs, caller, kind, all.size() > asked.limit() ? all.subList(0, asked.limit()) : all));
            }
            return read;
        });
        Map<SearchKind, Section<?>> sections = new EnumMap<>(SearchKind.class);
        Map<SearchKind, List<Long>> visible = new EnumMap<>(SearchKind.class);
        for (SearchKind kind : kinds) {
            List<?> hydrated = items.get(kind);
            visible.put(kind, hydrated.stream().map(item -> idOf(kind, item)).toList());
            int from = Math.min(offset, hydrated.size());
            int to = Math.min(offset + limit, hydrated.size());
            boolean more = hydrated.size() > offset + limit && offset + limit < CatalogSearch.MAX_DEPTH;
            sections.put(kind, new Section<>(List.copyOf(hydrated.subList(from, to)),
                more ? Optional.of(cursor(kind, offset + limit)) : Optional.empty()));
        }
        Optional<CatalogSearch.Facets> counted = facets ? Optional.of(catalog.facetsOf(visible)) : Optional.empty();
        return Optional.of(result(text, answer.get().plugin(), sections, counted));
    }

    @SuppressWarnings("unchecked")
    private static Result result(String text, String provider, Map<SearchKind, Section<?>> sections, Optional<CatalogSearch.Facets> facets) {
        return new Result(text, provider,
            Optional.ofNullable((Section<CatalogViews.Artist>) sections.get(SearchKind.ARTIST)),
            Optional.ofNullable((Section<CatalogViews.Album>) sections.get(SearchKind.ALBUM)),
            Optional.ofNullable((Section<CatalogViews.Track>) sections.get(SearchKind.TRACK)),
            Optional.ofNullable((Section<PlaylistHit>) sections.get(SearchKind.PLAYLIST)), facets);
    }

    /** The items of {@code ids} the caller (limited to {@code libs}) may see, in order. */
    private static List<?> hydrate(Connection c, Optional<Long[]> libs, Caller caller, SearchKind kind, List<Long> ids) throws SQLException {
        return switch (kind) {
            case TRACK -> CatalogQueries.tracksById(c, libs, ids);
            case ALBUM -> CatalogQueries.albumsById(c, libs, ids);
            case ARTIST -> CatalogQueries.artistsById(c, libs, ids);
            case PLAYLIST -> playlists(c, caller, ids);
        };
    }

    private static long idOf(SearchKind kind, Object item) {
        return switch (kind) {
            case TRACK -> ((CatalogViews.Track) item).id();
            case ALBUM -> ((CatalogViews.Album) item).id();
            case ARTIST -> ((CatalogViews.Artist) item).id();
            case PLAYLIST -> ((PlaylistHit) item).id();
        };
    }

    /** The playlists of {@code ids} the caller may read, in order. */
    private static List<PlaylistHit> playlists(Connection c, Caller caller, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, PlaylistHit> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.name FROM playlists p WHERE p.id = ANY (?) AND "
                + CatalogSearch.PLAYLISTS_VISIBLE)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            for (int i = 0; i < CatalogSearch.PLAYLISTS_VISIBLE_PARAMETERS; i++) {
                ps.setLong(2 + i, caller.userId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), new PlaylistHit(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private static String checked(String text) {
        if (text == null || text.isBlank()) {
            throw ResonanceException.invalid("invalid_query", "q (what to search for) must not be empty");
        }
        try {
            InputRules.text("q", text, new InputRules.Rule(CatalogSearch.MAX_QUERY_CHARS, false));
        } catch (InvalidInput e) {
            throw ResonanceException.invalid("invalid_query", "q " + e.problem());
        }
        return text.strip();
    }

    /** The API's kind names: artist, album, track, playlist. */
    public static Set<SearchKind> kinds(String list) {
        Set<SearchKind> kinds = EnumSet.noneOf(SearchKind.class);
        for (String name : list.split(",")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty()) {
                kinds.add(kind(trimmed));
            }
        }
        return kinds;
    }

    private static SearchKind kind(String name) {
        try {
            return SearchKind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ResonanceException.invalid("invalid_kind", "kinds must be a comma-separated list of: artist, album, track, playlist");
        }
    }

    private static String cursor(SearchKind kind, int offset) {
        return new Cursor("search:" + kind.name().toLowerCase(Locale.ROOT), offset).encode();
    }

    private static SearchKind kind(Cursor cursor) {
        String value = cursor.value();
        if (!value.startsWith("search:")) {
            throw ResonanceException.invalid("invalid_cursor", "The 'after' cursor is not one this search gave out");
        }
        try {
            return SearchKind.valueOf(value.substring("search:".length()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ResonanceException.invalid("invalid_cursor", "The 'after' cursor is not one this search gave out");
        }
    }
}
