package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.PluginJars;
import dev.resonance.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin manager in the real distribution, as an admin uses it over REST: the lyrics plugin installed from the
 * distribution's repository arrives disabled, is enabled, answers lyrics (a sidecar .lrc, embedded tags), is
 * reconfigured, disabled and uninstalled; its endpoint comes and goes with it; a plugin uploaded as a jar (the SDK's
 * example) installs and answers; one built for another core-api is refused with its reason; an enabled plugin is
 * upgraded and downgraded between two repository versions — and no core component is activated again through any of
 * it.
 */
class PluginsIT {

    @TempDir
    Path music;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private void encode(String relative, String codec, String... metadata) throws Exception {
        Path file = music.resolve(relative);
        Files.createDirectories(file.getParent());
        List<String> args = new java.util.ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", codec));
        for (int i = 0; i < metadata.length; i += 2) {
            args.add("-metadata");
            args.add(metadata[i] + "=" + metadata[i + 1]);
        }
        args.add(file.toString());
        Ffmpeg.run(args);
    }

    /** The core's schema as committed (the tests run in karaf-distribution/itests). */
    private static final Path COMMITTED_SCHEMA = Path.of("../../core-impl/src/main/resources/schema.graphqls");

    private static JsonNode await(ResonanceProcess resonance, String path, Map<String, String> auth,
                                  Predicate<ResonanceProcess.Answer> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ResonanceProcess.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = resonance.send("GET", path, null, auth);
            if (done.test(last)) {
                return last.status() == 200 ? last.json() : null;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " never matched; last " + last);
    }

