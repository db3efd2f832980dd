package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app in Debian's Chromium against the real distribution with a generated library: {@code webui/e2e/app.e2e.mjs}
 * (playwright-core) signs in, follows deep links, browses, plays, searches as you type. With
 * {@code -Dresonance.screenshots=DIR} it also saves screenshots of the main screens there ({@code docs/screenshots}).
 * Chromium is required: {@code .ci/run} installs it; a machine without it fails here rather than skip the web app.
 */
class WebAppIT {

    static final Path WEBUI = Path.of(System.getProperty("resonance.webui", "../../webui")).toAbsolutePath().normalize();

    @TempDir
    Path music;

    private void encode(String relative, double frequency, String... metadata) throws IOException {
        encode(relative, frequency, 8, "libmp3lame", metadata);
    }

    private void encode(String relative, double frequency, int seconds, String codec, String... metadata) throws IOException {
        Path file = music.resolve(relative);
        Files.createDirectories(file.getParent());
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=" + frequency + ":duration=" + seconds, "-c:a", codec));
        for (int i = 0; i < metadata.length; i += 2) {
            args.add("-metadata");
            args.add(metadata[i] + "=" + metadata[i + 1]);
        }
        args.add(file.toString());
        Ffmpeg.run(args);
    }

    /** A cover in the album's folder (the scanner takes folder images), so screens show real art and its palette. */
    private void cover(String folder, String colour) throws IOException {
        Path file = music.resolve(folder).resolve("cover.jpg");
        Files.createDirectories(file.getParent());
        Ffmpeg.run(List.of("-f", "lavfi", "-i", "gradients=s=600x600:c0=" + colour + ":c1=0x101018:seed=7", "-frames:v", "1", file.toString()));
    }

    @Test
    void theWebAppSignsInBrowsesPlaysAndSearchesInChromium() throws Exception {
        encode("Alpha/First/01.mp3", 440, "title", "Opening", "artist", "Alpha", "album", "First", "album_artist", "Alpha", "track", "1/2",
                "date", "2019", "genre", "Rock");
        encode("Alpha/First/02.mp3", 550, "title", "Closing", "artist", "Alpha", "album", "First", "album_artist", "Alpha", "track", "2/2",
                "date", "2019", "genre", "Rock");
        encode("Beta/Second/01.mp3", 660, "title", "Night", "artist", "Beta", "album", "Second", "album_artist", "Beta", "date", "2021");
        // a track of a usual length, lossless: what the time to first play is measured on besides the short ones
        encode("Gamma/Long/01.flac", 330, 240, "flac", "title", "Long Way", "artist", "Gamma", "album", "Long", "album_artist", "Gamma",
                "date", "2020", "lyrics", "[00:00.50]first line\n[00:02.00]second line\n[00:04.00]third line");
        cover("Alpha/First", "0x7c3aed");
        cover("Beta/Second", "0x0ea5e9");
        cover("Gamma/Long", "0x10b981");
        Path script = WEBUI.resolve("e2e/app.e2e.mjs");
        assertThat(WEBUI.resolve("node_modules/playwright-core")).as("webui's npm dependencies (the build installs them)").isDirectory();
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Debian's chromium (apt install chromium; .ci/run does)").isExecutable();

        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.withLibrary(db, music)) {
            resonance.awaitReady();
            assertThat(resonance.awaitScanned(resonance.rootAuth(), Duration.ofSeconds(60)).at("/last/0/added").asInt())
                    .isEqualTo(4);

            Path out = Files.createDirectories(Path.of("target")).resolve("webapp-browser.log").toAbsolutePath();
            ProcessBuilder node = new ProcessBuilder("node", script.toString()).directory(WEBUI.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            node.environment().put("RESONANCE_URL", "http://localhost:" + resonance.port);
            node.environment().put("RESONANCE_USER", ResonanceProcess.ROOT);
            node.environment().put("RESONANCE_PASSWORD", ResonanceProcess.ROOT_PASSWORD);
            node.environment().put("CHROMIUM", chromium);
            String shots = System.getProperty("resonance.screenshots", "");
            if (!shots.isBlank()) {
                node.environment().put("RESONANCE_SCREENSHOTS", Path.of(shots).toAbsolutePath().toString());
            }
            Process browser = node.start();
            boolean ended = browser.waitFor(3, TimeUnit.MINUTES);
            if (!ended) {
                browser.destroyForcibly().waitFor();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(ended).as("the browser test ended\n" + text).isTrue();
            assertThat(browser.exitValue()).as("the browser test\n" + text + "\nserver log:\n" + resonance.log()).isZero();
            assertThat(text).contains("steps passed");
        }
    }
}
