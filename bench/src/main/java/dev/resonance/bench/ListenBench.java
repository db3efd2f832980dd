package dev.resonance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Issue 15's listening targets (bench/listen/run) on one generated library (default 200,000 tracks): search as you
 * type with one typo, loading a 10,000-track playlist, play reports, the GraphQL album page, and the scan that builds
 * the catalog and its search columns. Starts the built distribution on a fresh database of the local PostgreSQL
 * through {@link ScanBench}, scans, waits for autovacuum, then measures each with a warm-up and sequential requests
 * over one keep-alive connection. Every API answer carries {@code Server-Timing: app;dur=<ms>}: the table gives that
 * server time and the client's round trip. Prints one Markdown table (target, met?) and the machine and its load
 * average at the start and the end; progress goes to stderr. Timings are reported, never asserted.
 */
public final class ListenBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAPHQL_ALBUM = "query Album($id: ID!) { album(id: $id) { id title year artist artists { id name } "
            + "coverImageId liked rating tracks { id title disc track durationMs artists { id name role } liked rating playCount } } }";

    /** One timed exchange: status, body, the client's round trip and the server's own time (NaN without Server-Timing). */
    record Answer(int status, byte[] body, double clientMs, double serverMs) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** One row of the table. {@code targetMs} applies to the server time at percentile {@code targetPct} (0: none). */
    record Row(String name, int n, double[] server, double[] client, String target, int targetPct, double targetMs,
               String notes, String loadBefore, String loadAfter) {
        String met() {
            if (targetPct == 0 || server == null || n == 0) {
                return "—";
            }
            double v = pct(server, targetPct);
            return Double.isNaN(v) ? "no Server-Timing" : v < targetMs ? "met" : "**missed**";
        }
    }

    /** A catalog item a user wants to find. {@code kind}: artist, album or track. */
    record Item(String kind, long id, String name, Integer year, Long albumId) {
    }

    /** A search as typed: the intended item, the text with and without the typo, the edit, and facet values. */
    record Query(Item item, String plain, String typo, String edit, boolean editInLongWord, Long genreId, Integer year) {
    }

    private final ScanBench scanBench;
    private final int tracks;
    private final long seed;
    private final int warmup;
    private final int runs;
    private final int queryCount;
    private final int playlistRuns;
    private final int plays;
    /** The measurements to run after the scan (--only): search, playlist, plays, graphql; all by default. */
    private java.util.Set<String> only = java.util.Set.of("search", "playlist", "plays", "graphql");
    private final List<Row> rows = new ArrayList<>();
    private String base;
    private String token;

    ListenBench(ScanBench scanBench, int tracks, long seed, int warmup, int runs, int queryCount, int playlistRuns, int plays) {
        this.scanBench = scanBench;
        this.tracks = tracks;
        this.seed = seed;
        this.warmup = warmup;
        this.runs = runs;
        this.queryCount = queryCount;
        this.playlistRuns = playlistRuns;
        this.plays = plays;
    }

    public static void main(String[] args) throws Exception {
        int tracks = 200_000;
        long seed = 42;
        int warmup = 200;
        int runs = 1000;
        int queries = 300;
        int playlistRuns = 100;
        int plays = 5000;
        Path dist = null;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tracks" -> tracks = Integer.parseInt(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--playlist-runs" -> playlistRuns = Integer.parseInt(args[++i]);
                case "--plays" -> plays = Integer.parseInt(args[++i].replace("_", ""));
                case "--dist" -> dist = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dist == null) {
            throw new IllegalArgumentException("--dist <built assembly dir> is required");
        }
        String started = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String loadStart = loadAverages();
        Path work = Files.createTempDirectory("resonance-bench-listen");
        ScanBench scan = new ScanBench(dist, work, seed, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(scan::cleanUp));
        ListenBench bench = new ListenBench(scan, tracks, seed, warmup, runs, queries, playlistRuns, plays);
        String options = String.format(Locale.ROOT, "--tracks %d --seed %d --warmup %d --runs %d --queries %d --playlist-runs %d --plays %d",
                tracks, seed, warmup, runs, queries, playlistRuns, plays);
        if (only != null) {
            // e.g. --only search,playlist (none: the scan alone, with RESONANCE_BENCH_KEEP_DB for a database to inspect)
            bench.only = java.util.Set.of(only.split(","));
            options += " --only " + only;
        }
        try {
            bench.run();
        } catch (Exception | Error e) {
            e.printStackTrace(); // before the clean-up, whose own failure would hide it
            throw e;
        } finally {
            scan.cleanUp();
            LibraryGenerator.deleteTree(work);
        }
        bench.print(started, options, loadStart, loadAverages());
    }

    // ------------------------------------------------------------------ the run

    void run() throws Exception {
        ScanBench.Library lib = ScanBench.prepareLibrary(tracks, seed);
        scanBench.startServer(lib.dir(), tracks);
        BenchServer server = scanBench.server();
        base = server.base;
        // a device of its own: play reports are a device's
        token = server.login("bench", "bench-password", "listen-bench-player");

        String load0 = ScanBench.loadAverage();
        ScanBench.ScanResult cold = scanBench.scan("full");
        ScanBench.log("cold full scan: %.1f s, %s", cold.wallSeconds(), cold.last());
        Map<String, Long> counts = scanBench.counts();
        rows.add(new Row(String.format(Locale.ROOT, "cold full scan of %,d files (catalog + search columns)", tracks), 1, null, null,
                "— (information)", 0, 0, String.format(Locale.ROOT, "**%.1f s** wall (server %.1f s), %,.0f tracks/s; %,d added, %d errors; "
                        + "%,d tracks / %,d albums / %,d artists; JVM CPU %.1f s, PostgreSQL CPU %.1f s", cold.wallSeconds(),
                        cold.serverSeconds(), cold.added() / cold.serverSeconds(), cold.added(), cold.last().path("errors").asLong(),
                        counts.get("tracks"), counts.get("albums"), counts.get("artists"), cold.jvmCpuSeconds(), cold.dbCpuSeconds()),
                load0, cold.loadAfter()));
        scanBench.awaitAutovacuum();

        if (only.stream().noneMatch(java.util.Set.of("search", "playlist", "plays", "graphql")::contains)) {
            return;
        }
        Catalog catalog = catalog();
        if (only.contains("search")) {
            search(catalog);
        }
        if (only.contains("playlist")) {
            playlist(catalog);
        }
        if (only.contains("plays")) {
            plays(catalog);
        }
        if (only.contains("graphql")) {
            graphql(catalog);
        }
    }

    // ------------------------------------------------------------------ the catalog, as a client sees it

    /** Every artist, album and track of the catalog through the browse API, and the genres. */
    final class Catalog {
        final List<Item> artists = new ArrayList<>();
        final List<Item> albums = new ArrayList<>();
        final List<Item> trackItems = new ArrayList<>();
        final Map<Long, Long> durations = new HashMap<>();
        final Map<String, Long> genreIds = new HashMap<>();
        final Map<Long, List<String>> albumGenres = new HashMap<>();

        /** The album's genres (album detail, fetched once per album). */
        List<String> genresOf(long albumId) throws Exception {
            List<String> g = albumGenres.get(albumId);
            if (g == null) {
                g = new ArrayList<>();
                for (JsonNode n : get("/api/v1/content/albums/" + albumId).json().path("genres")) {
                    g.add(n.asText());
                }
                albumGenres.put(albumId, g);
            }
            return g;
        }
    }

    Catalog catalog() throws Exception {
        long t0 = System.nanoTime();
        Catalog c = new Catalog();
        walk("/api/v1/content/artists?limit=500", n -> c.artists.add(new Item("artist", n.path("id").asLong(), n.path("name").asText(), null, null)));
        walk("/api/v1/content/albums?sort=title&limit=500", n -> c.albums.add(new Item("album", n.path("id").asLong(), n.path("title").asText(),
                n.path("year").isNumber() ? n.path("year").asInt() : null, null)));
        walk("/api/v1/content/tracks?sort=title&limit=500", n -> {
            long id = n.path("id").asLong();
            c.trackItems.add(new Item("track", id, n.path("title").asText(), n.path("year").isNumber() ? n.path("year").asInt() : null,
                    n.path("albumId").isNumber() ? n.path("albumId").asLong() : null));
            c.durations.put(id, n.path("durationMs").asLong());
        });
        for (JsonNode g : get("/api/v1/content/genres").json()) {
            c.genreIds.put(g.path("name").asText(), g.path("id").asLong());
        }
        ScanBench.log("catalog read through the API in %.1f s: %d artists, %d albums, %d tracks, %d genres", (System.nanoTime() - t0) / 1e9,
                c.artists.size(), c.albums.size(), c.trackItems.size(), c.genreIds.size());
        return c;
    }

    private void walk(String first, java.util.function.Consumer<JsonNode> each) throws Exception {
        String url = first;
        while (true) {
            Answer a = get(url);
            if (a.status() != 200) {
                throw new IllegalStateException(url + " -> " + a.status() + " " + new String(a.body(), StandardCharsets.UTF_8));
            }
            JsonNode body = a.json();
            body.path("items").forEach(each);
            JsonNode next = body.path("next");
            if (next.isMissingNode() || next.isNull() || next.asText().isEmpty()) {
                return;
            }
            url = first + "&after=" + enc(next.asText());
        }
    }

    // ------------------------------------------------------------------ 1. search as you type

    void search(Catalog catalog) throws Exception {
        awaitSearchIndex();
        Random rnd = new Random(seed);
        List<Query> queries = new ArrayList<>();
        Map<Long, Long> genreOfAlbum = new HashMap<>();
        for (int i = 0; i < queryCount; i++) {
            List<Item> pool = switch (i % 3) {
                case 0 -> catalog.artists;
                case 1 -> catalog.albums;
                default -> catalog.trackItems;
            };
            Item item = pool.get(rnd.nextInt(pool.size()));
            String plain = typedPrefix(item.name(), rnd);
            String[] typo = typo(plain, rnd);
            Long genreId = null;
            Integer year = item.year();
            if (!item.kind().equals("artist")) {
                long albumId = item.kind().equals("album") ? item.id() : item.albumId();
                if (!genreOfAlbum.containsKey(albumId)) {
                    List<String> genres = catalog.genresOf(albumId);
                    genreOfAlbum.put(albumId, genres.isEmpty() ? null : catalog.genreIds.get(genres.get(rnd.nextInt(genres.size()))));
                }
                genreId = genreOfAlbum.get(albumId);
            }
            queries.add(new Query(item, plain, typo[0], typo[1], typo[2] != null, genreId, year));
        }
        List<Query> faceted = queries.stream().filter(q -> !q.item().kind().equals("artist") && q.genreId() != null && q.year() != null).toList();
        ScanBench.log("%d queries (%d with genre and year), e.g. %s", queries.size(), faceted.size(), queries.subList(0, Math.min(9, queries.size()))
                .stream().map(q -> "'" + q.typo() + "' (" + q.edit() + ", for " + q.item().kind() + " '" + q.item().name() + "')").toList());

        // a warm-up over every variant before measuring any, as ScanBench does for browse
        for (int i = 0; i < warmup; i++) {
            Query q = queries.get(i % queries.size());
            get(searchPath(q.typo(), null, null));
            get(searchPath(q.plain(), null, null));
            Query f = faceted.get(i % faceted.size());
            get(searchPath(f.typo(), f.genreId(), null));
            get(searchPath(f.typo(), null, f.year()));
        }
        measureSearch("search as you type, one typo (1–3 word prefix)", queries, q -> searchPath(q.typo(), null, null));
        measureSearch("search as you type, no typo (same prefixes)", queries, q -> searchPath(q.plain(), null, null));
        measureSearch("search, one typo + `genre=` (albums and tracks)", faceted, q -> searchPath(q.typo(), q.genreId(), null));
        measureSearch("search, one typo + `year=` (albums and tracks)", faceted, q -> searchPath(q.typo(), null, q.year()));
        // a results page that shows the counts asks for them (typing does not): for information, no target
        measureSearch("search results page, one typo + `facets=true`", queries, q -> searchPath(q.typo(), null, null) + "&facets=true", false);
        recall(queries, faceted);
    }

    /** What a user has typed of {@code name} after 1–3 words: the first words whole, the last one cut (as typing). */
    static String typedPrefix(String name, Random rnd) {
        String[] words = name.strip().split("\\s+");
        int k = 1 + rnd.nextInt(Math.min(3, words.length));
        if (k == 1 && words[0].length() < 4 && words.length > 1) {
            k = 2; // nobody searches for "A" or "The" alone
        }
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < k - 1; w++) {
            sb.append(words[w]).append(' ');
        }
        String last = words[k - 1];
        // alone, a word is typed to at least 4 letters before results are looked at; after others, 2 are enough
        int min = Math.min(last.length(), k == 1 ? 4 : 2);
        int cut = min + rnd.nextInt(last.length() - min + 1);
        return sb.append(last, 0, cut).toString();
    }

    /**
     * One edit of {@code typed}: at a random letter that is not the first of its word, swap it with its neighbour, drop
     * it, double it or replace it by another letter. Returns {the text, the edit, non-null when the edited word has at
     * least 4 letters (the product corrects no shorter word: see Typos)}.
     */
    static String[] typo(String typed, Random rnd) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 1; i < typed.length(); i++) {
            if (Character.isLetter(typed.charAt(i)) && typed.charAt(i - 1) != ' ') {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            positions.add(0);
        }
        int p = positions.get(rnd.nextInt(positions.size()));
        int wordStart = typed.lastIndexOf(' ', p) + 1;
        int wordEnd = typed.indexOf(' ', p);
        wordEnd = wordEnd < 0 ? typed.length() : wordEnd;
        String op = switch (rnd.nextInt(4)) {
            case 0 -> "swap";
            case 1 -> "drop";
            case 2 -> "double";
            default -> "replace";
        };
        StringBuilder sb = new StringBuilder(typed);
        switch (op) {
            case "swap" -> {
                int q = p + 1 < wordEnd ? p + 1 : p - 1;
                if (q < wordStart || typed.charAt(q) == typed.charAt(p)) {
                    op = "replace";
                    sb.setCharAt(p, otherLetter(typed.charAt(p), rnd));
                } else {
                    sb.setCharAt(p, typed.charAt(q));
                    sb.setCharAt(q, typed.charAt(p));
                }
            }
            case "drop" -> {
                if (wordEnd - wordStart < 2) {
                    op = "replace"; // a word is not typed away entirely
                    sb.setCharAt(p, otherLetter(typed.charAt(p), rnd));
                } else {
                    sb.deleteCharAt(p);
                }
            }
            case "double" -> sb.insert(p, typed.charAt(p));
            default -> sb.setCharAt(p, otherLetter(typed.charAt(p), rnd));
        }
        return new String[] {sb.toString(), op, wordEnd - wordStart >= 4 ? "long" : null};
    }

    private static char otherLetter(char c, Random rnd) {
        char lower = Character.toLowerCase(c);
        char r;
        do {
            r = (char) ('a' + rnd.nextInt(26));
        } while (r == lower);
        return Character.isUpperCase(c) ? Character.toUpperCase(r) : r;
    }

    private static String searchPath(String q, Long genreId, Integer year) {
        return "/api/v1/content/search?q=" + enc(q) + (genreId != null ? "&genre=" + genreId : "") + (year != null ? "&year=" + year : "");
    }

    private void measureSearch(String name, List<Query> queries, java.util.function.Function<Query, String> path) throws Exception {
        measureSearch(name, queries, path, true);
    }

    /** {@code targeted}: the row has the search-as-you-type target (else it is for information). */
    private void measureSearch(String name, List<Query> queries, java.util.function.Function<Query, String> path, boolean targeted)
            throws Exception {
        String load0 = ScanBench.loadAverage();
        double[] server = new double[runs];
        double[] client = new double[runs];
        long bytes = 0;
        Map<String, Double> slowest = new HashMap<>();
        for (int i = 0; i < runs; i++) {
            String p = path.apply(queries.get(i % queries.size()));
            Answer a = get(p);
            slowest.merge(p, a.serverMs(), Math::max);
            if (a.status() != 200) {
                throw new IllegalStateException("search answered " + a.status() + ": " + new String(a.body(), StandardCharsets.UTF_8));
            }
            server[i] = a.serverMs();
            client[i] = a.clientMs();
            bytes += a.body().length;
        }
        Arrays.sort(server);
        Arrays.sort(client);
        ScanBench.log("%-50s server p50 %.2f p95 %.2f p99 %.2f; client p95 %.2f ms", name, pct(server, 50), pct(server, 95), pct(server, 99),
                pct(client, 95));
        ScanBench.log("  slowest (server ms, worst of its runs): %s", slowest.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue()
                .reversed()).limit(8).map(e -> String.format(Locale.ROOT, "%.1f %s", e.getValue(), e.getKey())).toList());
        rows.add(new Row(name, runs, server, client, targeted ? "server p95 < 10 ms" : "— (information)", targeted ? 95 : 0, 10,
                String.format(Locale.ROOT, "%d distinct queries in turn; answer %,d bytes on average", queries.size(), bytes / runs),
                load0, ScanBench.loadAverage()));
    }

    /** Recall: whether the intended item (or at least an item of its name) is on the first page of its kind. */
    private void recall(List<Query> queries, List<Query> faceted) throws Exception {
        String[] variants = {"no typo", "one typo", "one typo + genre=", "one typo + year="};
        Set<Query> plainFound = new HashSet<>();
        List<String> misses = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        for (int v = 0; v < variants.length; v++) {
            List<Query> list = v < 2 ? queries : faceted;
            int[] byId = new int[4];
            int[] byName = new int[4];
            int[] n = new int[4];
            int longWord = 0;
            int longWordFound = 0;
            int relative = 0;
            int relativeFound = 0;
            for (Query q : list) {
                String path = switch (v) {
                    case 0 -> searchPath(q.plain(), null, null);
                    case 1 -> searchPath(q.typo(), null, null);
                    case 2 -> searchPath(q.typo(), q.genreId(), null);
                    default -> searchPath(q.typo(), null, q.year());
                };
                JsonNode items = get(path).json().path(q.item().kind() + "s").path("items");
                boolean id = false;
                boolean named = false;
                for (JsonNode it : items) {
                    id |= it.path("id").asLong() == q.item().id();
                    named |= it.path(q.item().kind().equals("artist") ? "name" : "title").asText().equalsIgnoreCase(q.item().name());
                }
                int k = switch (q.item().kind()) {
                    case "artist" -> 0;
                    case "album" -> 1;
                    default -> 2;
                };
                for (int slot : new int[] {k, 3}) {
                    n[slot]++;
                    byId[slot] += id ? 1 : 0;
                    byName[slot] += named ? 1 : 0;
                }
                if (v == 0 && id) {
                    plainFound.add(q);
                }
                if (v == 1 && plainFound.contains(q)) {
                    relative++;
                    relativeFound += id ? 1 : 0;
                    if (!id && misses.size() < 25) {
                        misses.add("'" + q.typo() + "' (" + q.edit() + " of '" + q.plain() + "', " + q.item().kind() + " '" + q.item().name() + "')");
                    }
                    if (q.editInLongWord()) {
                        longWord++;
                        longWordFound += id ? 1 : 0;
                    }
                }
            }
            String line = String.format(Locale.ROOT, "recall, %s (%d queries): the item itself on the first page %.0f %% (artists %s, albums %s, "
                            + "tracks %s); an item of that name %.0f %%", variants[v], n[3], 100.0 * byId[3] / n[3], share(byId[0], n[0]),
                    share(byId[1], n[1]), share(byId[2], n[2]), 100.0 * byName[3] / Math.max(1, n[3]));
            if (v == 1) {
                line += String.format(Locale.ROOT, ". Of the %d queries whose prefix without the typo finds the item, the typo'd one finds it in %s "
                        + "(%s of the %d with the typo in a word of ≥ 4 letters, the words the search corrects)", relative, share(relativeFound, relative),
                        share(longWordFound, longWord), longWord);
                ScanBench.log("typo'd queries that lost the item their plain prefix found: %s", misses);
            }
            ScanBench.log("%s", line);
            notes.append(line).append('\n');
        }
        recallNotes = notes.toString();
    }

    private String recallNotes = "";

    private static String share(int part, int whole) {
        return whole == 0 ? "—" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    // ------------------------------------------------------------------ 2. a 10,000-track playlist

    void playlist(Catalog catalog) throws Exception {
        Random rnd = new Random(seed + 2);
        List<Long> ids = new ArrayList<>();
        for (Item t : catalog.trackItems) {
            ids.add(t.id());
        }
        Collections.shuffle(ids, rnd);
        List<Long> chosen = ids.subList(0, Math.min(10_000, ids.size()));
        long t0 = System.nanoTime();
        ObjectNode create = JSON.createObjectNode().put("name", "Listen bench " + chosen.size()).put("description", "bench/listen/run");
        long id = send("POST", "/api/v1/user/playlists", create.toString(), 200, 201).path("id").asLong();
        int chunk = 500;
        for (int from = 0; from < chosen.size(); from += chunk) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode arr = body.putArray("trackIds");
            chosen.subList(from, Math.min(chosen.size(), from + chunk)).forEach(arr::add);
            send("POST", "/api/v1/user/playlists/" + id + "/entries", body.toString(), 200, 201);
        }
        double createSeconds = (System.nanoTime() - t0) / 1e9;
        String path = "/api/v1/user/playlists/" + id;
        JsonNode detail = get(path).json();
        int entries = detail.path("entries").size();
        ScanBench.log("playlist %d: %d entries added in %.1f s (chunks of %d); GET gives %d entries", id, chosen.size(), createSeconds, chunk, entries);
        for (int i = 0; i < Math.max(10, warmup / 4); i++) {
            get(path);
        }
        String load0 = ScanBench.loadAverage();
        double[] server = new double[playlistRuns];
        double[] client = new double[playlistRuns];
        int size = 0;
        for (int i = 0; i < playlistRuns; i++) {
            Answer a = get(path);
            if (a.status() != 200) {
                throw new IllegalStateException(path + " -> " + a.status());
            }
            server[i] = a.serverMs();
            client[i] = a.clientMs();
            size = a.body().length;
        }
        Arrays.sort(server);
        Arrays.sort(client);
        ScanBench.log("playlist load: server p50 %.2f p95 %.2f, client p50 %.2f p95 %.2f ms, %d bytes", pct(server, 50), pct(server, 95),
                pct(client, 50), pct(client, 95), size);
        rows.add(new Row(String.format(Locale.ROOT, "`GET /user/playlists/{id}`, %,d entries", entries), playlistRuns, server, client,
                "< 50 ms (server p95; client shown)", 95, 50, String.format(Locale.ROOT, "answer %,d bytes (%.2f MB) uncompressed; client p95 %s target; "
                        + "made with 1 create + %d `POST …/entries` of %d in %.1f s", size, size / 1e6, pct(client, 95) < 50 ? "within" : "**over**",
                        (chosen.size() + chunk - 1) / chunk, chunk, createSeconds), load0, ScanBench.loadAverage()));
    }

    // ------------------------------------------------------------------ 3. play reports

    void plays(Catalog catalog) throws Exception {
        Random rnd = new Random(seed + 3);
        int total = Math.max(1, warmup) + plays;
        double[] server = new double[plays];
        double[] client = new double[plays];
        int sent = 0;
        int sequences = 0;
        int listens = 0;
        String load0 = null;
        int[] byEvent = new int[3];
        while (sent < total) {
            Item t = catalog.trackItems.get(rnd.nextInt(catalog.trackItems.size()));
            // the generated files last a few seconds: the play is of a song's usual length, 2-6 minutes of virtual time
            long duration = Math.max(catalog.durations.getOrDefault(t.id(), 0L), 120_000L + rnd.nextInt(240_000));
            sequences++;
            // started at 0, progress every 10 s of virtual time, finished at the end
            sent = report(t.id(), "started", 0, sent, server, client, byEvent, 0);
            for (long pos = 10_000; pos < duration && sent < total; pos += 10_000) {
                sent = report(t.id(), "progress", pos, sent, server, client, byEvent, 1);
            }
            if (sent < total) {
                sent = report(t.id(), "finished", duration, sent, server, client, byEvent, 2);
                listens += lastReport.path("listen").asBoolean() ? 1 : 0;
            }
            if (load0 == null && sent >= Math.max(1, warmup)) {
                load0 = ScanBench.loadAverage();
            }
        }
        Arrays.sort(server);
        Arrays.sort(client);
        ScanBench.log("play reports: server p50 %.2f p95 %.2f p99 %.2f max %.2f ms", pct(server, 50), pct(server, 95), pct(server, 99),
                server[server.length - 1]);
        rows.add(new Row("`POST /user/plays` (started, progress every 10 s, finished)", plays, server, client, "server p99 < 5 ms", 99, 5,
                String.format(Locale.ROOT, "%d measured after %d warm-up, %d sequences on random tracks, 2–6 min of virtual time each (%d started / %d progress / %d finished "
                                + "measured); %d finished plays answered listen=true (virtual time: heard time is wall-clock time, so few qualify)",
                        plays, Math.max(1, warmup), sequences, byEvent[0], byEvent[1], byEvent[2], listens),
                load0 == null ? "?" : load0, ScanBench.loadAverage()));
    }

    private JsonNode lastReport;

    private int report(long trackId, String event, long positionMs, int sent, double[] server, double[] client, int[] byEvent, int kind)
            throws Exception {
        String body = JSON.createObjectNode().put("trackId", trackId).put("event", event).put("positionMs", positionMs).toString();
        Answer a = exchange("POST", "/api/v1/user/plays", body);
        if (a.status() != 200) {
            throw new IllegalStateException("play report " + body + " answered " + a.status() + ": " + new String(a.body(), StandardCharsets.UTF_8));
        }
        lastReport = a.json();
        int measured = sent - Math.max(1, warmup);
        if (measured >= 0) {
            server[measured] = a.serverMs();
            client[measured] = a.clientMs();
            byEvent[kind]++;
        }
        return sent + 1;
    }

    // ------------------------------------------------------------------ 4. GraphQL album page

    void graphql(Catalog catalog) throws Exception {
        Random rnd = new Random(seed + 4);
        IntFunction<String> body = i -> {
            ObjectNode b = JSON.createObjectNode().put("query", GRAPHQL_ALBUM);
            b.putObject("variables").put("id", Long.toString(catalog.albums.get(rnd.nextInt(catalog.albums.size())).id()));
            return b.toString();
        };
        String name = "GraphQL album page (`POST /graphql`, album + tracks + likes/ratings/plays)";
        Answer probe = exchange("POST", "/graphql", body.apply(0));
        String type = probeContentType;
        if (probe.status() == 404) {
            ScanBench.log("POST /graphql answered 404: not available yet");
            rows.add(new Row(name, 0, null, null, "server p95 < 10 ms", 0, 10, "**not available yet** (`POST /graphql` answered 404)", "", ""));
            return;
        }
        JsonNode first = null;
        try {
            first = probe.json();
        } catch (IOException notJson) {
            // below
        }
        if (probe.status() != 200 || first == null || !first.has("data")) {
            String text = new String(probe.body(), StandardCharsets.UTF_8);
            ScanBench.log("POST /graphql answered %d (%s): %s", probe.status(), type, text.substring(0, Math.min(300, text.length())));
            rows.add(new Row(name, 0, null, null, "server p95 < 10 ms", 0, 10, String.format(Locale.ROOT,
                    "**not available yet** (`POST /graphql` answered %d, %s)", probe.status(), type), "", ""));
            return;
        }
        for (int i = 0; i < warmup; i++) {
            exchange("POST", "/graphql", body.apply(i));
        }
        String load0 = ScanBench.loadAverage();
        double[] server = new double[runs];
        double[] client = new double[runs];
        int errors = 0;
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            Answer a = exchange("POST", "/graphql", body.apply(i));
            server[i] = a.serverMs();
            client[i] = a.clientMs();
            bytes += a.body().length;
            if (a.status() != 200 || !isData(a)) {
                errors++;
            }
        }
        Arrays.sort(server);
        Arrays.sort(client);
        rows.add(new Row(name, runs, server, client, "server p95 < 10 ms", 95, 10, String.format(Locale.ROOT,
                "random albums; answer %,d bytes on average; %d answers not 200 or with `errors`", bytes / runs, errors), load0, ScanBench.loadAverage()));
    }

    /** A GraphQL answer with data and no errors (anything else, a body that is not JSON included, is an error). */
    private static boolean isData(Answer a) {
        try {
            JsonNode n = a.json();
            return n.has("data") && !n.has("errors");
        } catch (IOException notJson) {
            return false;
        }
    }

    // ------------------------------------------------------------------ HTTP

    private String probeContentType;

    /**
     * The first search after a scan asks the server to read its in-memory search index (until then searches run on
     * PostgreSQL): waits until {@code /metrics} shows it read, so the measurements are of the index a running server
     * searches, and logs how long the read took as seen from here.
     */
    private void awaitSearchIndex() throws Exception {
        long t0 = System.nanoTime();
        get(searchPath("warm", null, null));
        while (true) {
            String metrics = new String(get("/metrics").body(), StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^resonance_search_index_documents(?:\\{[^}]*\\})? ([0-9.eE+]+)$")
                    .matcher(metrics);
            double documents = m.find() ? Double.parseDouble(m.group(1)) : -1;
            if (documents > 0) {
                ScanBench.log("search index read: %,.0f artists, albums and tracks, in memory %.1f s after the first search", documents,
                        (System.nanoTime() - t0) / 1e9);
                return;
            }
            if (documents < 0 || System.nanoTime() - t0 > 120_000_000_000L) {
                ScanBench.log("search index not read (no resonance_search_index_documents > 0 in /metrics): measuring the database search");
                return;
            }
            get(searchPath("warm", null, null));
            Thread.sleep(200);
        }
    }

    private Answer get(String path) throws Exception {
        return exchange("GET", path, null);
    }

    private JsonNode send(String method, String path, String json, int... expected) throws Exception {
        Answer a = exchange(method, path, json);
        if (Arrays.stream(expected).noneMatch(s -> s == a.status())) {
            throw new IllegalStateException(method + " " + path + " answered " + a.status() + ": " + new String(a.body(), StandardCharsets.UTF_8));
        }
        return a.body().length == 0 ? JSON.createObjectNode() : a.json();
    }

    /**
     * One request over the JDK's keep-alive connection cache, timed from before the request to the last byte of the
     * answer. A plain blocking {@link HttpURLConnection}, as ScanBench's browse measurement: java.net.http.HttpClient hands
     * every exchange between its selector and executor threads, which on 2 cores adds ~1 ms and its own tail to the client
     * time (the server time is the server's either way).
     */
    private Answer exchange(String method, String path, String json) throws IOException {
        long t0 = System.nanoTime();
        HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(60_000);
        c.setRequestProperty("Authorization", "Bearer " + token);
        if (json != null) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = c.getResponseCode();
        byte[] body;
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            body = in == null ? new byte[0] : in.readAllBytes(); // to the end: the connection goes back to the keep-alive cache
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        probeContentType = c.getContentType();
        String timing = c.getHeaderField("Server-Timing");
        double server = timing != null && timing.startsWith("app;dur=") ? Double.parseDouble(timing.substring("app;dur=".length())) : Double.NaN;
        return new Answer(status, body, ms, server);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    // ------------------------------------------------------------------ output

    void print(String started, String options, String loadStart, String loadEnd) {
        System.out.printf(Locale.ROOT, "Listening benchmark, %s UTC: %s%n", started, options);
        System.out.println("Machine: " + machine());
        System.out.println("Load average (1/5/15 min) at the start: " + loadStart + "; at the end: " + loadEnd);
        System.out.println();
        System.out.println("| measurement | n | server p50 / p95 / p99 / max ms | client p50 / p95 / p99 / max ms | target | met? | load before → after | notes |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.name(), r.n() == 0 ? "—" : String.format(Locale.ROOT, "%,d", r.n()),
                    stats(r.server()), stats(r.client()), r.target(), r.met(),
                    r.loadBefore().isEmpty() ? "—" : r.loadBefore() + " → " + r.loadAfter(), r.notes());
        }
        System.out.println();
        for (String line : recallNotes.split("\n")) {
            if (!line.isBlank()) {
                System.out.println("- " + line);
            }
        }
        System.out.println();
        System.out.println("Server ms: the API's own `Server-Timing: app;dur` (authentication to the entity ready: no JSON writing, no network);"
                + " client ms: the round trip over loopback keep-alive to the last byte. Sequential requests, one connection.");
    }

    private static String stats(double[] sorted) {
        if (sorted == null || sorted.length == 0) {
            return "—";
        }
        if (Double.isNaN(sorted[0]) && Double.isNaN(sorted[sorted.length - 1])) {
            return "no Server-Timing";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.1f", pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1]);
    }

    static String loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String machine() {
        String cpu = "?";
        String mem = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%.0f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0)).orElse("?");
        } catch (IOException | RuntimeException e) {
            // leave ?
        }
        String pg = "?";
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            pg = rs.next() ? rs.getString(1) : "?";
        } catch (Exception e) {
            // leave ?
        }
        return String.format(Locale.ROOT, "%d cores (%s), %s RAM, OpenJDK %s, PostgreSQL %s (local, 127.0.0.1)",
                Runtime.getRuntime().availableProcessors(), cpu, mem, System.getProperty("java.version"), pg);
    }
}
