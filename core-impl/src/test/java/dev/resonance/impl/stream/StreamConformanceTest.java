package dev.resonance.impl.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import dev.resonance.api.db.Database;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 7233 / 7232 conformance of {@code /stream/{id}} in a real Jetty over real HTTP, comparing bytes exactly with
 * the file: single, suffix, open and multiple ranges, 416, If-Range, ETag/304, HEAD, and access rules.
 */
class StreamConformanceTest {

    @TempDir
    static Path library;

    private static TestDatabase testDb;
    private static HikariDataSource pool;
    private static Server jetty;
    private static String base;
    private static byte[] content;
    private static long trackId;
    private static long linkTrackId;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        testDb = TestDatabase.create();
        pool = StreamTestData.pool(testDb);
        Database db = TestDatabases.database(pool);
        content = new byte[300_000];
        new Random(42).nextBytes(content);
        Files.createDirectories(library.resolve("Artist/Album"));
        Files.write(library.resolve("Artist/Album/01 Song.mp3"), content);
        Files.createSymbolicLink(library.resolve("Artist/Album/escape.mp3"), Path.of("/etc/hostname"));
        long libraryId = StreamTestData.library(db, library);
        trackId = insertTrack(db, libraryId, "Artist/Album/01 Song.mp3");
        linkTrackId = insertTrack(db, libraryId, "Artist/Album/escape.mp3");

        Caller listener = new Caller(1, "ada", Role.REGULAR, Set.of(Permission.ACCESS_CATALOG), 1, UUID.randomUUID());
        Caller nobody = new Caller(2, "bob", Role.REGULAR, Set.of(), 2, UUID.randomUUID());
        Authenticator authenticator = token -> switch (token) {
            case "good" -> Optional.of(listener);
            case "noperm" -> Optional.of(nobody);
            default -> Optional.empty();
        };
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        Path data = library.resolveSibling(library.getFileName() + "-data");
        context.addServlet(new ServletHolder(StreamTesting.servlet(authenticator, db, data)), "/stream/*");
        context.addServlet(new ServletHolder(new StreamServlet(authenticator, new TrackFiles(db), StreamTesting.transcoder(data, 64, 4, 0, 30),
                StreamTesting.policy(db), new dev.resonance.impl.http.RateLimiter(Map.of(dev.resonance.impl.http.RateLimiter.Kind.STREAM, 3)))),
                "/limited/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/stream/";
    }

    private static long insertTrack(Database db, long libraryId, String path) {
        return StreamTestData.track(db, libraryId, path, "mp3", "mp3", 128, 1000);
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        pool.close();
        testDb.close();
    }

