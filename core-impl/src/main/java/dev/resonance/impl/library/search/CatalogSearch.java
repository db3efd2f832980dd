package dev.resonance.impl.library.search;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.search.SearchKind;
import dev.resonance.impl.library.browse.CatalogQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The core's own search over the catalog on PostgreSQL: what answers when no search plugin does.
 *
 * <p><b>Matching.</b> The query is normalised like the documents ({@link SearchText}). Every word matches as a
 * prefix of a document word ({@code 'sig':*} in the GIN index of {@code search_vector}; a known whole word before the
 * last one as that word), or — from 4 letters on — as one of the few known words one typo away ({@code search_words}:
 * the words one edit away looked up in its B-tree, from 8 letters on also by trigram similarity, see {@link Typos});
 * all words must match, in the item's name or its context (a track's artists and album), so "beatls abey road" finds
 * the album Abbey Road by The Beatles and its tracks. Words under 4 letters are checked on the candidates the longer
 * words found; names beginning with the query (also after "the "), as typed and with a typo corrected ("lgiht oc"
 * finds Light Ocean), are B-tree ranges on {@code search_name}.
 *
 * <p><b>Ranking</b> per kind: the name equal to the query (5), the name beginning with it (4), every word matched as
 * typed (3), the name equal to a correction of the query (2) or beginning with one (1), a word matched only through a
 * typo (0); then popularity ({@link Popularity}), then shorter names, name, id. Candidates come in tiers (typed names,
 * typed words, corrected names, words with their alternatives), each an index scan bounded by a LIMIT
 * ({@value #NAME_CANDIDATES} per name range, {@value #CANDIDATES} per word match), and a tier is read only while the
 * ones before found fewer items than the page needs: a later tier never ranks above an earlier one, so the page is
 * the same, and a query as broad as "the" costs about what a narrow one does.
 *
 * <p><b>Paging</b> is bounded, per kind: pages of the ranked hits up to {@value #MAX_DEPTH} deep. <b>Facets</b>
 * (first pages): hits per kind, and per genre and year of the tracks and albums hit, over the same candidates (the
 * tiers read; {@code capped} when a kind found as many as the page needed, since later tiers may have been skipped).
 *
 * <p><b>Visibility</b>: only what the browse API would show the caller: present tracks, albums with present tracks,
 * artists credited there, all in the caller's libraries ({@link CatalogQueries#libraries}).
 */
public final class CatalogSearch {

    /** The longest query accepted, in characters. */
    public static final int MAX_QUERY_CHARS = 200;
    /** Words of a query beyond this many are ignored. */
    static final int MAX_WORDS = 8;
    /** Word-match candidates ranked per kind. */
    static final int CANDIDATES = 500;
    /** Name-prefix candidates ranked per kind, besides the word match. */
    static final int NAME_CANDIDATES = 100;
    /** How deep paging goes per kind. */
    public static final int MAX_DEPTH = 500;
    /** Known words a typed word may stand for (by trigram similarity, best first). */
    static final int ALTERNATIVES = 4;
    /**
     * Words shorter than this are not searched through the index when a longer word is there (they are checked on its
     * candidates); alone, they match names beginning with them. A 3-letter prefix expands to hundreds of words in the
     * index and cost the most of all queries measured (see docs/decisions.md).
     */
    static final int MIN_WORD = 4;
    /** Words shorter than this are taken as typed: no typo tolerance (see {@link Typos}). */
    static final int MIN_TYPO = Typos.MIN_LENGTH;
    /** Similar known words fetched per typed word before {@link Typos} decides. */
    static final int TRIGRAM_CANDIDATES = 16;
    /** Corrected readings of a query whose names are looked up (see {@link Plan#corrected}). */
    static final int CORRECTIONS = 6;

    /**
     * A search.
     *
     * @param text the words as typed
     * @param kinds what to look for (never empty)
     * @param genreId only tracks and albums of this genre (artists and playlists have no genre: none is returned)
     * @param year only tracks and albums of this year (likewise)
     * @param limit hits per kind
     * @param offset hits to skip in every kind asked (bounded paging: at most {@link #MAX_DEPTH})
     * @param facets whether to count facets
     */
    public record Request(String text, Set<SearchKind> kinds, Optional<Long> genreId, Optional<Integer> year, int limit,
                          int offset, boolean facets) {
        public Request {
            kinds = Set.copyOf(kinds);
        }
    }

    /** One kind's page: ids best first; {@code more}: another page follows. */
    public record Hits(List<Long> ids, boolean more) {
    }

    public record GenreCount(long id, String name, long count) {
    }

    public record YearCount(int year, long count) {
    }

    /**
     * Hits per kind, and per genre and year of the tracks and albums hit (most first); {@code capped}: some kind had
     * more candidates than are counted, so its counts are lower bounds.
     */
    public record Facets(Map<String, Long> kinds, List<GenreCount> genres, List<YearCount> years, boolean capped) {
    }

    public record Answer(Map<SearchKind, Hits> hits, Optional<Facets> facets) {
    }

    private final Database db;
    private final Popularity popularity;
    private final Optional<SearchMemory> memory;

    /** Ranked by plays on this server ({@link Popularity#PLAYS}) after the match, on PostgreSQL only. */
    public CatalogSearch(Database db) {
        this(db, Popularity.PLAYS);
    }

    public CatalogSearch(Database db, Popularity popularity) {
        this(db, popularity, Optional.empty());
    }

    /**
     * Ranked by plays; artists, albums and tracks looked up in {@code memory} when it holds what the database holds
     * ({@link SearchMemory}), else on PostgreSQL.
     */
    public CatalogSearch(Database db, SearchMemory memory) {
        this(db, Popularity.PLAYS, Optional.of(memory));
    }

    private CatalogSearch(Database db, Popularity popularity, Optional<SearchMemory> memory) {
        this.db = db;
        this.popularity = popularity;
        this.memory = memory;
    }

    /** Searches what {@code caller} may see. */
    public Answer search(Caller caller, Request request) {
        return db.read(c -> search(c, CatalogQueries.libraries(c, caller), caller, request));
    }

    /**
     * Searches what {@code caller}, limited to the libraries {@code libs} ({@link CatalogQueries#libraries}), may see, on
     * {@code c}: the search service hydrates the hits on the same connection.
     */
    public Answer search(Connection c, Optional<Long[]> libs, Caller caller, Request request) throws SQLException {
        Prepared prepared = prepare(c, libs, caller, request);
        Map<SearchKind, List<Long>> found = new EnumMap<>(SearchKind.class);
        for (SearchKind kind : prepared.kinds()) {
            found.put(kind, ranked(c, prepared, kind));
        }
        return answer(c, prepared, found);
    }

    /**
     * The ids of the albums {@code offset} to {@code offset + count} in {@code order} among those of {@code libs}
     * (empty: all), from the in-memory catalog when it holds what the database holds; empty when it does not (or there
     * is none): read them on PostgreSQL then ({@link AlbumOrders}).
     */
    public Optional<List<Long>> albumPage(Connection c, AlbumOrders.Order order, Optional<Long[]> libs, int offset, int count)
            throws SQLException {
        Optional<SearchSnapshot> snapshot = memory.isPresent() ? memory.get().current(c) : Optional.empty();
        return snapshot.map(s -> s.albumOrders().page(order, libs, offset, count));
    }

    /** {@code count} albums of {@code libs} (empty: all) at random, as {@link #albumPage} (empty: ask PostgreSQL). */
    public Optional<List<Long>> randomAlbums(Connection c, Optional<Long[]> libs, int count) throws SQLException {
        Optional<SearchSnapshot> snapshot = memory.isPresent() ? memory.get().current(c) : Optional.empty();
        return snapshot.map(s -> s.albumOrders().random(libs, count, java.util.concurrent.ThreadLocalRandom.current()));
    }

    /**
     * A search made ready to run: the query's words looked up (typos, known words) and the plan and sources made from
     * them. Bound to no connection: each kind may be ranked on a connection of its own ({@link #ranked}).
     */
    public record Prepared(Request request, Optional<Plan> plan, List<Source> sources, Scope scope, Optional<SearchSnapshot> memory) {

        /** Whether the artists, albums and tracks are looked up in memory (a current {@link SearchSnapshot}). */
        public boolean inMemory() {
            return memory.isPresent();
        }

        /** The kinds to rank, in order (those a filter leaves out are absent). */
        public List<SearchKind> kinds() {
            return plan.isEmpty() ? List.of() : sources.stream().map(Source::kind).toList();
        }

        int need() {
            return request.offset() + size() + 1;
        }

        int size() {
            return Math.max(0, Math.min(request.limit(), MAX_DEPTH - request.offset()));
        }
    }

    /** Looks up the words of {@code request} and plans its search for {@code caller}, limited to {@code libs}. */
    public Prepared prepare(Connection c, Optional<Long[]> libs, Caller caller, Request request) throws SQLException {
        List<String> words = SearchText.distinct(SearchText.words(request.text()));
        if (words.size() > MAX_WORDS) {
            words = words.subList(0, MAX_WORDS);
        }
        Scope scope = new Scope(libs, caller.userId(), request.genreId(), request.year());
        if (words.isEmpty()) {
            return new Prepared(request, Optional.empty(), List.of(), scope, Optional.empty());
        }
        Alternatives alternatives = alternatives(c, words);
        Plan plan = Plan.of(words, alternatives.words(), alternatives.known(), alternatives.prefixes(), alternatives.absent());
        boolean catalogKinds = request.kinds().stream().anyMatch(k -> k != SearchKind.PLAYLIST);
        Optional<SearchSnapshot> snapshot = memory.isPresent() && catalogKinds ? memory.get().current(c) : Optional.empty();
        return new Prepared(request, Optional.of(plan), sources(c, request.kinds(), scope), scope, snapshot);
    }

    /** The ranked candidates of one kind of a prepared search (up to what its page needs, plus one). */
    public List<Long> ranked(Connection c, Prepared prepared, SearchKind kind) throws SQLException {
        Source source = prepared.sources().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
        if (prepared.request().offset() >= MAX_DEPTH) {
            return List.of();
        }
        if (prepared.memory().isPresent() && kind != SearchKind.PLAYLIST) {
            // the candidates the page needs; with facets, as many as the statements would count (see count)
            int cap = prepared.request().facets() ? Math.max(prepared.need(), CANDIDATES) : prepared.need();
            return prepared.memory().get().ranked(kind, prepared.plan().orElseThrow(), prepared.scope(), prepared.need(), cap);
        }
        return ranked(c, source, prepared.plan().orElseThrow(), prepared.need());
    }

    /** The page of {@code ranked} (one kind's candidates) that the request asks for. */
    public Hits page(Prepared prepared, List<Long> ranked) {
        Request request = prepared.request();
        int size = prepared.size();
        List<Long> page = ranked.subList(Math.min(request.offset(), ranked.size()), Math.min(request.offset() + size, ranked.size()));
        boolean more = ranked.size() > request.offset() + size && request.offset() + size < MAX_DEPTH;
        return new Hits(List.copyOf(page), more);
    }

    /**
     * The answer of a prepared search from each kind's ranked candidates ({@link #ranked}); the facets, when the request
     * asks for them, counted on {@code c}.
     */
    public Answer answer(Connection c, Prepared prepared, Map<SearchKind, List<Long>> found) throws SQLException {
        Answer answer = answer(prepared, found);
        if (!prepared.request().facets() || prepared.plan().isEmpty()) {
            return answer;
        }
        boolean capped = prepared.kinds().stream().anyMatch(k -> found.getOrDefault(k, List.of()).size() >= prepared.need());
        Facets counted = count(c, found);
        return new Answer(answer.hits(), Optional.of(new Facets(counted.kinds(), counted.genres(), counted.years(), counted.capped() || capped)));
    }

    /** The pages of a prepared search from each kind's ranked candidates, without facets (no statement runs). */
    public Answer answer(Prepared prepared, Map<SearchKind, List<Long>> found) {
        Request request = prepared.request();
        Map<SearchKind, Hits> hits = new EnumMap<>(SearchKind.class);
        if (prepared.plan().isEmpty()) {
            request.kinds().forEach(k -> hits.put(k, new Hits(List.of(), false)));
            return new Answer(hits, request.facets() ? Optional.of(new Facets(Map.of(), List.of(), List.of(), false)) : Optional.empty());
        }
        for (SearchKind kind : prepared.kinds()) {
            hits.put(kind, page(prepared, found.getOrDefault(kind, List.of())));
        }
        return new Answer(hits, Optional.empty());
    }

    /** The facets of hits a plugin gave (ids already visible to the caller). */
    public Facets facetsOf(Map<SearchKind, List<Long>> ids) {
        return db.read(c -> count(c, ids));
    }

    /** The facets of {@code ids} per kind (see {@link #count(Connection, String, List)}). */
    private static Facets count(Connection c, Map<SearchKind, List<Long>> ids) throws SQLException {
        StringJoiner matched = new StringJoiner(" UNION ALL ");
        List<Object> params = new ArrayList<>();
        for (Map.Entry<SearchKind, List<Long>> e : ids.entrySet()) {
            matched.add("SELECT '" + kindName(e.getKey()) + "' AS kind, id FROM unnest(?::bigint[]) AS id");
            params.add(c.createArrayOf("bigint", e.getValue().toArray()));
        }
        return ids.isEmpty() ? new Facets(Map.of(), List.of(), List.of(), false) : count(c, matched.toString(), params);
    }

    /** What the caller may see of playlists (alias {@code p}; {@link #PLAYLISTS_VISIBLE_PARAMETERS} times the caller's id). */
    public static final String PLAYLISTS_VISIBLE = Playlists.VISIBLE;

    public static final int PLAYLISTS_VISIBLE_PARAMETERS = Playlists.VISIBLE_PARAMETERS;

    // ------------------------------------------------------------------ the query plan

    /**
     * The tsqueries of a search. {@code indexed}: what the GIN index looks up (every word of 3+ letters as a prefix or
     * one of its alternatives), empty when every word is short; {@code recheck}: the short words, checked on the
     * candidates; {@code typed}: every word as a prefix as typed (rank 1); {@code name}: the normalised query, for the
     * exact and prefix ranks and the name range.
     */
    record Plan(Optional<String> indexed, Optional<String> typedIndexed, Optional<String> recheck, String typed, String name,
                List<String> corrected, Terms terms) {

        static Plan of(List<String> words, Map<String, List<String>> alternatives) {
            return of(words, alternatives, Set.of(), Set.of());
        }

        /**
         * {@code known}: the words that need no correction in names (see {@link #corrected}); {@code prefixes}: the
         * alternatives that are beginnings of words (of the last word, being typed), matched as prefixes.
         */
        static Plan of(List<String> words, Map<String, List<String>> alternatives, Set<String> known, Set<String> prefixes) {
            return of(words, alternatives, known, prefixes, Set.of());
        }

        /** {@code absent}: the words no known word begins with (they match nothing as typed: only their alternatives can). */
        static Plan of(List<String> words, Map<String, List<String>> alternatives, Set<String> known, Set<String> prefixes,
                       Set<String> absent) {
            StringJoiner indexed = new StringJoiner(" & ");
            StringJoiner typedIndexed = new StringJoiner(" & ");
            StringJoiner recheck = new StringJoiner(" & ");
            StringJoiner typed = new StringJoiner(" & ");
            List<List<Term>> indexedTerms = new ArrayList<>();
            List<List<Term>> typedTerms = new ArrayList<>();
            List<String> shortWords = new ArrayList<>();
            boolean anyLong = words.stream().anyMatch(w -> w.length() >= MIN_WORD);
            boolean anyAlternative = false;
            boolean impossible = false; // a word matches nothing, as typed nor through an alternative
            for (String word : words) {
                typed.add(prefix(word));
                if (word.length() >= MIN_WORD || !anyLong && words.size() > 1) {
                    // a word before the last one is typed whole: when it is a known word, the index looks up that word
                    // alone (a prefix gathers every word it begins in a bitmap first: 'dream':* cost 2–5 times 'dream')
                    boolean whole = known.contains(word) && !word.equals(words.get(words.size() - 1));
                    String asTyped = whole ? lexeme(word) : prefix(word);
                    StringJoiner any = new StringJoiner(" | ", "(", ")");
                    List<Term> anyTerms = new ArrayList<>();
                    if (!absent.contains(word)) {
                        any.add(asTyped);
                        anyTerms.add(new Term(word, !whole));
                    }
                    List<String> alts = alternatives.getOrDefault(word, List.of());
                    alts.forEach(a -> any.add(prefixes.contains(a) ? prefix(a) : lexeme(a)));
                    alts.forEach(a -> anyTerms.add(new Term(a, prefixes.contains(a))));
                    indexedTerms.add(anyTerms);
                    typedTerms.add(List.of(new Term(word, !whole)));
                    anyAlternative |= !alts.isEmpty();
                    impossible |= any.length() == 2;
                    indexed.add(any.toString());
                    typedIndexed.add(asTyped);
                } else if (anyLong) {
                    recheck.add(prefix(word));
                    shortWords.add(word);
                }
            }
            String name = String.join(" ", words);
            Map<String, List<String>> correctable = new LinkedHashMap<>(alternatives);
            correctable.keySet().removeAll(known);
            // the GIN index reads the whole posting lists of the other words before it finds that one matches nothing
            // ('lght':* & 'ocean':* took 50 ms): a word known to match nothing skips the word match outright
            boolean typedPossible = words.stream().noneMatch(absent::contains);
            boolean indexing = indexed.length() > 0 && anyAlternative && !impossible;
            boolean typedIndexing = typedIndexed.length() > 0 && typedPossible;
            Terms terms = new Terms(List.copyOf(words), typedIndexing ? Optional.of(List.copyOf(typedTerms)) : Optional.empty(),
                    indexing ? Optional.of(List.copyOf(indexedTerms)) : Optional.empty(), List.copyOf(shortWords));
            return new Plan(indexing ? Optional.of(indexed.toString()) : Optional.empty(),
                    typedIndexing ? Optional.of(typedIndexed.toString()) : Optional.empty(),
                    recheck.length() == 0 ? Optional.empty() : Optional.of(recheck.toString()), typed.toString(), name,
                    corrected(words, correctable), terms);
        }

        /**
         * The query with one word corrected (one typo is what a user makes while typing; a second is rarer than the
         * cost of every combination): each word replaced by each of its alternatives in turn, best first, at most
         * {@value #CORRECTIONS}.
         */
        static List<String> corrected(List<String> words, Map<String, List<String>> alternatives) {
            List<String> corrected = new ArrayList<>();
            for (int rank = 0; rank < ALTERNATIVES; rank++) {
                for (int i = 0; i < words.size(); i++) {
                    List<String> alts = alternatives.getOrDefault(words.get(i), List.of());
                    if (rank < alts.size() && corrected.size() < CORRECTIONS) {
                        List<String> copy = new ArrayList<>(words);
                        copy.set(i, alts.get(rank));
                        String text = String.join(" ", copy);
                        if (!corrected.contains(text)) {
                            corrected.add(text);
                        }
                    }
                }
            }
            return corrected;
        }

        /** The names a name beginning with the query (or one of its corrections) begins with: each also after "the ". */
        List<String> prefixes(boolean typedOnes) {
            List<String> out = new ArrayList<>();
            for (String text : typedOnes ? List.of(name) : corrected) {
                out.add(text);
                if (!text.startsWith("the ")) {
                    out.add("the " + text);
                }
            }
            return out;
        }

        /** Normalised words hold letters and digits only: quoting them is enough to make them literal lexemes. */
        private static String lexeme(String word) {
            return "'" + word + "'";
        }

        private static String prefix(String word) {
            return lexeme(word) + ":*";
        }

        /** The least string after every string that begins with {@code prefix} (byte order, as the C collation sorts). */
        static String successor(String prefix) {
            int last = prefix.codePointBefore(prefix.length());
            return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(last + 1);
        }
    }

    /**
     * For each word of {@value #MIN_TYPO} or more letters, the known words it may be a typo of, most similar first:
     * trigram similarity finds candidates fast ({@code %}: the whole words are similar, 0.3; {@code %>}: the typed word
     * is similar to a part of the known one, 0.6, as a mistyped beginning is; both through the word list's GIN index),
     * then {@link Typos}
     * keeps those within the typos the word's length allows (so "sigu" does not stand for "sigrid").
     */
    private static Alternatives alternatives(Connection c, List<String> words) throws SQLException {
        List<String> asked = words.stream().filter(w -> w.length() >= MIN_TYPO).toList();
        Map<String, List<String>> alternatives = new LinkedHashMap<>();
        Set<String> known = new java.util.HashSet<>();
        Set<String> prefixes = new java.util.HashSet<>();
        Set<String> present = new java.util.HashSet<>();
        if (asked.isEmpty()) {
            return new Alternatives(alternatives, known, prefixes, Set.of());
        }
        // One typo: the words one edit away from each typed word, looked up in the word list's B-tree — whole words, and
        // for the last word (being typed) of 5+ letters the beginnings of words too ("lgiht" → light, "electirc s" →
        // electric). Besides, whether each word is known as typed (the last one as a beginning), the first row of each.
        // "\u0001" sorts right after a word and before any longer word (normalised words hold letters and digits).
        String last = words.get(words.size() - 1);
        List<String> qs = new ArrayList<>();
        List<String> vs = new ArrayList<>();
        List<String> es = new ArrayList<>();
        for (String word : asked) {
            boolean isLast = word.equals(last);
            qs.add(word);
            vs.add(word);
            es.add(Plan.successor(word)); // begins a known word
            if (!isLast) {
                qs.add(word);
                vs.add(word);
                es.add(word + "\u0001"); // is a known word
            }
            boolean beginnings = isLast && word.length() >= Typos.MIN_PREFIX_LENGTH;
            for (String v : Typos.variants(word)) {
                qs.add(word);
                vs.add(v);
                // a beginning as long as the typed one at least (as Typos#within compares: "sigur" less a letter,
                // "sigr", must not stand for Sigrid), or the typed one with a doubled letter undone ("pettr": Petrov)
                es.add(beginnings && (v.length() >= word.length() || Typos.undoubled(word, v)) ? Plan.successor(v) : v + "\u0001");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT u.q, u.v, u.e FROM unnest(?::text[], ?::text[], ?::text[])"
                + " WITH ORDINALITY AS u(q, v, e, i) WHERE EXISTS (SELECT 1 FROM search_words k WHERE k.word >= u.v AND k.word < u.e)"
                + " ORDER BY u.i")) {
            ps.setArray(1, c.createArrayOf("text", qs.toArray()));
            ps.setArray(2, c.createArrayOf("text", vs.toArray()));
            ps.setArray(3, c.createArrayOf("text", es.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String word = rs.getString(1);
                    String variant = rs.getString(2);
                    if (variant.equals(word)) {
                        if (word.equals(last) || rs.getString(3).endsWith("\u0001")) {
                            known.add(word);
                        }
                        if (!rs.getString(3).endsWith("\u0001")) {
                            present.add(word);
                        }
                        continue;
                    }
                    List<String> found = alternatives.computeIfAbsent(word, k -> new ArrayList<>());
                    if (found.size() < ALTERNATIVES) {
                        found.add(variant);
                        if (!rs.getString(3).endsWith("\u0001")) {
                            prefixes.add(variant);
                        }
                    }
                }
            }
        }
        // words long enough for two typos: the known words similar by trigrams, kept when within the typos allowed
        List<String> longer = asked.stream().filter(w -> Typos.allowed(w.length()) > 1).toList();
        if (!longer.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT q, x.word FROM unnest(?::text[]) AS q, LATERAL (SELECT w.word"
                    + " FROM search_words w WHERE w.word % q AND w.word <> q ORDER BY similarity(w.word, q) DESC, w.word LIMIT "
                    + TRIGRAM_CANDIDATES + ") x")) {
                ps.setArray(1, c.createArrayOf("text", longer.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> found = alternatives.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                        String alternative = rs.getString(2);
                        if (found.size() < ALTERNATIVES && !found.contains(alternative) && Typos.within(rs.getString(1), alternative)) {
                            found.add(alternative);
                        }
                    }
                }
            }
        }
        alternatives.values().removeIf(List::isEmpty);
        Set<String> absent = new java.util.HashSet<>(asked);
        absent.removeAll(present);
        return new Alternatives(alternatives, known, prefixes, absent);
    }

    /** The alternatives of the query's words, and which words are known as typed (no correction of names for them). */
    record Alternatives(Map<String, List<String>> words, Set<String> known, Set<String> prefixes, Set<String> absent) {
    }

    /** A word of a query term: the word itself ({@code prefix} false) or every word beginning with it. */
    record Term(String word, boolean prefix) {
    }

    /**
     * The plan's matches as words, for the in-memory index ({@link SearchSnapshot}): what the tsqueries of the plan say.
     * {@code words}: every word of the query (rank 3: each begins a word of the item); {@code typed}: the word match
     * as typed (each inner list one word of the query, any of its terms), absent when the plan has none; {@code
     * indexed}: the word match with alternatives, likewise; {@code shortWords}: the words checked on their candidates,
     * as prefixes.
     */
    record Terms(List<String> words, Optional<List<List<Term>>> typed, Optional<List<List<Term>>> indexed, List<String> shortWords) {
    }

    // ------------------------------------------------------------------ sources: one per kind

    /** Who searches and the filters: the caller's libraries (empty = all), their id, genre and year. */
    record Scope(Optional<Long[]> libraries, long userId, Optional<Long> genreId, Optional<Integer> year) {
        boolean filtered() {
            return genreId.isPresent() || year.isPresent();
        }
    }

    /**
     * Where one kind's documents live: the table and its alias (the alias the visibility and popularity expressions
     * use), what the caller may see of it, and its genre and year filters.
     */
    record Source(SearchKind kind, String table, String alias, String visible, List<Object> params, String popularity) {
    }

    /** The sources of {@code kinds} for {@code scope}; a kind without genres or years drops out of a filtered search. */
    private List<Source> sources(Connection c, Set<SearchKind> kinds, Scope scope) throws SQLException {
        List<Source> sources = new ArrayList<>();
        Optional<Long[]> libs = scope.libraries();
        for (SearchKind kind : SearchKind.values()) {
            if (!kinds.contains(kind)) {
                continue;
            }
            List<Object> params = new ArrayList<>();
            StringBuilder visible = new StringBuilder();
            switch (kind) {
                case TRACK -> sources.add(catalogRows(kind, "tracks", "t", "t.missing_since IS NULL", "track_genres", "track_id", libs, scope,
                        popularity.track()));
                case ALBUM -> sources.add(catalogRows(kind, "albums", "a", "a.track_count > 0", "album_genres", "album_id", libs, scope,
                        popularity.album()));
                case ARTIST -> {
                    if (scope.filtered()) {
                        continue;
                    }
                    if (libs.isPresent()) {
                        visible.append(CatalogQueries.ARTIST_IN_LIBRARIES);
                        params.add(libs.get());
                        params.add(libs.get());
                    } else {
                        visible.append("(ar.track_count > 0 OR ar.album_count > 0)");
                    }
                    sources.add(new Source(kind, "artists", "ar", visible.toString(), params, popularity.artist()));
                }
                case PLAYLIST -> {
                    if (scope.filtered()) {
                        continue;
                    }
                    visible.append(Playlists.VISIBLE);
                    for (int i = 0; i < Playlists.VISIBLE_PARAMETERS; i++) {
                        params.add(scope.userId());
                    }
                    sources.add(new Source(kind, "playlists", "p", visible.toString(), params, popularity.playlist()));
                }
                default -> throw new IllegalStateException("unknown kind " + kind);
            }
        }
        return sources;
    }

    /**
     * Tracks or albums: rows of a library, {@code present} (what the browse API shows), in the caller's libraries, of
     * the genre ({@code genreTable} links {@code genreOwner} to genres) and year asked.
     */
    private static Source catalogRows(SearchKind kind, String table, String x, String present, String genreTable, String genreOwner,
                                      Optional<Long[]> libs, Scope scope, String popularity) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(present);
        libs.ifPresent(a -> {
            where.append(" AND ").append(x).append(".library_id = ANY (?)");
            params.add(a);
        });
        scope.genreId().ifPresent(g -> {
            where.append(" AND EXISTS (SELECT 1 FROM ").append(genreTable).append(" g WHERE g.").append(genreOwner).append(" = ")
                    .append(x).append(".id AND g.genre_id = ?)");
            params.add(g);
        });
        scope.year().ifPresent(y -> {
            where.append(" AND ").append(x).append(".year = ?");
            params.add(y);
        });
        return new Source(kind, table, x, where.toString(), params, popularity);
    }

    /**
     * The candidates of one source, best first: their ids ranked (see {@link #RANK}), then by popularity, shorter names,
     * name, id. They come in tiers, each its own index scan in one statement, and a tier is read only while the tiers
     * before it found fewer than {@code need} items (an uncorrelated condition: PostgreSQL checks it once, before the
     * scan): the names beginning with the query as typed (also after a leading "the ": "bea" finds The Beatles); the
     * words as typed; the names beginning with a correction of the query ("lgiht oc" finds Light Ocean); the words
     * with their alternatives. Each name range is a range scan of the name's B-tree in name order with its own LIMIT
     * (PostgreSQL makes no index condition of ranges joined by OR, and then walks the whole index); each word match a
     * bitmap scan of the GIN index with a LIMIT, the short words rechecked on its rows (see {@link #recheck}).
     * Because a later tier never ranks above an earlier one's items, the first {@code need} are those a search of every
     * tier would give.
     */
    private static List<Long> ranked(Connection c, Source s, Plan plan, int need) throws SQLException {
        String x = s.alias;
        // the tiers carry the row's id, name and vector; the rank and popularity are computed once, on the distinct rows
        String columns = x + ".id, " + x + ".search_name, " + x + ".search_vector";
        List<Object> params = new ArrayList<>();
        List<String> tiers = new ArrayList<>();
        StringBuilder sql = new StringBuilder("WITH ");
        tier(sql, tiers, names(s, columns, plan.prefixes(true), "true", params));
        if (plan.typedIndexed().isPresent()) {
            tier(sql, tiers, words(s, columns, plan.typedIndexed().get(), plan, gate(tiers, need), params));
        }
        if (!plan.corrected().isEmpty()) {
            tier(sql, tiers, names(s, columns, plan.prefixes(false), gate(tiers, need), params));
        }
        if (plan.indexed().isPresent()) {
            tier(sql, tiers, words(s, columns, plan.indexed().get(), plan, gate(tiers, need), params));
        }
        StringJoiner all = new StringJoiner(" UNION ALL ");
        tiers.forEach(t -> all.add("SELECT * FROM " + t));
        String n = x + ".search_name";
        String the = "the " + plan.name();
        sql.append(", d AS MATERIALIZED (SELECT DISTINCT ON (u.id) u.* FROM (").append(all).append(") u), pop AS MATERIALIZED (")
                .append(s.popularity).append(") SELECT ").append(x).append(".id FROM d ").append(x)
                .append(" LEFT JOIN pop ON pop.id = ").append(x).append(".id")
                .append(" ORDER BY ").append(RANK.replace("$n", n).replace("$v", x + ".search_vector")).append(" DESC, ")
                .append("coalesce(pop.n, 0) DESC, length(").append(n).append("), ").append(n).append(", ").append(x).append(".id");
        params.addAll(List.of(c.createArrayOf("text", new Object[] {plan.name(), the}), plan.name(), the, plan.typed(),
                c.createArrayOf("text", plan.prefixes(false).toArray()), c.createArrayOf("text", plan.prefixes(false).toArray())));
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * The rank of a row ({@code $n} its name, {@code $v} its vector): the name equal to the query as typed (5), beginning
     * with it (4), every word matched as typed (3), the name equal to a correction of the query (2), beginning with one
     * (1), a word matched through a typo only (0). Parameters: the typed names, the typed name and "the " + it, the typed
     * tsquery, the corrected names twice.
     */
    private static final String RANK = "CASE WHEN $n = ANY (?::text[]) THEN 5 WHEN starts_with($n, ?) OR starts_with($n, ?) THEN 4"
            + " WHEN $v @@ to_tsquery('simple', ?) THEN 3 WHEN $n = ANY (?::text[]) THEN 2"
            + " WHEN EXISTS (SELECT 1 FROM unnest(?::text[]) AS v(p) WHERE starts_with($n, v.p)) THEN 1 ELSE 0 END";

    private static void tier(StringBuilder sql, List<String> tiers, String body) {
        String name = "t" + tiers.size();
        sql.append(tiers.isEmpty() ? "" : ", ").append(name).append(" AS MATERIALIZED (").append(body).append(')');
        tiers.add(name);
    }

    /** Whether the tiers so far found fewer than {@code need} distinct items. */
    private static String gate(List<String> tiers, int need) {
        StringJoiner ids = new StringJoiner(" UNION ");
        tiers.forEach(t -> ids.add("SELECT id FROM " + t));
        return "(SELECT count(*) FROM (" + ids + ") g) < " + need;
    }

    /**
     * Names beginning with one of {@code prefixes}: a range scan each, in name order, bounded — one LATERAL subquery over
     * the ranges, so the statement has the same shape however many there are (planned in a fraction of the time of a
     * UNION of one part per range, and reused).
     */
    private static String names(Source s, String columns, List<String> prefixes, String gate, List<Object> params) {
        String x = s.alias;
        String n = x + ".search_name";
        params.add(prefixes.toArray(String[]::new));
        params.add(prefixes.stream().map(Plan::successor).toArray(String[]::new));
        params.addAll(s.params);
        return "SELECT " + x + ".* FROM unnest(?::text[], ?::text[]) AS r(lo, hi) CROSS JOIN LATERAL (SELECT " + columns + " FROM "
                + s.table + " " + x + " WHERE " + gate + " AND " + n + " >= r.lo AND " + n + " < r.hi AND " + s.visible + " ORDER BY " + n
                + " LIMIT " + NAME_CANDIDATES + ") " + x;
    }

    /**
     * Rows whose words match {@code tsquery} (the GIN index), the short words of the query rechecked: bounded by a LIMIT
     * without order, which a bitmap scan answers by fetching rows only until it has enough. The short words are checked
     * on the rows the long ones found, behind an {@code OFFSET 0} fence: as a condition beside the long words PostgreSQL
     * put them into the GIN index scan too, which then read the whole posting lists of every word beginning with them
     * ({@code 'the':*}: 3 of a 3.1 ms album scan, 7 of 15 ms for tracks matching {@code 'light':*}). Behind the fence
     * they filter the rows as they stream, and the planner still estimates them from the column's statistics (see
     * {@link #recheck}).
     */
    private static String words(Source s, String columns, String tsquery, Plan plan, String gate, List<Object> params) {
        String x = s.alias;
        StringBuilder words = new StringBuilder("SELECT " + columns + " FROM " + s.table + " " + x + " WHERE " + gate + " AND " + x
                + ".search_vector @@ to_tsquery('simple', ?) AND " + s.visible);
        params.add(tsquery);
        params.addAll(s.params);
        if (plan.recheck().isPresent()) {
            words.insert(0, "SELECT " + columns + " FROM (").append(" OFFSET 0) ").append(x).append(" WHERE ").append(recheck(x))
                    .append(" @@ to_tsquery('simple', ?)");
            params.add(plan.recheck().get());
        }
        return words.append(" LIMIT ").append(CANDIDATES).toString();
    }

    /**
     * The vector of alias {@code x} for the short words: the column itself, so that the planner estimates their
     * selectivity from the column's statistics like the long words'. With every word estimated, it picks a sequential
     * scan that stops at the LIMIT when matches are dense ('light':* & 'the':*, 15 ms against 46 ms for the bitmap) and
     * the GIN bitmap when they are rare ('electric' & 'sk':*, 761 rows). (A function's default third, ts_match_vq before,
     * made it expect dense matches where they were rare and read 133,000 rows for 500.)
     */
    private static String recheck(String x) {
        return x + ".search_vector";
    }

    // ------------------------------------------------------------------ facets

    /**
     * Counts {@code matched} ({@code kind, id} rows) in one statement: per kind, and per genre and year of its tracks
     * and albums (the 50 largest of each, most first).
     */
    private static Facets count(Connection c, String matched, List<Object> params) throws SQLException {
        String sql = "WITH m AS MATERIALIZED (" + matched + ")"
                + " SELECT 'kind', NULL::bigint, kind, count(*) FROM m GROUP BY kind"
                + " UNION ALL (SELECT 'genre', g.id, g.name, count(*) FROM (SELECT tg.genre_id FROM m JOIN track_genres tg"
                + " ON tg.track_id = m.id WHERE m.kind = 'track' UNION ALL SELECT ag.genre_id FROM m JOIN album_genres ag"
                + " ON ag.album_id = m.id WHERE m.kind = 'album') x JOIN genres g ON g.id = x.genre_id GROUP BY g.id, g.name"
                + " ORDER BY count(*) DESC, g.name LIMIT 50)"
                + " UNION ALL (SELECT 'year', y.year, NULL, count(*) FROM (SELECT t.year FROM m JOIN tracks t ON t.id = m.id"
                + " WHERE m.kind = 'track' UNION ALL SELECT a.year FROM m JOIN albums a ON a.id = m.id WHERE m.kind = 'album') y"
                + " WHERE y.year IS NOT NULL GROUP BY y.year ORDER BY count(*) DESC, y.year DESC LIMIT 50)";
        Map<String, Long> kinds = new java.util.TreeMap<>();
        List<GenreCount> genres = new ArrayList<>();
        List<YearCount> years = new ArrayList<>();
        boolean capped = false;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(4);
                    switch (rs.getString(1)) {
                        case "kind" -> {
                            kinds.put(rs.getString(3), n);
                            capped |= n >= CANDIDATES;
                        }
                        case "genre" -> genres.add(new GenreCount(rs.getLong(2), rs.getString(3), n));
                        default -> years.add(new YearCount(rs.getInt(2), n));
                    }
                }
            }
        }
        return new Facets(kinds, genres, years, capped);
    }

    private static String kindName(SearchKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) instanceof String[] texts) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("text", texts));
            } else if (params.get(i) instanceof Long[] ids) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("bigint", ids));
            } else {
                ps.setObject(i + 1, params.get(i));
            }
        }
    }
}
