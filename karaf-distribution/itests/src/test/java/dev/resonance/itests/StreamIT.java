package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcoding in the real distribution: the core extracts its embedded ffmpeg inside OSGi (into karaf.data), a
 * FLAC streams as Ogg Opus through pax-web, a second play comes from the transcode cache with ranges, the quality
 * decision and signed URLs work end to end.
 */
class StreamIT {

    @TempDir
    Path music;

    @Test
    void aTrackIsTranscodedByTheEmbeddedFfmpegInsideKaraf() throws Exception {
        Files.createDirectories(music.resolve("Alpha/First"));
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-c:a", "flac", "-metadata", "title=Tone", "-metadata",
                "artist=Alpha", "-metadata", "album=First", music.resolve("Alpha/First/01.flac").toString());
        HttpClient http = HttpClient.newHttpClient();

        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.withLibrary(db, music)) {
            resonance.awaitReady();
            Map<String, String> auth = resonance.rootAuth();
            long trackId = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (trackId == 0 && System.nanoTime() < deadline) {
                JsonNode tracks = resonance.send("GET", "/api/v1/content/tracks", null, auth).json();
                trackId = tracks.at("/items/0/id").asLong();
                Thread.sleep(200);
            }
            assertThat(trackId).as("the scan found the track").isPositive();
            String base = "http://127.0.0.1:" + resonance.port;

            HttpResponse<byte[]> live = http.send(HttpRequest.newBuilder(URI.create(base + "/stream/" + trackId + "?format=opus&bitrate=96"))
                    .header("Authorization", auth.get("Authorization")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(live.statusCode()).as(new String(live.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(live.headers().firstValue("Content-Type")).hasValue("audio/ogg; codecs=opus");
            assertThat(live.headers().firstValue("X-Resonance-Transcode")).hasValue("opus/96; reason=requested");
            assertThat(new String(live.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
            Path received = Files.write(music.resolveSibling(music.getFileName() + "-received.opus"), live.body());
            Process probe = new ProcessBuilder(Ffmpeg.path().toString(), "-hide_banner", "-i", received.toString(), "-f", "null", "-")
                    .redirectErrorStream(true).start();
            String log = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(probe.waitFor()).isZero();
            assertThat(log).contains("Audio: opus").containsPattern("time=00:00:0(5\\.9[5-9]|6\\.0[0-5])");

            Path extracted = resonance.workDir.resolve("karaf-data/ffmpeg/jave-3.5.0/ffmpeg");
            assertThat(extracted).as("the embedded ffmpeg, extracted into karaf.data").isExecutable();
            assertThat(extracted.resolveSibling("ffmpeg.sha256")).exists();

            // the finished transcode is cached: a second play is served like a file, with ranges
            HttpResponse<byte[]> range = null;
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                range = http.send(HttpRequest.newBuilder(URI.create(base + "/stream/" + trackId + "?format=opus&bitrate=96"))
                        .header("Authorization", auth.get("Authorization")).header("Range", "bytes=0-99").build(), HttpResponse.BodyHandlers.ofByteArray());
                if (range.statusCode() == 206) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(java.util.Arrays.copyOf(live.body(), 100));

            // the decision and a signed URL, as the web app uses them
            JsonNode decision = resonance.send("GET", "/api/v1/stream/" + trackId + "/decision?client=safari&network=cellular", null, auth).json();
            assertThat(decision.path("direct").asBoolean()).as(decision.toString()).isFalse();
            assertThat(decision.path("format").asText()).isEqualTo("aac");
            JsonNode signed = resonance.send("POST", "/api/v1/stream/" + trackId + "/url?format=mp3&bitrate=128", null, auth).json();
            HttpResponse<byte[]> viaUrl = http.send(HttpRequest.newBuilder(URI.create(base + signed.path("url").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(viaUrl.statusCode()).isEqualTo(200);
            assertThat(viaUrl.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
            HttpResponse<byte[]> tampered = http.send(HttpRequest.newBuilder(URI.create(base
                    + signed.path("url").asText().replace("bitrate=128", "bitrate=320"))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(tampered.statusCode()).isEqualTo(403);
        }
    }
}
