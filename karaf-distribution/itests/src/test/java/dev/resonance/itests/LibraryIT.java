package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real music folder (files encoded by ffmpeg, tags written by it) scanned and browsed in the real distribution. */
class LibraryIT {

    @TempDir
    Path music;

    private void encode(String relative, String codec, String... metadata) {
        Path file = music.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                "-c:a", codec));
        for (int i = 0; i < metadata.length; i += 2) {
            args.add("-metadata");
            args.add(metadata[i] + "=" + metadata[i + 1]);
        }
        args.add(file.toString());
        Ffmpeg.run(args);
    }

    @Test
    void theConfiguredFolderIsScannedAtStartupAndBrowsable() throws Exception {
        encode("Alpha/First/01.mp3", "libmp3lame", "title", "Opening", "artist", "Alpha", "album", "First", "album_artist", "Alpha",
                "track", "1/2", "date", "2019", "genre", "Rock");
        encode("Alpha/First/02.flac", "flac", "title", "Closing", "artist", "Alpha", "album", "First", "album_artist", "Alpha",
                "track", "2/2", "date", "2019", "genre", "Rock");
        encode("Beta/Second/01.opus", "libopus", "title", "Night", "artist", "Beta", "album", "Second", "date", "2021");
        Files.writeString(music.resolve("Beta/Second/broken.mp3"), "this is not audio");

        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.withLibrary(db, music)) {
            resonance.awaitReady();
            Map<String, String> auth = resonance.rootAuth();

            JsonNode scan = resonance.awaitScanned(auth, Duration.ofSeconds(60));
            assertThat(scan.at("/last/0/state").asText()).as(scan.toString()).isEqualTo("done");
            assertThat(scan.at("/last/0/added").asInt()).isEqualTo(3);
            assertThat(scan.at("/last/0/errors").asInt()).isEqualTo(1);
            assertThat(scan.at("/last/0/problems/0/path").asText()).isEqualTo("Beta/Second/broken.mp3");

            JsonNode albums = resonance.send("GET", "/api/v1/content/albums", null, auth).json();
            assertThat(albums.path("items").findValuesAsText("title")).containsExactly("First", "Second");
            long first = albums.at("/items/0/id").asLong();
            JsonNode album = resonance.send("GET", "/api/v1/content/albums/" + first, null, auth).json();
            assertThat(album.at("/discs/0/tracks").findValuesAsText("title")).containsExactly("Opening", "Closing");
            assertThat(album.at("/discs/0/tracks/1/format").asText()).isEqualTo("flac");
            assertThat(album.at("/album/year").asInt()).isEqualTo(2019);

            // the original file streams with ranges through the real servlet stack
            long flacId = album.at("/discs/0/tracks/1/id").asLong();
            byte[] original = Files.readAllBytes(music.resolve("Alpha/First/02.flac"));
            java.net.http.HttpResponse<byte[]> range = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + resonance.port + "/stream/" + flacId))
                            .header("Authorization", auth.get("Authorization")).header("Range", "bytes=-100").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.headers().firstValue("Content-Type")).hasValue("audio/flac");
            assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(original, original.length - 100, original.length));

            // a new album copied in is picked up by the watcher
            encode("Gamma/Third/01.mp3", "libmp3lame", "title", "Late", "artist", "Gamma", "album", "Third");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            JsonNode now = null;
            while (System.nanoTime() < deadline) {
                now = resonance.send("GET", "/api/v1/content/albums", null, auth).json();
                if (now.path("items").size() == 3) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(now.path("items").findValuesAsText("title")).contains("Third");
        }
    }
}