    private static double activations(ResonanceProcess resonance, String token, String component) throws Exception {
        String metrics = resonance.send("GET", "/metrics", null, Map.of("Authorization", "Bearer " + token)).body();
        return metrics.lines().filter(l -> l.startsWith("resonance_component_activations_total{component=\"" + component + "\"}"))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void anAdminInstallsEnablesConfiguresDisablesAndRemovesPluginsWhileTheCoreStaysPut() throws Exception {
        encode("Alpha/First/01.mp3", "libmp3lame", "title", "Opening", "artist", "Alpha", "album", "First");
        Files.writeString(music.resolve("Alpha/First/01.lrc"), "[ar:Alpha]\n[00:00.50]first line\n[00:01.50]second line\n");
        encode("Alpha/First/02.flac", "flac", "title", "Closing", "artist", "Alpha", "album", "First",
            "lyrics", "[00:00.20]embedded line");

        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.start(Map.of("DB_URL", db.url(), "DB_USER", db.user(),
                 "MUSIC_LIBRARY_PATH", music.toString(), "RESONANCE_ADMIN_USER", "root",
                 "RESONANCE_ADMIN_PASSWORD", "root-password"))) {
            resonance.awaitReady();
            String token = resonance.send("POST", "/api/v1/auth/login",
                "{\"username\":\"root\",\"password\":\"root-password\",\"deviceId\":\"it\"}", Map.of()).json()
                .path("accessToken").asText();
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            JsonNode tracks = await(resonance, "/api/v1/content/tracks", auth, a -> a.status() == 200
                && a.json().path("items").size() == 2);
            long lrcTrack = trackId(tracks, "Opening");
            long embeddedTrack = trackId(tracks, "Closing");
            String lyricsQuery = "/graphql?query=" + java.net.URLEncoder.encode("{ track(id: \"" + lrcTrack
                + "\") { title lyrics { source synced lines { startMs text } } } }", java.nio.charset.StandardCharsets.UTF_8);
            // no plugin: the running schema is the committed one, and the field is not in it
            assertThat(resonance.send("GET", "/graphql/schema.graphqls", null, auth).body()).as("the running schema vs "
                + COMMITTED_SCHEMA.toAbsolutePath().normalize()).isEqualTo(Files.readString(COMMITTED_SCHEMA));
            assertThat(resonance.send("GET", lyricsQuery, null, auth).json().at("/errors/0/message").asText()).contains("lyrics");
            String[] core = {"api", "auth", "library", "stream", "sync", "site", "database"};
            double[] before = new double[core.length];
            for (int i = 0; i < core.length; i++) {
                before[i] = activations(resonance, token, core[i]);
            }

            // nothing installed: no lyrics, not an error
            assertThat(resonance.send("GET", "/api/v1/admin/plugins", null, auth).json()).isEmpty();
            assertThat(resonance.send("GET", "/api/v1/content/tracks/" + lrcTrack + "/lyrics", null, auth).json()
                .path("lyrics")).isEmpty();
            JsonNode available = resonance.send("GET", "/api/v1/admin/plugins/available", null, auth).json();
            assertThat(available.findValuesAsText("id")).contains("lyrics");

            // every other plugin the distribution ships installs, enables, disables and uninstalls without touching the
            // core (the activation counters are compared at the end), so a new plugin is checked here as it is added
            for (String other : new java.util.TreeSet<>(available.findValuesAsText("id"))) {
                if (other.equals("lyrics")) {
                    continue; // the whole walk below
                }
                assertThat(resonance.send("POST", "/api/v1/admin/plugins", "{\"id\":\"" + other + "\"}", auth).json()
                    .path("state").asText()).as(other).isEqualTo("DISABLED");
                assertThat(resonance.send("POST", "/api/v1/admin/plugins/" + other + "/enable", null, auth).json()
                    .path("state").asText()).as(other).isEqualTo("ENABLED");
                assertThat(resonance.send("POST", "/api/v1/admin/plugins/" + other + "/disable", null, auth).status()).isEqualTo(200);
                assertThat(resonance.send("DELETE", "/api/v1/admin/plugins/" + other, null, auth).status()).isEqualTo(204);
            }

            // installed from the repository: disabled, showing what it asks for
            JsonNode installed = resonance.send("POST", "/api/v1/admin/plugins", "{\"id\":\"lyrics\"}", auth).json();
            assertThat(installed.path("state").asText()).as(installed.toString()).isEqualTo("DISABLED");
            assertThat(installed.at("/descriptor/permissions").fieldNames()).toIterable()
                .contains("catalog", "library-files", "network", "storage");
            assertThat(resonance.send("GET", "/api/plugins/lyrics/status", null, auth).status()).isEqualTo(404);

            // enabled: lyrics from the sidecar file and from the tags, and its endpoint appears
            assertThat(resonance.send("POST", "/api/v1/admin/plugins/lyrics/enable", null, auth).json().path("state")
                .asText()).isEqualTo("ENABLED");
            JsonNode sidecar = await(resonance, "/api/v1/content/tracks/" + lrcTrack + "/lyrics", auth,
                a -> a.status() == 200 && a.json().path("lyrics").size() > 0);
            assertThat(sidecar.path("source").asText()).isEqualTo("sidecar");
            assertThat(sidecar.path("plugin").asText()).isEqualTo("lyrics");
            assertThat(sidecar.at("/lyrics/0/synced").asBoolean()).isTrue();
            assertThat(sidecar.at("/lyrics/0/lines").findValuesAsText("text")).containsExactly("first line", "second line");
            assertThat(sidecar.at("/lyrics/0/lines/1/startMs").asLong()).isEqualTo(1500);
            JsonNode embedded = resonance.send("GET", "/api/v1/content/tracks/" + embeddedTrack + "/lyrics", null, auth).json();
            assertThat(embedded.path("source").asText()).as(embedded.toString()).isEqualTo("embedded");
            assertThat(embedded.at("/lyrics/0/lines/0/text").asText()).isEqualTo("embedded line");
            await(resonance, "/api/plugins/lyrics/status", auth, a -> a.status() == 200);
            // and its GraphQL field: Track.lyrics is in the schema while the plugin is enabled
            JsonNode graph = await(resonance, lyricsQuery, auth, a -> a.status() == 200 && a.json().at("/data/track/lyrics").size() > 0);
            assertThat(graph.at("/data/track/title").asText()).isEqualTo("Opening");
            assertThat(graph.at("/data/track/lyrics/0/source").asText()).isEqualTo("sidecar");
            assertThat(graph.at("/data/track/lyrics/0/lines").findValuesAsText("text")).containsExactly("first line", "second line");
            assertThat(resonance.send("GET", "/graphql/schema.graphqls", null, auth).body()).contains("lyrics: [LyricsText!]");

            // reconfigured through its metatype form: the sidecar source off, the change applied live
            JsonNode form = resonance.send("GET", "/api/v1/admin/plugins/lyrics/config", null, auth).json();
            assertThat(form.path("fields").findValuesAsText("id")).contains("sidecarEnabled", "lrclibEnabled");
            assertThat(resonance.send("PATCH", "/api/v1/admin/plugins/lyrics/config", "{\"sidecarEnabled\": false}", auth)
                .status()).isEqualTo(200);
            await(resonance, "/api/v1/content/tracks/" + lrcTrack + "/lyrics", auth,
                a -> a.status() == 200 && a.json().path("lyrics").isEmpty());
            assertThat(resonance.send("PATCH", "/api/v1/admin/plugins/lyrics/config", "{\"nope\": 1}", auth).status())
                .isEqualTo(400);

            // disabled: no lyrics, endpoint gone; uninstalled: gone from the list
            assertThat(resonance.send("POST", "/api/v1/admin/plugins/lyrics/disable", null, auth).json().path("state")
                .asText()).isEqualTo("DISABLED");
            assertThat(resonance.send("GET", "/api/v1/content/tracks/" + embeddedTrack + "/lyrics", null, auth).json()
                .path("lyrics")).isEmpty();
            await(resonance, "/api/plugins/lyrics/status", auth, a -> a.status() == 404);
            await(resonance, lyricsQuery, auth, a -> a.status() == 200 && a.json().at("/errors/0/message").asText().contains("lyrics"));
            assertThat(resonance.send("GET", "/graphql/schema.graphqls", null, auth).body()).doesNotContain("lyrics").contains("type Track {");
            assertThat(resonance.send("DELETE", "/api/v1/admin/plugins/lyrics", null, auth).status()).isEqualTo(204);
            assertThat(resonance.send("GET", "/api/v1/admin/plugins", null, auth).json()).isEmpty();

            // the plugin the SDK's archetype generates, uploaded as a third party would: disabled, enabled, answering
            Path generated = Path.of(System.getProperty("resonance.test.generatedPlugin", "missing"));
            assertThat(generated).as("sdk/archetype builds this jar before the distribution tests").exists();
            byte[] greeter = Files.readAllBytes(generated);
            JsonNode uploaded = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                upload(resonance, token, greeter, sha256(greeter)).body());
            assertThat(uploaded.path("id").asText()).as(uploaded.toString()).isEqualTo("greeter");
            assertThat(uploaded.path("state").asText()).isEqualTo("DISABLED");
            assertThat(resonance.send("POST", "/api/v1/admin/plugins/greeter/enable", null, auth).json().path("state")
                .asText()).isEqualTo("ENABLED");
            JsonNode greeting = await(resonance, "/api/plugins/greeter/greeting", auth, a -> a.status() == 200);
            assertThat(greeting.path("message").asText()).isEqualTo("Hello, root!");
            assertThat(resonance.send("GET", "/api/plugins/greeter/greeting", null, auth).json().path("greetings").asLong())
                .as("its key-value store counts").isEqualTo(greeting.path("greetings").asLong() + 1);

            // a plugin built for another core-api, uploaded: refused, with the reason
            byte[] future = futurePlugin();
            assertThat(upload(resonance, token, future, "00").statusCode()).isEqualTo(400);
            JsonNode refused = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                upload(resonance, token, future, sha256(future)).body());
            assertThat(refused.path("state").asText()).isEqualTo("REFUSED");
            assertThat(refused.path("reason").asText()).contains("needs core-api [9.0,10)");
            assertThat(resonance.send("POST", "/api/v1/admin/plugins/future/enable", null, auth).status()).isEqualTo(409);