    private static HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        return send("GET", path, headers);
    }

    private static HttpResponse<byte[]> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> auth(String... more) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Authorization", "Bearer good"));
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    private static byte[] slice(long first, long last) {
        return Arrays.copyOfRange(content, (int) first, (int) last + 1);
    }

    @Test
    void aUserOverTheStreamBudgetIsToldToWait() throws Exception {
        String limited = base.replace("/stream/", "/limited/") + trackId;
        for (int i = 0; i < 3; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(limited)).header("Authorization", "Bearer good")
                    .header("Range", "bytes=0-99").build();
            assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(206);
        }
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(limited)).header("Authorization", "Bearer good").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(refused.body()).contains("\"rate_limited\"");
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(limited)).header("Authorization", "Bearer noperm").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).as("another user has a budget of their own").isEqualTo(403);
    }

    @Test
    void theWholeFileWithValidators() throws Exception {
        HttpResponse<byte[]> r = get(Long.toString(trackId), auth());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
        assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        assertThat(r.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).startsWith("\"" + trackId + "-300000-"));
        assertThat(r.headers().firstValue("Last-Modified")).isPresent();
    }

    @Test
    void headSendsTheHeadersOnly() throws Exception {
        HttpResponse<byte[]> r = send("HEAD", Long.toString(trackId), auth("Range", "bytes=0-9"));

        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 0-9/300000");
    }

    @Test
    void singleSuffixAndOpenRanges() throws Exception {
        HttpResponse<byte[]> single = get(Long.toString(trackId), auth("Range", "bytes=1000-1999"));
        assertThat(single.statusCode()).isEqualTo(206);
        assertThat(single.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/300000");
        assertThat(single.body()).isEqualTo(slice(1000, 1999));

        HttpResponse<byte[]> suffix = get(Long.toString(trackId), auth("Range", "bytes=-500"));
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 299500-299999/300000");
        assertThat(suffix.body()).isEqualTo(slice(299_500, 299_999));

        HttpResponse<byte[]> open = get(Long.toString(trackId), auth("Range", "bytes=299990-"));
        assertThat(open.body()).isEqualTo(slice(299_990, 299_999));
    }

    @Test
    void multipleRangesComeAsMultipartByteranges() throws Exception {
        HttpResponse<byte[]> r = get(Long.toString(trackId), auth("Range", "bytes=0-9, 100000-100099, -5"));

        assertThat(r.statusCode()).isEqualTo(206);
        String type = r.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(r.body().length);
        String body = new String(r.body(), StandardCharsets.ISO_8859_1);
        String[] parts = body.split("\r\n--" + boundary);
        assertThat(parts[parts.length - 1]).isEqualTo("--\r\n");
        long[][] expected = {{0, 9}, {100_000, 100_099}, {299_995, 299_999}};
        for (int i = 0; i < expected.length; i++) {
            String part = parts[i + 1];
            int split = part.indexOf("\r\n\r\n");
            assertThat(part.substring(0, split)).contains("Content-Range: bytes " + expected[i][0] + "-" + expected[i][1] + "/300000");
            byte[] bytes = part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
            assertThat(bytes).isEqualTo(slice(expected[i][0], expected[i][1]));
        }
    }

    @Test
    void anUnsatisfiableRangeIs416WithTheSize() throws Exception {
        HttpResponse<byte[]> r = get(Long.toString(trackId), auth("Range", "bytes=300000-"));

        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */300000");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("range_not_satisfiable");
    }

    @Test
    void conditionalRequests() throws Exception {
        String etag = get(Long.toString(trackId), auth()).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> notModified = get(Long.toString(trackId), auth("If-None-Match", etag));
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(get(Long.toString(trackId), auth("If-None-Match", "\"other\"")).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> freshIfRange = get(Long.toString(trackId), auth("Range", "bytes=0-9", "If-Range", etag));
        assertThat(freshIfRange.statusCode()).isEqualTo(206);
        HttpResponse<byte[]> staleIfRange = get(Long.toString(trackId), auth("Range", "bytes=0-9", "If-Range", "\"1-2-3\""));
        assertThat(staleIfRange.statusCode()).isEqualTo(200);
        assertThat(staleIfRange.body()).isEqualTo(content);
        String longAgo = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse("2001-01-01T00:00:00Z").atZone(ZoneOffset.UTC));
        assertThat(get(Long.toString(trackId), auth("Range", "bytes=0-9", "If-Range", longAgo)).statusCode()).isEqualTo(200);
    }

    @Test
    void accessRulesAndHostileAddresses() throws Exception {
        assertThat(get(Long.toString(trackId), Map.of()).statusCode()).isEqualTo(401);
        assertThat(get(Long.toString(trackId), Map.of("Authorization", "Bearer forged")).statusCode()).isEqualTo(401);
        assertThat(get(Long.toString(trackId), Map.of("Authorization", "Bearer noperm")).statusCode()).isEqualTo(403);
        assertThat(get(trackId + "?access_token=good", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get(Long.toString(trackId), Map.of("Cookie", "resonance_access=good")).statusCode()).isEqualTo(200);
        for (String hostile : new String[] {"999999", "abc", "..%2F..%2Fetc%2Fpasswd", "1%20OR%201=1", Long.toString(linkTrackId)}) {
            HttpResponse<byte[]> r = get(hostile, auth());
            // Jetty itself refuses an encoded "../" (400, ambiguous path); everything else is an unknown track (404)
            assertThat(r.statusCode()).as(hostile).isIn(400, 404);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain(Files.readString(Path.of("/etc/hostname")).strip());
        }
    }
}
