package dev.resonance.plugin.lyrics.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A faithful LRCLIB on 127.0.0.1, following its server's code (tranxuanthang/lrclib, {@code server/src/routes}):
 * <ul>
 *   <li>{@code GET /api/get?track_name=&artist_name=[&album_name=][&duration=]}: track and artist required and
 *       non-empty, album optional, duration optional in 1..3600 (400 {@code ValidationError} otherwise); names compared
 *       after LRCLIB's {@code prepare_input} (accents and case folded, punctuation to spaces, apostrophes dropped,
 *       spaces collapsed), duration within ±2 s, the lowest id wins; a miss is 404
 *       {@code {"message":"Failed to find specified track","name":"TrackNotFound","statusCode":404}};</li>
 *   <li>{@code GET /api/get/{id}}: the record, or the same 404;</li>
 *   <li>{@code GET /api/search?q=} (or {@code track_name}, {@code artist_name}, {@code album_name}): at most 20
 *       records whose names hold every word; a JSON array;</li>
 *   <li>records {@code {id, name, trackName, artistName, albumName, duration, instrumental, plainLyrics,
 *       syncedLyrics}} with {@code null} lyrics when there are none.</li>
 * </ul>
 * Every request is recorded (method, path, decoded query, headers) for the tests to assert on; the server can be made
 * to fail ({@link #failWith(int)}) or to be slow ({@link #delay(Duration)}).
 *
 * <p>Why the JDK's {@code com.sun.net.httpserver} and not WireMock: LRCLIB's lookup is logic (a ±2 s window, its name
 * folding, ids), which WireMock would need a custom matcher extension for; the JDK server needs no dependency (WireMock
 * 3 brings Jetty 11 and some twenty jars to the test class path), starts in milliseconds, and the whole fake is this
 * one readable class.
 */
public final class FakeLrclib implements AutoCloseable {

    /** An LRCLIB record. {@code plainLyrics} / {@code syncedLyrics} are {@code null} when the record has none. */
    public record Track(long id, String trackName, String artistName, String albumName, double duration,
                        boolean instrumental, String plainLyrics, String syncedLyrics) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", trackName);
            json.put("trackName", trackName);
            json.put("artistName", artistName);
            json.put("albumName", albumName);
            json.put("duration", duration);
            json.put("instrumental", instrumental);
            json.put("plainLyrics", plainLyrics);
            json.put("syncedLyrics", syncedLyrics);
            return json;
        }
    }

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    private static final Pattern BY_ID = Pattern.compile("/api/get/(\\d+)");
    private static final Pattern PUNCTUATION = Pattern.compile("[`~!@#$%^&*()_|+\\-=?;:\",.<>{}\\[\\]\\\\/]");
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int SEARCH_LIMIT = 20;

    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Track> tracks = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private volatile int failWith;
    private volatile Duration delay = Duration.ZERO;

    private FakeLrclib() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeLrclib start() {
        try {
            return new FakeLrclib();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds a record with lyrics (either may be {@code null}); returns it with its id. */
    public Track add(String artist, String title, String album, double durationSeconds, String plain, String synced) {
        Track track = new Track(ids.incrementAndGet(), title, artist, album, durationSeconds, false, plain, synced);
        tracks.add(track);
        return track;
    }

    /** Adds a record marked instrumental (LRCLIB keeps no lyrics for those). */
    public Track addInstrumental(String artist, String title, String album, double durationSeconds) {
        Track track = new Track(ids.incrementAndGet(), title, artist, album, durationSeconds, true, null, null);
        tracks.add(track);
        return track;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** From now on every request is answered with this status (0: behave again). */
    public void failWith(int status) {
        failWith = status;
    }

    /** From now on every answer waits this long first. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            requests.add(new Request(exchange.getRequestMethod(), path, query, Map.copyOf(exchange.getRequestHeaders())));
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (failWith != 0) {
                send(exchange, failWith, "text/html", "<html><body>" + failWith + " Service Unavailable</body></html>");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "text/plain", "Method Not Allowed");
                return;
            }
            Matcher byId = BY_ID.matcher(path);
            if (path.equals("/api/get")) {
                get(exchange, query);
            } else if (byId.matches()) {
                answer(exchange, tracks.stream().filter(t -> Long.toString(t.id()).equals(byId.group(1))).findFirst());
            } else if (path.equals("/api/search")) {
                search(exchange, query);
            } else {
                send(exchange, 404, "text/plain", "Not Found");
            }
        }
    }

    private void get(HttpExchange exchange, Map<String, String> query) throws IOException {
        Optional<String> title = prepared(query.get("track_name"));
        Optional<String> artist = prepared(query.get("artist_name"));
        Optional<String> album = prepared(query.get("album_name"));
        if (title.isEmpty() || artist.isEmpty()) {
            validationError(exchange, "track_name, artist_name: cannot be empty");
            return;
        }
        Optional<Double> duration;
        try {
            duration = Optional.ofNullable(query.get("duration")).map(Double::parseDouble);
        } catch (NumberFormatException e) {
            validationError(exchange, "Failed to deserialize query string: duration: invalid float literal");
            return;
        }
        if (duration.filter(d -> d < 1 || d > 3600).isPresent()) {
            validationError(exchange, "duration: must be between 1 and 3600");
            return;
        }
        answer(exchange, tracks.stream()
            .filter(t -> prepared(t.trackName()).equals(title) && prepared(t.artistName()).equals(artist))
            .filter(t -> album.isEmpty() || prepared(t.albumName()).equals(album))
            .filter(t -> duration.isEmpty() || Math.abs(t.duration() - duration.get()) <= 2.0)
            .min((a, b) -> Long.compare(a.id(), b.id())));
    }

    private void search(HttpExchange exchange, Map<String, String> query) throws IOException {
        Optional<String> q = prepared(query.get("q"));
        Optional<String> title = prepared(query.get("track_name"));
        if (q.isEmpty() && title.isEmpty()) {
            validationError(exchange, "either q or track_name is required");
            return;
        }
        List<Map<String, Object>> found = tracks.stream()
            .filter(t -> q.isEmpty() || containsWords(prepared(t.trackName() + " " + t.artistName() + " "
                + t.albumName()).orElse(""), q.get()))
            .filter(t -> title.isEmpty() || containsWords(prepared(t.trackName()).orElse(""), title.get()))
            .filter(t -> prepared(query.get("artist_name")).map(a -> containsWords(
                prepared(t.artistName()).orElse(""), a)).orElse(true))
            .filter(t -> prepared(query.get("album_name")).map(a -> containsWords(
                prepared(t.albumName()).orElse(""), a)).orElse(true))
            .limit(SEARCH_LIMIT)
            .map(Track::json)
            .toList();
        send(exchange, 200, "application/json", json.writeValueAsString(found));
    }

    private void answer(HttpExchange exchange, Optional<Track> track) throws IOException {
        if (track.isPresent()) {
            send(exchange, 200, "application/json", json.writeValueAsString(track.get().json()));
        } else {
            send(exchange, 404, "application/json",
                "{\"message\":\"Failed to find specified track\",\"name\":\"TrackNotFound\",\"statusCode\":404}");
        }
    }

    private void validationError(HttpExchange exchange, String message) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("name", "ValidationError");
        error.put("statusCode", 400);
        send(exchange, 400, "application/json", json.writeValueAsString(error));
    }

    private static boolean containsWords(String haystack, String words) {
        List<String> have = Arrays.asList(haystack.split(" "));
        return Arrays.stream(words.split(" ")).allMatch(have::contains);
    }

    /** LRCLIB's {@code prepare_input}; empty for a missing or blank parameter (its {@code process_param}). */
    private static Optional<String> prepared(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String lay = MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("");
        String spaced = PUNCTUATION.matcher(lay.toLowerCase(Locale.ROOT)).replaceAll(" ");
        String prepared = SPACES.matcher(APOSTROPHES.matcher(spaced).replaceAll("")).replaceAll(" ").strip();
        return prepared.isEmpty() ? Optional.empty() : Optional.of(prepared);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + (type.startsWith("text/") || type.endsWith("json")
            ? "; charset=utf-8" : ""));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