            JsonNode audit = resonance.send("GET", "/api/v1/admin/plugins/audit", null, auth).json();
            assertThat(audit.findValuesAsText("action")).containsSubsequence("plugin.installed", "plugin.enabled",
                "plugin.configured", "plugin.disabled", "plugin.uninstalled", "plugin.installed", "plugin.enabled",
                "plugin.installed");
            for (int i = 0; i < core.length; i++) {
                assertThat(activations(resonance, token, core[i])).as(core[i] + " activations").isEqualTo(before[i]);
            }
            assertThat(resonance.get("/health").status()).isEqualTo(200);
        }
    }

    /**
     * Upgrade and downgrade from the repository ({@code PUT /api/v1/admin/plugins/{id}/version}): the server's own
     * repository ships one version of each plugin, so this one also reads a second repository (added to
     * {@code featuresRepositories} in its own etc/, as an operator adds a plugin source) offering the lyrics plugin at
     * 0.9.0 — the shipped jar with that Bundle-Version. The enabled plugin moves up and back down while running, keeps
     * its settings, and its endpoint answers from the version it was moved to; no core component is activated again.
     */
    @Test
    void anAdminUpgradesAndDowngradesAPluginFromTheRepository() throws Exception {
        Path repository = Files.createDirectories(music.resolveSibling(music.getFileName() + "-repository"));
        Path jar = repository.resolve("resonance-plugin-lyrics-0.9.0.jar");
        Files.write(jar, PluginJars.withBundleVersion(PluginJars.shipped(ResonanceProcess.HOME, "resonance-plugin-lyrics"),
            "0.9.0.later"));
        Path features = repository.resolve("features.xml");
        Files.writeString(features, """
            <features name="resonance-plugins-later" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
              <feature name="resonance-plugin-lyrics" version="0.9.0" install="manual" description="Lyrics, a later release">
                <feature dependency="true">resonance-core</feature>
                <bundle>%s</bundle>
              </feature>
            </features>
            """.formatted(jar.toUri()));
        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.startWithOwnEtc(Map.of("DB_URL", db.url(), "DB_USER", db.user(),
                 "MUSIC_LIBRARY_PATH", music.toString(), "RESONANCE_ADMIN_USER", "root",
                 "RESONANCE_ADMIN_PASSWORD", "root-password"), etc -> addRepository(etc, features.toUri().toString()))) {
            resonance.awaitReady();
            String token = resonance.send("POST", "/api/v1/auth/login",
                "{\"username\":\"root\",\"password\":\"root-password\",\"deviceId\":\"it\"}", Map.of()).json()
                .path("accessToken").asText();
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            String[] core = {"api", "auth", "library", "stream", "sync", "site", "database", "plugins"};
            double[] before = new double[core.length];
            for (int i = 0; i < core.length; i++) {
                before[i] = activations(resonance, token, core[i]);
            }

            List<String> versions = new java.util.ArrayList<>();
            resonance.send("GET", "/api/v1/admin/plugins/available", null, auth).json().forEach(p -> {
                if (p.path("id").asText().equals("lyrics")) {
                    versions.add(p.path("version").asText());
                }
            });
            assertThat(versions).as("both repositories' versions are offered").hasSize(2).contains("0.9.0");
            String shipped = versions.stream().filter(v -> !v.equals("0.9.0")).findFirst().orElseThrow();

            JsonNode installed = resonance.send("POST", "/api/v1/admin/plugins",
                "{\"id\":\"lyrics\",\"version\":\"" + shipped + "\"}", auth).json();
            assertThat(installed.path("version").asText()).as(installed.toString()).startsWith("0.1.0");
            assertThat(resonance.send("POST", "/api/v1/admin/plugins/lyrics/enable", null, auth).json().path("state")
                .asText()).isEqualTo("ENABLED");
            assertThat(resonance.send("PATCH", "/api/v1/admin/plugins/lyrics/config", "{\"cacheDays\": 7}", auth).status())
                .isEqualTo(200);
            await(resonance, "/api/plugins/lyrics/status", auth, a -> a.status() == 200
                && a.json().path("version").asText().startsWith("0.1.0"));

            JsonNode upgraded = resonance.send("PUT", "/api/v1/admin/plugins/lyrics/version", "{\"version\":\"0.9.0\"}", auth)
                .json();
            assertThat(upgraded.path("version").asText()).as(upgraded.toString()).isEqualTo("0.9.0.later");
            assertThat(upgraded.path("state").asText()).as("same permissions: it keeps running").isEqualTo("ENABLED");
            JsonNode later = await(resonance, "/api/plugins/lyrics/status", auth,
                a -> a.status() == 200 && a.json().path("version").asText().equals("0.9.0.later"));
            assertThat(later.at("/lrclib/cacheDays").asInt()).as("its settings kept: " + later).isEqualTo(7);

            JsonNode downgraded = resonance.send("PUT", "/api/v1/admin/plugins/lyrics/version",
                "{\"version\":\"" + shipped + "\"}", auth).json();
            assertThat(downgraded.path("version").asText()).as(downgraded.toString()).startsWith("0.1.0");
            assertThat(downgraded.path("state").asText()).isEqualTo("ENABLED");
            await(resonance, "/api/plugins/lyrics/status", auth, a -> a.status() == 200
                && a.json().path("version").asText().startsWith("0.1.0"));
            assertThat(resonance.send("PUT", "/api/v1/admin/plugins/lyrics/version", "{\"version\":\"7.0.0\"}", auth)
                .status()).as("a version the repositories do not offer").isEqualTo(404);

            JsonNode audit = resonance.send("GET", "/api/v1/admin/plugins/audit", null, auth).json();
            assertThat(audit.findValuesAsText("action")).containsSubsequence("plugin.installed", "plugin.enabled",
                "plugin.upgraded", "plugin.downgraded");
            for (int i = 0; i < core.length; i++) {
                assertThat(activations(resonance, token, core[i])).as(core[i] + " activations").isEqualTo(before[i]);
            }
        }
    }

    /** Adds {@code uri} to {@code featuresRepositories} in {@code etc}'s features configuration (read at first start). */
    private static void addRepository(Path etc, String uri) {
        try {
            Path cfg = etc.resolve("org.apache.karaf.features.cfg");
            String text = Files.readString(cfg);
            String key = "featuresRepositories = \\\n";
            assertThat(text).as(cfg + " lists its repositories as the distribution ships them").contains(key);
            Files.writeString(cfg, text.replace(key, key + "    " + uri + ", \\\n"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long trackId(JsonNode tracks, String title) {
        for (JsonNode track : tracks.path("items")) {
            if (track.path("title").asText().equals(title)) {
                return track.path("id").asLong();
            }
        }
        throw new AssertionError("no track " + title + " in " + tracks);
    }

    private static HttpResponse<String> upload(ResonanceProcess resonance, String token, byte[] jar, String sha256)
        throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + resonance.port
                + "/api/v1/admin/plugins/upload?sha256=" + sha256))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/java-archive")
            .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A plugin bundle whose descriptor names a core-api this server does not offer. */
    private static byte[] futurePlugin() throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "it.future");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Resonance-Plugin", "future");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("META-INF/resonance/plugin.json"));
            jar.write(("{\"id\":\"future\",\"name\":\"Future\",\"author\":\"IT\",\"description\":\"from the future\","
                + "\"license\":\"MIT\",\"api\":\"[9.0,10)\",\"capabilities\":[],\"permissions\":{}}")
                .getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
