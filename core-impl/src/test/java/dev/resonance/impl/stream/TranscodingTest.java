package dev.resonance.impl.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import dev.resonance.api.db.Database;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.testing.Await;
import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.Processes;
import dev.resonance.testing.TestDatabase;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
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
 * Live transcodes through a real Jetty, checked by decoding what arrives with ffmpeg: container and codec, bitrate,
 * duration within 1 %, offsets; ffmpeg killed when the client leaves; the per-user limit answers 503.
 */
class TranscodingTest {

    private static final double SECONDS = 12.0;
    private static final double LONG_SECONDS = 120.0;

    @TempDir
    static Path root;

    private static TestDatabase testDb;
    private static HikariDataSource pool;
    private static Server jetty;
    private static int port;
    private static long trackId;
    private static long longTrackId;
    private static long hostileTrackId;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static dev.resonance.impl.stream.transcode.Transcoder cached;

    @BeforeAll
    static void start() throws Exception {
        testDb = TestDatabase.create();
        pool = StreamTestData.pool(testDb);
        Database db = TestDatabases.database(pool);
        Path library = Files.createDirectories(root.resolve("music"));
        Files.createDirectories(library.resolve("A"));
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + SECONDS, "-ac", "2", "-c:a", "flac",
                library.resolve("A/tone.flac").toString());
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100:duration=" + LONG_SECONDS, "-c:a", "flac",
                library.resolve("A/long-unique-7f3a.flac").toString());
        Files.copy(library.resolve("A/tone.flac"), library.resolve("A/; rm -rf ~ -i $(reboot).flac"));
        long libraryId = StreamTestData.library(db, library);
        trackId = StreamTestData.track(db, libraryId, "A/tone.flac", "flac", "flac", 900, (long) (SECONDS * 1000));
        longTrackId = StreamTestData.track(db, libraryId, "A/long-unique-7f3a.flac", "flac", "flac", 600, (long) (LONG_SECONDS * 1000));
        hostileTrackId = StreamTestData.track(db, libraryId, "A/; rm -rf ~ -i $(reboot).flac", "flac", "flac", 900, (long) (SECONDS * 1000));

        Caller listener = new Caller(1, "ada", Role.REGULAR, Set.of(Permission.ACCESS_CATALOG, Permission.ISSUE_CONTENT_DOWNLOAD), 1,
                UUID.randomUUID());
        Authenticator authenticator = token -> token.equals("good") ? Optional.of(listener) : Optional.empty();
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new StreamServlet(authenticator, new TrackFiles(db),
                StreamTesting.transcoder(root.resolve("data"), 64, 2, 0, 15), StreamTesting.policy(db))), "/stream/*");
        cached = StreamTesting.transcoder(root.resolve("cached-data"), 64, 2, 64, 15);
        context.addServlet(new ServletHolder(new StreamServlet(authenticator, new TrackFiles(db), cached, StreamTesting.policy(db))), "/cached/*");
        jetty.setHandler(context);
        jetty.start();
        port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        pool.close();
        testDb.close();
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return get("/stream/" + path, java.util.Map.of());
    }

    private static HttpResponse<byte[]> get(String path, java.util.Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer good");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long cachedFiles(String prefix) throws Exception {
        try (var files = Files.list(root.resolve("cached-data/transcodes"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && !f.toString().endsWith(".part")).count();
        }
    }

    @Test
    void aSecondPlayIsServedFromTheCacheWithRangesAndValidators() throws Exception {
        String path = "/cached/" + trackId + "?format=opus&bitrate=96";
        HttpResponse<byte[]> first = get(path, java.util.Map.of());
        assertThat(first.headers().firstValue("Accept-Ranges")).isEmpty();
        Await.until("the transcode is cached", () -> {
            try {
                return cachedFiles(trackId + "-opus96-") == 1;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(10));

        HttpResponse<byte[]> second = get(path, java.util.Map.of());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(second.headers().firstValue("Content-Length")).hasValue(Integer.toString(first.body().length));
        assertThat(second.headers().firstValue("Content-Type")).hasValue("audio/ogg; codecs=opus");
        assertThat(second.headers().firstValue("X-Resonance-Transcode")).hasValue("opus/96; reason=requested");
        assertThat(second.body()).isEqualTo(first.body());
        String etag = second.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> range = get(path, java.util.Map.of("Range", "bytes=100-1099"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + first.body().length);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(first.body(), 100, 1100));
        HttpResponse<byte[]> suffix = get(path, java.util.Map.of("Range", "bytes=-10"));
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(first.body(), first.body().length - 10, first.body().length));
        assertThat(get(path, java.util.Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
        assertThat(get(path + "&offset=2", java.util.Map.of()).headers().firstValue("Accept-Ranges")).as("an offset is live").isEmpty();
    }

    @Test
    void anAbortedTranscodeNeverEntersTheCache() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /cached/" + longTrackId + "?format=mp3&bitrate=128 HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer good\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readNBytes(4096);
        }
        Await.until("ffmpeg gone", () -> Processes.runningWithArgument("long-unique-7f3a").isEmpty(), Duration.ofSeconds(10));
        // the aborted transcode's partial file is either promoted (the defect) or deleted: wait for that decision
        Await.until("partial transcode settled", () -> {
            try (var files = Files.list(root.resolve("cached-data/transcodes"))) {
                return files.noneMatch(f -> f.toString().endsWith(".part"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Duration.ofSeconds(10));
        assertThat(cachedFiles(longTrackId + "-")).isZero();
    }

    private static StreamTesting.Probe received(HttpResponse<byte[]> response, String extension) throws Exception {
        Path file = Files.write(Files.createTempFile(root, "received", "." + extension), response.body());
        return StreamTesting.probe(file);
    }

    @Test
    void opusAt128IsOggOpusOfTheWholeTrack() throws Exception {
        HttpResponse<byte[]> r = get(trackId + "?format=opus&bitrate=128");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/ogg; codecs=opus");
        assertThat(r.headers().firstValue("Accept-Ranges")).isEmpty();
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
        assertThat(r.headers().firstValue("X-Resonance-Transcode")).hasValue("opus/128; reason=requested");
        StreamTesting.Probe probe = received(r, "opus");
        assertThat(probe.container()).as(probe.log()).isEqualTo("ogg");
        assertThat(probe.codec()).isEqualTo("opus");
        assertThat(probe.decodedSeconds()).isCloseTo(SECONDS, within(SECONDS * 0.01));
        double kbps = r.body().length * 8 / SECONDS / 1000;
        assertThat(kbps).isBetween(128 * 0.7, 128 * 1.3);
    }

    @Test
    void mp3AndAacAtTheirBitrates() throws Exception {
        HttpResponse<byte[]> mp3 = get(trackId + "?format=mp3&bitrate=192");
        HttpResponse<byte[]> aac = get(trackId + "?format=aac&bitrate=96");

        assertThat(mp3.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        StreamTesting.Probe mp3Probe = received(mp3, "mp3");
        assertThat(mp3Probe.codec()).as(mp3Probe.log()).isEqualTo("mp3");
        assertThat(mp3Probe.decodedSeconds()).isCloseTo(SECONDS, within(SECONDS * 0.01));
        assertThat(mp3.body().length * 8 / SECONDS / 1000).isBetween(192 * 0.9, 192 * 1.1);

        assertThat(aac.headers().firstValue("Content-Type")).hasValue("audio/aac");
        StreamTesting.Probe aacProbe = received(aac, "aac");
        assertThat(aacProbe.container()).as(aacProbe.log()).isEqualTo("aac");
        assertThat(aacProbe.codec()).isEqualTo("aac");
        assertThat(aacProbe.decodedSeconds()).isCloseTo(SECONDS, within(SECONDS * 0.01));
        assertThat(aac.body().length * 8 / SECONDS / 1000).isBetween(96 * 0.6, 96 * 1.3);
    }

    @Test
    void anOffsetStartsMidTrack() throws Exception {
        HttpResponse<byte[]> r = get(trackId + "?format=opus&bitrate=96&offset=4.5");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(received(r, "opus").decodedSeconds()).isCloseTo(SECONDS - 4.5, within((SECONDS - 4.5) * 0.01));
    }

    @Test
    void anOffsetPastTheEndIs400() throws Exception {
        HttpResponse<byte[]> r = get(trackId + "?format=opus&offset=12.5");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"code\":\"invalid_offset\"");
    }

    @Test
    void hostileParametersAre400AndStartNothing() throws Exception {
        for (String query : new String[] {"format=opus%3B%20rm%20-rf%20%2F", "format=..%2F..%2Fetc%2Fpasswd", "format=mp3&bitrate=-i%20%2Fetc%2Fpasswd",
                "format=mp3&bitrate=99999999999999999999", "format=%C3%B6pus", "format=opus&offset=-3", "format=opus&offset=NaN"}) {
            HttpResponse<byte[]> r = get(trackId + "?" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(query).matches("\\{\"error\":\\{\"code\":\"invalid_[a-z]+\",\"message\":\".+\"}}");
        }
        HttpResponse<byte[]> pathTrick = get("..%2F..%2Fetc%2Fpasswd?format=opus");
        assertThat(pathTrick.statusCode()).as("Jetty refuses an encoded slash; the servlet would say 404").isIn(400, 404);
    }

    @Test
    void aFileNameFullOfShellAndOptionSyntaxTranscodesAsItself() throws Exception {
        HttpResponse<byte[]> r = get(hostileTrackId + "?format=mp3&bitrate=128");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(received(r, "mp3").decodedSeconds()).isCloseTo(SECONDS, within(SECONDS * 0.01));
    }

    @Test
    void aClientThatDisconnectsTakesFfmpegWithIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /stream/" + longTrackId + "?format=opus&bitrate=64 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(2048).length).isEqualTo(2048);
            Await.until("ffmpeg started", () -> !Processes.runningWithArgument("long-unique-7f3a").isEmpty(), Duration.ofSeconds(5));
            // a long track, paced after a 15 s burst: ffmpeg is still there when the client goes
            assertThat(Processes.runningWithArgument("long-unique-7f3a")).hasSize(1);
        }
        Await.until("ffmpeg gone", () -> Processes.runningWithArgument("long-unique-7f3a").isEmpty(), Duration.ofSeconds(10));
    }

    @Test
    void theUsersThirdConcurrentTranscodeIs503WithRetryAfter() throws Exception {
        Socket[] held = new Socket[2];
        try {
            for (int i = 0; i < held.length; i++) {
                held[i] = new Socket("127.0.0.1", port);
                held[i].getOutputStream().write(("GET /stream/" + longTrackId + "?format=opus&bitrate=64 HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer good\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                held[i].getInputStream().readNBytes(1024);
            }
            HttpResponse<byte[]> third = get(trackId + "?format=opus");

            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(new String(third.body(), StandardCharsets.UTF_8)).contains("\"code\":\"transcode_limit\"");
            assertThat(get(trackId + "").statusCode()).as("direct play is not limited").isEqualTo(200);
        } finally {
            for (Socket socket : held) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        Await.until("ffmpeg gone", () -> Processes.runningWithArgument("long-unique-7f3a").isEmpty(), Duration.ofSeconds(10));
        assertThat(get(trackId + "?format=opus").statusCode()).isEqualTo(200);
    }

    @Test
    void aDownloadIsTheOriginalAsAnAttachmentWithRanges() throws Exception {
        byte[] original = Files.readAllBytes(root.resolve("music/A/; rm -rf ~ -i $(reboot).flac"));
        HttpResponse<byte[]> r = get("/stream/" + hostileTrackId + "/download", java.util.Map.of("Range", "bytes=10-19"));

        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(original, 10, 20));
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"_ rm -rf _ -i _(reboot).flac\"; filename*=UTF-8''%3B%20rm%20-rf%20~%20-i%20%24%28reboot%29.flac");
        assertThat(r.headers().firstValue("X-Resonance-Transcode")).hasValue("direct; reason=flac playable");
    }

    @Test
    void aTranscodedDownloadIsMadeWholeThenServedWithRanges() throws Exception {
        HttpResponse<byte[]> whole = get("/cached/" + trackId + "/download?format=mp3&bitrate=128", java.util.Map.of());

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Length")).hasValue(Integer.toString(whole.body().length));
        assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"tone.mp3\"");
        assertThat(received(whole, "mp3").decodedSeconds()).isCloseTo(SECONDS, within(SECONDS * 0.01));
        HttpResponse<byte[]> tail = get("/cached/" + trackId + "/download?format=mp3&bitrate=128", java.util.Map.of("Range", "bytes=-100"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(whole.body(), whole.body().length - 100, whole.body().length));
    }
}
