package dev.resonance.impl.library.search;

import dev.resonance.api.search.SearchKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The artists, albums and tracks a search looks through, read from the database once and held in memory: the same
 * documents as the columns {@code search_name} and {@code search_vector} (the name, and the words of the name and its
 * context), what decides whether a caller may see each (library, present, counts) and its filters (year, genres), and
 * the plays it ranks by. Immutable but for the plays ({@link #withPlays}).
 *
 * <p>It answers what {@link CatalogSearch}'s ranked statements answer on PostgreSQL, from the plan's words
 * ({@link CatalogSearch.Terms}): the same tiers (names beginning with the query, the words as typed, names beginning with
 * a correction, the words with their alternatives, each read only while the ones before found fewer than the page
 * needs) and the same order (rank, popularity, shorter names, name, id). Where the statements bound a tier by a
 * {@code LIMIT} (100 names per range, 500 rows per word match) this reads every match and ranks them all, so on a large
 * catalog its page can be better than theirs, never worse.
 *
 * <p>Layout, for a catalog of 200,000 tracks in a small heap: one sorted vocabulary of every word (a word's number is
 * its place in it, so the words beginning with a prefix are one range of numbers); per kind, each document's word
 * numbers (sorted) and, per word, its documents (sorted), both as offsets into one array; names and a by-name order for
 * the name ranges.
 */
final class SearchSnapshot {

    /**
     * What a snapshot was read at: the libraries (how many, the sum of their ids) and their scans (the last one's id,
     * how many are running). Every change to what search shows is made by a scan or by removing a library (see
     * {@link SearchMemory}), so an equal fingerprint means an equal catalog.
     */
    record Fingerprint(long libraries, long librarySum, long lastScan, long running) {

        static final String QUERY = "SELECT (SELECT count(*) FROM libraries), (SELECT coalesce(sum(id), 0) FROM libraries),"
                + " (SELECT coalesce(max(id), 0) FROM library_scans), (SELECT count(*) FROM library_scans WHERE state = 'running')";

        static Fingerprint read(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(QUERY); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Fingerprint(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }

        boolean scanning() {
            return running > 0;
        }
    }

    /** The plays the snapshot ranks by, per kind and document, and what they were read at ({@link #PLAYS_VERSION}). */
    record Plays(long[] artists, long[] albums, long[] tracks, String version) {
    }

    /** Changes whenever a listen is counted: how many tracks were played and how often in all. */
    static final String PLAYS_VERSION = "SELECT count(*) || ':' || coalesce(sum(play_count), 0) FROM track_popularity";

    /** Null year. */
    private static final int NO_YEAR = Integer.MIN_VALUE;

    private final Fingerprint fingerprint;
    private final String[] vocabulary;
    private final Docs artists;
    private final Docs albums;
    private final Docs tracks;
    private final Plays plays;
    private final AlbumOrders albumOrders;

    private SearchSnapshot(Fingerprint fingerprint, String[] vocabulary, Docs artists, Docs albums, Docs tracks, Plays plays,
                           AlbumOrders albumOrders) {
        this.fingerprint = fingerprint;
        this.vocabulary = vocabulary;
        this.artists = artists;
        this.albums = albums;
        this.tracks = tracks;
        this.plays = plays;
        this.albumOrders = albumOrders;
    }

    Fingerprint fingerprint() {
        return fingerprint;
    }

    Plays plays() {
        return plays;
    }

    /** The albums in the orders listings page through, read with the documents. */
    AlbumOrders albumOrders() {
        return albumOrders;
    }

    /** How many artists, albums and tracks it holds. */
    int size() {
        return artists.size() + albums.size() + tracks.size();
    }

    /** This snapshot ranking by the plays on the server now (read on {@code c}). */
    SearchSnapshot withPlays(Connection c) throws SQLException {
        return new SearchSnapshot(fingerprint, vocabulary, artists, albums, tracks, readPlays(c, artists, albums, tracks), albumOrders);
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads the catalog on {@code c}, which must be in a transaction that sees one state of the database (repeatable
     * read): the fingerprint, then the documents.
     */
    static SearchSnapshot read(Connection c) throws SQLException {
        Fingerprint fingerprint = Fingerprint.read(c);
        Map<String, Integer> words = new HashMap<>();
        Builder artists = new Builder();
        Builder albums = new Builder();
        Builder tracks = new Builder();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, search_name, search_context, track_count > 0 OR album_count > 0"
                + " FROM artists WHERE search_name IS NOT NULL ORDER BY id")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    artists.add(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4) ? 1 : 0, NO_YEAR, words);
                }
            }
        }
        read(c, "SELECT id, search_name, search_context, library_id, coalesce(year, " + NO_YEAR + ") FROM albums"
                + " WHERE track_count > 0 AND search_name IS NOT NULL ORDER BY id", albums, words);
        read(c, "SELECT id, search_name, search_context, library_id, coalesce(year, " + NO_YEAR + ") FROM tracks"
                + " WHERE missing_since IS NULL AND search_name IS NOT NULL ORDER BY id", tracks, words);
        // the vocabulary in order: a word's number is its place, so a prefix's words are one range of numbers
        String[] vocabulary = words.keySet().toArray(String[]::new);
        Arrays.sort(vocabulary);
        int[] renumber = new int[vocabulary.length];
        for (int i = 0; i < vocabulary.length; i++) {
            renumber[words.get(vocabulary[i])] = i;
        }
        Docs artistDocs = artists.build(renumber, vocabulary.length);
        Docs albumDocs = albums.build(renumber, vocabulary.length);
        Docs trackDocs = tracks.build(renumber, vocabulary.length);
        // an artist is visible in the libraries of the present tracks crediting them and of the albums they made
        sets(c, "SELECT ta.artist_id, t.library_id FROM track_artists ta JOIN tracks t ON t.id = ta.track_id"
                + " WHERE t.missing_since IS NULL UNION SELECT aa.artist_id, al.library_id FROM album_artists aa"
                + " JOIN albums al ON al.id = aa.album_id WHERE al.track_count > 0 ORDER BY 1, 2", artistDocs);
        sets(c, "SELECT album_id, genre_id FROM album_genres ORDER BY 1, 2", albumDocs);
        sets(c, "SELECT track_id, genre_id FROM track_genres ORDER BY 1, 2", trackDocs);
        return new SearchSnapshot(fingerprint, vocabulary, artistDocs, albumDocs, trackDocs,
                readPlays(c, artistDocs, albumDocs, trackDocs), AlbumOrders.read(c));
    }

    private static void read(Connection c, String sql, Builder into, Map<String, Integer> words) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.add(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5), words);
                }
            }
        }
    }

    /**
     * Per document of {@code docs}, the second column of the rows whose first is its id ({@code sql} orders by both), as
     * one set per document in {@code docs.setStart}/{@code docs.setValues}.
     */
    private static void sets(Connection c, String sql, Docs docs) throws SQLException {
        int[] counts = new int[docs.size() + 1];
        long[] values = new long[1024];
        int[] owners = new int[1024];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int d = docs.indexOf(rs.getLong(1));
                    if (d < 0) {
                        continue; // a row of something search does not hold (a missing track, an empty album)
                    }
                    if (n == values.length) {
                        values = Arrays.copyOf(values, n * 2);
                        owners = Arrays.copyOf(owners, n * 2);
                    }
                    values[n] = rs.getLong(2);
                    owners[n++] = d;
                    counts[d + 1]++;
                }
            }
        }
        for (int i = 0; i < docs.size(); i++) {
            counts[i + 1] += counts[i];
        }
        // rows come ordered by document id, and documents by id: the values are already grouped in document order
        docs.setStart = counts;
        docs.setValues = Arrays.copyOf(values, n);
    }

    /** The plays of every document: a track's listens, an album's and an artist's the sum over their tracks (as {@link Popularity#PLAYS}). */
    private static Plays readPlays(Connection c, Docs artists, Docs albums, Docs tracks) throws SQLException {
        String version;
        try (PreparedStatement ps = c.prepareStatement(PLAYS_VERSION); ResultSet rs = ps.executeQuery()) {
            rs.next();
            version = rs.getString(1);
        }
        return new Plays(
                sums(c, "SELECT ta.artist_id, sum(tp.play_count)::bigint FROM track_popularity tp JOIN track_artists ta"
                        + " ON ta.track_id = tp.track_id GROUP BY ta.artist_id", artists),
                sums(c, "SELECT t.album_id, sum(tp.play_count)::bigint FROM track_popularity tp JOIN tracks t ON t.id = tp.track_id"
                        + " WHERE t.album_id IS NOT NULL GROUP BY t.album_id", albums),
                sums(c, "SELECT tp.track_id, tp.play_count FROM track_popularity tp", tracks), version);
    }

    private static long[] sums(Connection c, String sql, Docs docs) throws SQLException {
        long[] out = new long[docs.size()];
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int d = docs.indexOf(rs.getLong(1));
                if (d >= 0) {
                    out[d] = rs.getLong(2);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ searching

    /**
     * The ranked candidates of {@code kind} (not playlists) for {@code plan} in {@code scope}: at most {@code cap}, best
     * first, the tiers read while fewer than {@code need} were found.
     */
    List<Long> ranked(SearchKind kind, CatalogSearch.Plan plan, CatalogSearch.Scope scope, int need, int cap) {
        Docs d = switch (kind) {
            case ARTIST -> artists;
            case ALBUM -> albums;
            case TRACK -> tracks;
            case PLAYLIST -> throw new IllegalArgumentException("playlists are searched on the database");
        };
        long[] popularity = switch (kind) {
            case ARTIST -> plays.artists();
            case ALBUM -> plays.albums();
            default -> plays.tracks();
        };
        Visible visible = new Visible(d, kind == SearchKind.ARTIST, scope);
        CatalogSearch.Terms terms = plan.terms();
        Found found = new Found(d.size());
        names(d, plan.prefixes(true), visible, found);
        if (terms.typed().isPresent() && found.count < need) {
            words(d, terms.typed().get(), terms.shortWords(), visible, found);
        }
        if (!plan.corrected().isEmpty() && found.count < need) {
            names(d, plan.prefixes(false), visible, found);
        }
        if (terms.indexed().isPresent() && found.count < need) {
            words(d, terms.indexed().get(), terms.shortWords(), visible, found);
        }
        return rank(d, popularity, plan, found, cap);
    }

    /** The documents found so far, once each. */
    private static final class Found {
        final BitSet has;
        int[] docs = new int[64];
        int count;

        Found(int size) {
            has = new BitSet(size);
        }

        void add(int doc) {
            if (!has.get(doc)) {
                has.set(doc);
                if (count == docs.length) {
                    docs = Arrays.copyOf(docs, count * 2);
                }
                docs[count++] = doc;
            }
        }
    }

    /** Whether the caller may see a document, of the genre and year asked. */
    private static final class Visible {
        private final Docs d;
        private final boolean artists;
        private final long[] libraries; // null: every library
        private final long genre;
        private final boolean byGenre;
        private final int year;
        private final boolean byYear;

        Visible(Docs d, boolean artists, CatalogSearch.Scope scope) {
            this.d = d;
            this.artists = artists;
            this.libraries = scope.libraries().map(ids -> Arrays.stream(ids).mapToLong(Long::longValue).toArray()).orElse(null);
            this.byGenre = scope.genreId().isPresent();
            this.genre = scope.genreId().orElse(0L);
            this.byYear = scope.year().isPresent();
            this.year = scope.year().orElse(0);
        }

        boolean test(int doc) {
            if (artists) {
                if (libraries == null) {
                    return d.library[doc] != 0; // the artist's counts: credited on a present track or an album
                }
                for (int i = d.setStart[doc]; i < d.setStart[doc + 1]; i++) {
                    if (contains(libraries, d.setValues[i])) {
                        return true;
                    }
                }
                return false;
            }
            if (libraries != null && !contains(libraries, d.library[doc])) {
                return false;
            }
            if (byYear && d.year[doc] != year) {
                return false;
            }
            return !byGenre || d.inSet(doc, genre);
        }

        private static boolean contains(long[] values, long value) {
            for (long v : values) {
                if (v == value) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The visible documents whose names begin with one of {@code prefixes}. */
    private static void names(Docs d, List<String> prefixes, Visible visible, Found found) {
        for (String text : prefixes) {
            byte[] prefix = utf8(text);
            for (int i = firstName(d, prefix); i < d.byName.length && d.nameStartsWith(d.byName[i], prefix); i++) {
                int doc = d.byName[i];
                if (visible.test(doc)) {
                    found.add(doc);
                }
            }
        }
    }

    /** The place in {@code d.byName} of the first name not before {@code prefix}. */
    private static int firstName(Docs d, byte[] prefix) {
        int lo = 0;
        int hi = d.byName.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (d.compareName(d.byName[mid], prefix) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The visible documents with a word of every one of {@code terms} (each any of its words or prefixes) and a word
     * beginning with each of {@code shortWords}: the term with the fewest documents read from its postings, the others
     * checked on each document's words.
     */
    private void words(Docs d, List<List<CatalogSearch.Term>> terms, List<String> shortWords, Visible visible, Found found) {
        List<int[]> ranges = new ArrayList<>(); // per term: word-number ranges [from, to) in pairs
        for (List<CatalogSearch.Term> term : terms) {
            int[] r = ranges(term);
            if (r.length == 0) {
                return; // a word that matches nothing: no document has every word
            }
            ranges.add(r);
        }
        for (String word : shortWords) {
            int[] r = prefixRange(word);
            if (r.length == 0) {
                return;
            }
            ranges.add(r);
        }
        if (ranges.isEmpty()) {
            return;
        }
        int driver = 0;
        long fewest = Long.MAX_VALUE;
        for (int t = 0; t < ranges.size(); t++) {
            long postings = 0;
            int[] r = ranges.get(t);
            for (int k = 0; k < r.length; k += 2) {
                postings += d.postStart[r[k + 1]] - d.postStart[r[k]];
            }
            if (postings < fewest) {
                fewest = postings;
                driver = t;
            }
        }
        int[] from = ranges.get(driver);
        BitSet seen = from.length == 2 && from[1] - from[0] == 1 ? null : new BitSet(d.size()); // one word: each doc once
        for (int k = 0; k < from.length; k += 2) {
            for (int p = d.postStart[from[k]]; p < d.postStart[from[k + 1]]; p++) {
                int doc = d.postings[p];
                if (found.has.get(doc)) {
                    continue;
                }
                if (seen != null) {
                    if (seen.get(doc)) {
                        continue;
                    }
                    seen.set(doc);
                }
                if (hasAll(d, doc, ranges, driver) && visible.test(doc)) {
                    found.add(doc);
                }
            }
        }
    }

    private static boolean hasAll(Docs d, int doc, List<int[]> ranges, int skip) {
        for (int t = 0; t < ranges.size(); t++) {
            if (t != skip && !hasAny(d, doc, ranges.get(t))) {
                return false;
            }
        }
        return true;
    }

    /** Whether document {@code doc} has a word numbered in one of {@code ranges}. */
    private static boolean hasAny(Docs d, int doc, int[] ranges) {
        int end = d.wordStart[doc + 1];
        for (int k = 0; k < ranges.length; k += 2) {
            for (int w = d.wordStart[doc]; w < end; w++) {
                int word = d.words[w];
                if (word >= ranges[k + 1]) {
                    break;
                }
                if (word >= ranges[k]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The word-number ranges of a term's words (a word: itself; a prefix: every word beginning with it). */
    private int[] ranges(List<CatalogSearch.Term> term) {
        int[] out = new int[term.size() * 2];
        int n = 0;
        for (CatalogSearch.Term t : term) {
            int[] r = t.prefix() ? prefixRange(t.word()) : wordRange(t.word());
            if (r.length > 0) {
                out[n++] = r[0];
                out[n++] = r[1];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private int[] wordRange(String word) {
        int i = Arrays.binarySearch(vocabulary, word);
        return i < 0 ? new int[0] : new int[] {i, i + 1};
    }

    private int[] prefixRange(String prefix) {
        int lo = Arrays.binarySearch(vocabulary, prefix);
        lo = lo < 0 ? -lo - 1 : lo;
        int hi = lo;
        while (hi < vocabulary.length && vocabulary[hi].startsWith(prefix)) {
            hi++;
        }
        return hi == lo ? new int[0] : new int[] {lo, hi};
    }

    /**
     * The best {@code cap} of {@code found}, best first: by rank ({@link CatalogSearch}'s: the name equal to the query
     * (5), beginning with it (4), every word beginning a word of the document (3), the name equal to a correction (2),
     * beginning with one (1), else 0), then plays, shorter names, name, id.
     */
    private List<Long> rank(Docs d, long[] popularity, CatalogSearch.Plan plan, Found found, int cap) {
        byte[] name = utf8(plan.name());
        byte[] the = utf8("the " + plan.name());
        List<byte[]> corrected = plan.prefixes(false).stream().map(SearchSnapshot::utf8).toList();
        List<int[]> typed = new ArrayList<>();
        boolean typedPossible = true;
        for (String word : plan.terms().words()) {
            int[] r = prefixRange(word);
            typedPossible &= r.length > 0;
            typed.add(r);
        }
        int[] ranks = new int[found.count];
        for (int i = 0; i < found.count; i++) {
            int doc = found.docs[i];
            int rank;
            if (d.nameEquals(doc, name) || d.nameEquals(doc, the)) {
                rank = 5;
            } else if (d.nameStartsWith(doc, name) || d.nameStartsWith(doc, the)) {
                rank = 4;
            } else if (typedPossible && hasAll(d, doc, typed, -1)) {
                rank = 3;
            } else if (corrected.stream().anyMatch(p -> d.nameEquals(doc, p))) {
                rank = 2;
            } else if (corrected.stream().anyMatch(p -> d.nameStartsWith(doc, p))) {
                rank = 1;
            } else {
                rank = 0;
            }
            ranks[i] = rank;
        }
        // the best cap of the candidates: a heap of the best so far with the worst of them on top, so most candidates
        // of a broad query cost one comparison with it; then those, best first
        java.util.Comparator<Integer> best = (a, b) -> {
            if (ranks[a] != ranks[b]) {
                return Integer.compare(ranks[b], ranks[a]);
            }
            int da = found.docs[a];
            int db = found.docs[b];
            if (popularity[da] != popularity[db]) {
                return Long.compare(popularity[db], popularity[da]);
            }
            int la = d.nameLength(da);
            int lb = d.nameLength(db);
            if (la != lb) {
                return Integer.compare(la, lb);
            }
            int byName = d.compareNames(da, db);
            return byName != 0 ? byName : Long.compare(d.ids[da], d.ids[db]);
        };
        java.util.PriorityQueue<Integer> kept = new java.util.PriorityQueue<>(Math.max(1, Math.min(cap, found.count) + 1), best.reversed());
        for (int i = 0; i < found.count; i++) {
            if (kept.size() < cap) {
                kept.add(i);
            } else if (cap > 0 && best.compare(i, kept.peek()) < 0) {
                kept.poll();
                kept.add(i);
            }
        }
        Integer[] order = kept.toArray(Integer[]::new);
        Arrays.sort(order, best);
        List<Long> out = new ArrayList<>(order.length);
        for (Integer i : order) {
            out.add(d.ids[found.docs[i]]);
        }
        return out;
    }

    /**
     * About how many bytes of heap the snapshot holds (arrays by their lengths, each name as a compact string of its
     * length): for the log, an estimate.
     */
    long bytes() {
        long total = vocabulary.length * 48L + albumOrders.bytes();
        for (String w : vocabulary) {
            total += w.length();
        }
        for (Docs d : List.of(artists, albums, tracks)) {
            total += d.size() * (8L + 4 + 8 + 4 + 4 + 4 + 8 + 4) + 4L * (d.words.length + d.postings.length + d.postStart.length)
                    + d.nameBytes.length + 8L * d.setValues.length;
        }
        return total;
    }

    // ------------------------------------------------------------------ documents

    /**
     * One kind's documents, by place (ordered by id). Names are UTF-8 in one array (compared byte by byte: code point
     * order, as the {@code "C"} collation of {@code search_name} sorts), a third of the heap of a string each.
     */
    private static final class Docs {
        long[] ids;
        byte[] nameBytes; // doc -> its name in nameBytes[nameStart[doc], nameStart[doc + 1])
        int[] nameStart;
        int[] wordStart; // doc -> its words in words[wordStart[doc], wordStart[doc + 1])
        int[] words;
        int[] postStart; // word -> its docs in postings[postStart[word], postStart[word + 1])
        int[] postings;
        int[] byName; // places ordered by name, then id
        long[] library; // tracks, albums: the library; artists: 1 when credited anywhere (their counts), else 0
        int[] year;
        int[] setStart; // doc -> tracks, albums: its genres; artists: its libraries, in setValues[setStart[doc], setStart[doc + 1])
        long[] setValues;

        int size() {
            return ids.length;
        }

        int indexOf(long id) {
            int i = Arrays.binarySearch(ids, id);
            return i < 0 ? -1 : i;
        }

        boolean inSet(int doc, long value) {
            for (int i = setStart[doc]; i < setStart[doc + 1]; i++) {
                if (setValues[i] == value) {
                    return true;
                }
            }
            return false;
        }

        /** The name's length in characters (code points, as PostgreSQL's {@code length}). */
        int nameLength(int doc) {
            int n = 0;
            for (int i = nameStart[doc]; i < nameStart[doc + 1]; i++) {
                n += (nameBytes[i] & 0xC0) == 0x80 ? 0 : 1;
            }
            return n;
        }

        boolean nameStartsWith(int doc, byte[] prefix) {
            int from = nameStart[doc];
            if (nameStart[doc + 1] - from < prefix.length) {
                return false;
            }
            return Arrays.equals(nameBytes, from, from + prefix.length, prefix, 0, prefix.length);
        }

        boolean nameEquals(int doc, byte[] text) {
            return Arrays.equals(nameBytes, nameStart[doc], nameStart[doc + 1], text, 0, text.length);
        }

        int compareName(int doc, byte[] text) {
            return Arrays.compareUnsigned(nameBytes, nameStart[doc], nameStart[doc + 1], text, 0, text.length);
        }

        int compareNames(int a, int b) {
            return Arrays.compareUnsigned(nameBytes, nameStart[a], nameStart[a + 1], nameBytes, nameStart[b], nameStart[b + 1]);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Collects one kind's rows (in id order) and numbers their words. */
    private static final class Builder {
        private long[] ids = new long[1024];
        private byte[] nameBytes = new byte[16_384];
        private int[] nameStart = new int[1025];
        private long[] library = new long[1024];
        private int[] year = new int[1024];
        private int[] wordStart = new int[1025];
        private int[] words = new int[8192];
        private int n;
        private int w;

        void add(long id, String name, String context, long lib, int y, Map<String, Integer> vocabulary) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                nameStart = Arrays.copyOf(nameStart, n * 2 + 1);
                library = Arrays.copyOf(library, n * 2);
                year = Arrays.copyOf(year, n * 2);
                wordStart = Arrays.copyOf(wordStart, n * 2 + 1);
            }
            ids[n] = id;
            byte[] bytes = utf8(name);
            if (nameStart[n] + bytes.length > nameBytes.length) {
                nameBytes = Arrays.copyOf(nameBytes, Math.max(nameBytes.length * 2, nameStart[n] + bytes.length));
            }
            System.arraycopy(bytes, 0, nameBytes, nameStart[n], bytes.length);
            nameStart[n + 1] = nameStart[n] + bytes.length;
            library[n] = lib;
            year[n] = y;
            int start = w;
            addWords(name, start, vocabulary);
            if (context != null) {
                addWords(context, start, vocabulary);
            }
            Arrays.sort(words, start, w);
            n++;
            wordStart[n] = w;
        }

        /** The words of {@code text} (normalised: split on spaces) not yet among this document's. */
        private void addWords(String text, int start, Map<String, Integer> vocabulary) {
            for (String word : text.split(" ")) {
                if (word.isEmpty()) {
                    continue;
                }
                Integer number = vocabulary.get(word);
                if (number == null) {
                    number = vocabulary.size();
                    vocabulary.put(word, number);
                }
                boolean known = false;
                for (int i = start; i < w && !known; i++) {
                    known = words[i] == number;
                }
                if (!known) {
                    if (w == words.length) {
                        words = Arrays.copyOf(words, w * 2);
                    }
                    words[w++] = number;
                }
            }
        }

        /** The documents, their words renumbered by {@code renumber} (numbers in vocabulary order). */
        Docs build(int[] renumber, int vocabularySize) {
            Docs d = new Docs();
            d.ids = Arrays.copyOf(ids, n);
            d.nameStart = Arrays.copyOf(nameStart, n + 1);
            d.nameBytes = Arrays.copyOf(nameBytes, nameStart[n]);
            d.library = Arrays.copyOf(library, n);
            d.year = Arrays.copyOf(year, n);
            d.wordStart = Arrays.copyOf(wordStart, n + 1);
            d.words = new int[w];
            int[] counts = new int[vocabularySize + 1];
            for (int doc = 0; doc < n; doc++) {
                int from = d.wordStart[doc];
                int to = d.wordStart[doc + 1];
                for (int i = from; i < to; i++) {
                    d.words[i] = renumber[words[i]];
                    counts[d.words[i] + 1]++;
                }
                Arrays.sort(d.words, from, to);
            }
            for (int i = 0; i < vocabularySize; i++) {
                counts[i + 1] += counts[i];
            }
            d.postStart = counts.clone();
            d.postings = new int[w];
            int[] next = counts; // the next free place of each word's postings: docs come in order, so each list is sorted
            for (int doc = 0; doc < n; doc++) {
                for (int i = d.wordStart[doc]; i < d.wordStart[doc + 1]; i++) {
                    d.postings[next[d.words[i]]++] = doc;
                }
            }
            Integer[] byName = new Integer[n];
            for (int i = 0; i < n; i++) {
                byName[i] = i;
            }
            Arrays.sort(byName, (a, b) -> {
                int c = d.compareNames(a, b);
                return c != 0 ? c : Long.compare(d.ids[a], d.ids[b]);
            });
            d.byName = Arrays.stream(byName).mapToInt(Integer::intValue).toArray();
            d.setStart = new int[n + 1];
            d.setValues = new long[0];
            return d;
        }
    }
}
