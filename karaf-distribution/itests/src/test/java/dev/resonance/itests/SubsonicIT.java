package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.testing.Ffmpeg;
import dev.resonance.testing.TestDatabase;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.beardbot.subsonic.client.Subsonic;
import net.beardbot.subsonic.client.SubsonicPreferences;
import net.beardbot.subsonic.client.api.lists.AlbumListParams;
import net.beardbot.subsonic.client.api.lists.AlbumListType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subsonic.restapi.AlbumID3;
import org.subsonic.restapi.AlbumWithSongsID3;
import org.subsonic.restapi.Child;

/**
 * The Subsonic plugin in the real distribution, driven by a third-party Subsonic client library: installed and enabled
 * through the plugin manager, an app password made in the user's account, then browsing, a star that reaches the
 * user's web device over the sync socket at once, a playlist that is the web app's, and a stream of the real file.
 */
class SubsonicIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path music;

    @Test
    void aSubsonicAppBrowsesStarsMakesPlaylistsAndStreamsAsItsUser() throws Exception {
        Path song = music.resolve("Alpha/First/01.mp3");
        Files.createDirectories(song.getParent());
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "libmp3lame", "-metadata", "title=Opening",
            "-metadata", "artist=Alpha", "-metadata", "album=First", "-metadata", "track=1", song.toString());

        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.start(Map.of("DB_URL", db.url(), "DB_USER", db.user(),
                 "MUSIC_LIBRARY_PATH", music.toString(), "RESONANCE_ADMIN_USER", "root", "RESONANCE_ADMIN_PASSWORD", "root-password"))) {
            resonance.awaitReady();
            String laptop = login(resonance, "laptop");
            Map<String, String> auth = Map.of("Authorization", "Bearer " + laptop);
            await(resonance, "/api/v1/content/tracks", auth, a -> a.status() == 200 && a.json().path("items").size() == 1);

            // nothing serves /rest until an admin installs and enables the plugin: the site says so (503, not a 404 that
            // an app would take for "no such server")
            assertThat(resonance.send("GET", "/rest/ping", null, Map.of()).status()).isEqualTo(503);
            JsonNode installed = resonance.send("POST", "/api/v1/admin/plugins", "{\"id\":\"subsonic\"}", auth).json();
            assertThat(installed.path("state").asText()).as(installed.toString()).isEqualTo("DISABLED");
            assertThat(installed.at("/descriptor/permissions").fieldNames()).toIterable().containsExactly("client-api");
            assertThat(resonance.send("POST", "/api/v1/admin/plugins/subsonic/enable", null, auth).json().path("state").asText())
                .isEqualTo("ENABLED");
            await(resonance, "/rest/getOpenSubsonicExtensions?f=json", Map.of(), a -> a.status() == 200);

            // the user makes an app password for the app (Settings → App passwords): it is a device of its own
            ResonanceProcess.Answer made = resonance.send("POST", "/api/v1/user/app-passwords", "{\"name\":\"DSub\"}", auth);
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            String secret = made.json().path("secret").asText();
            Subsonic subsonic = new Subsonic(preferences(resonance, "root", secret));
            assertThat(subsonic.testConnection()).isTrue();
            assertThat(resonance.send("GET", "/rest/ping?u=root&p=root-password&v=1.16.1&c=it&f=json", null, Map.of()).json()
                .at("/subsonic-response/error/code").asInt()).as("the account password is not an app password").isEqualTo(40);

            List<AlbumID3> albums = subsonic.lists().getAlbumList2(AlbumListParams.create().type(AlbumListType.NEWEST)).getAlbums();
            assertThat(albums).extracting(AlbumID3::getName).containsExactly("First");
            AlbumWithSongsID3 album = subsonic.browsing().getAlbum(albums.get(0).getId());
            Child opening = album.getSongs().get(0);
            assertThat(opening.getTitle()).isEqualTo("Opening");
            assertThat(opening.getSize()).isEqualTo(Files.size(song));
            long trackId = Long.parseLong(opening.getId().substring("tr-".length()));

            // a star from the app reaches the user's web device on the sync socket, as a like of the app's device
            BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + resonance.port + "/api/v1/ws"), JsonFrames.collector(frames)).get(10, TimeUnit.SECONDS);
            try {
                socket.sendText("{\"type\":\"auth\",\"token\":\"" + laptop + "\"}", true).join();
                JsonFrames.next(frames, "connected");
                subsonic.annotation().star(opening.getId());
                JsonNode event = JsonFrames.next(frames, "event");
                assertThat(event.at("/event/type").asText()).isEqualTo("like.added");
                assertThat(event.at("/event/payload/id").asLong()).isEqualTo(trackId);
                assertThat(event.at("/event/payload/type").asText()).isEqualTo("track");
            } finally {
                socket.abort();
            }
            assertThat(resonance.send("GET", "/api/v1/user/liked/track", null, auth).json().path("items").findValuesAsText("id"))
                .containsExactly(Long.toString(trackId));

            // a playlist made in the app is the web app's, in REST and in GraphQL
            subsonic.playlists().createPlaylist("From DSub", opening.getId());
            JsonNode playlists = resonance.send("GET", "/api/v1/user/playlists?scope=mine", null, auth).json();
            assertThat(playlists.path("items").findValuesAsText("name")).containsExactly("From DSub");
            assertThat(playlists.at("/items/0/trackCount").asInt()).isEqualTo(1);
            JsonNode graph = resonance.send("POST", "/graphql", "{\"query\":\"{ playlists { items { name trackCount } } }\"}",
                Map.of("Authorization", "Bearer " + laptop, "Content-Type", "application/json")).json();
            assertThat(graph.toString()).as(graph.toString()).contains("From DSub");

            // the file itself, through the core's stream route
            byte[] streamed;
            try (InputStream in = subsonic.media().stream(opening.getId(),
                net.beardbot.subsonic.client.api.media.StreamParams.create().format("raw")).getInputStream()) {
                streamed = in.readAllBytes();
            }
            assertThat(streamed).isEqualTo(Files.readAllBytes(song));

            // revoked in the account: the app is refused at once
            String id = made.json().path("id").asText();
            assertThat(resonance.send("DELETE", "/api/v1/user/app-passwords/" + id, null, auth).status()).isEqualTo(204);
            assertThat(resonance.send("GET", "/rest/ping?u=root&p=" + secret + "&v=1.16.1&c=it&f=json", null, Map.of()).json()
                .at("/subsonic-response/error/code").asInt()).isEqualTo(40);
            assertThat(resonance.log()).doesNotContain(secret, "root-password");
        }
    }

    /**
     * While the web player streams a file (the core's {@code /stream}) and a Subsonic app streams it through
     * {@code /rest/stream}, both reading it slowly, an admin installs, enables, upgrades (an upload of the shipped jar with a higher
     * Bundle-Version), disables and uninstalls the plugin. Both streams arrive whole and exact, {@code /rest} answers
     * "ok" while the plugin is enabled and 503 while it is not, and no core component is activated again.
     */
    @Test
    void thePluginIsInstalledUpgradedAndRemovedWhileStreamsPlay() throws Exception {
        Path wav = music.resolve("Long/Piece/01.wav");
        Files.createDirectories(wav.getParent());
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=330:duration=16", "-ac", "2", "-ar", "44100", "-c:a", "pcm_s16le",
            "-metadata", "title=Long", "-metadata", "artist=Beta", "-metadata", "album=Piece", wav.toString());
        // both players read the 16 s file over 40 s (slower than realtime, data always flowing): the admin's steps take
        // ~10 s here, and the streams must still be in progress after the last one (checked below) on a slower machine too
        long pace = Files.size(wav) / 40;
        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.start(Map.of("DB_URL", db.url(), "DB_USER", db.user(),
                 "MUSIC_LIBRARY_PATH", music.toString(), "RESONANCE_ADMIN_USER", "root", "RESONANCE_ADMIN_PASSWORD", "root-password"))) {
            resonance.awaitReady();
            String token = login(resonance, "laptop");
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            await(resonance, "/api/v1/content/tracks", auth, a -> a.status() == 200 && a.json().path("items").size() == 1);
            long trackId = resonance.send("GET", "/api/v1/content/tracks", null, auth).json().at("/items/0/id").asLong();
            String secret = resonance.send("POST", "/api/v1/user/app-passwords", "{\"name\":\"Symfonium\"}", auth).json()
                .path("secret").asText();
            String rest = "u=root&p=" + secret + "&v=1.16.1&c=it&f=json";
            expectState(resonance.send("POST", "/api/v1/admin/plugins", "{\"id\":\"subsonic\"}", auth), "DISABLED");
            expectState(resonance.send("POST", "/api/v1/admin/plugins/subsonic/enable", null, auth), "ENABLED");
            await(resonance, "/rest/ping?" + rest, Map.of(), a -> a.status() == 200);
            java.util.function.ToDoubleFunction<String> activations = component -> {
                try {
                    return resonance.send("GET", "/metrics", null, auth).body().lines()
                        .filter(l -> l.startsWith("resonance_component_activations_total{component=\"" + component + "\"}"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            String[] core = {"api", "auth", "library", "stream", "sync", "site", "database", "plugins"};
            double[] before = new double[core.length];
            for (int i = 0; i < core.length; i++) {
                before[i] = activations.applyAsDouble(core[i]);
            }

            java.util.concurrent.CompletableFuture<byte[]> web = play(URI.create("http://127.0.0.1:" + resonance.port + "/stream/"
                + trackId + "?format=original"), Map.of("Authorization", "Bearer " + token), pace);
            java.util.concurrent.CompletableFuture<byte[]> app = play(URI.create("http://127.0.0.1:" + resonance.port
                + "/rest/stream?" + rest + "&format=raw&id=tr-" + trackId), Map.of(), pace);
            Thread.sleep(1500);

            byte[] upgraded = dev.resonance.testing.PluginJars.withBundleVersion(
                dev.resonance.testing.PluginJars.shipped(ResonanceProcess.HOME, "resonance-plugin-subsonic"), "0.2.0.upgraded");
            java.net.http.HttpResponse<String> upload = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + resonance.port + "/api/v1/admin/plugins/upload?sha256=" + sha256(upgraded)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/java-archive")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(upgraded)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            assertThat(JSON.readTree(upload.body()).path("version").asText()).isEqualTo("0.2.0.upgraded");
            await(resonance, "/rest/ping?" + rest, Map.of(), a -> a.status() == 200
                && a.json().at("/subsonic-response/serverVersion").asText().equals("0.2.0.upgraded"));
            Thread.sleep(1500);
            expectState(resonance.send("POST", "/api/v1/admin/plugins/subsonic/disable", null, auth), "DISABLED");
            await(resonance, "/rest/ping?" + rest, Map.of(), a -> a.status() == 503);
            Thread.sleep(1500);
            assertThat(resonance.send("DELETE", "/api/v1/admin/plugins/subsonic", null, auth).status()).isEqualTo(204);
            assertThat(resonance.send("GET", "/rest/ping?" + rest, null, Map.of()).status()).isEqualTo(503);
            expectState(resonance.send("POST", "/api/v1/admin/plugins", "{\"id\":\"subsonic\"}", auth), "DISABLED");
            expectState(resonance.send("POST", "/api/v1/admin/plugins/subsonic/enable", null, auth), "ENABLED");
            await(resonance, "/rest/ping?" + rest, Map.of(), a -> a.status() == 200);
            assertThat(web.isDone()).as("the web stream still plays after every step: else this proves nothing").isFalse();
            assertThat(app.isDone()).as("the app's stream too").isFalse();

            byte[] file = Files.readAllBytes(wav);
            assertThat(web.get(60, TimeUnit.SECONDS)).as("the web player's stream, whole and exact").isEqualTo(file);
            assertThat(app.get(60, TimeUnit.SECONDS)).as("the app's stream through the plugin, whole and exact").isEqualTo(file);
            for (int i = 0; i < core.length; i++) {
                assertThat(activations.applyAsDouble(core[i])).as(core[i] + " activations").isEqualTo(before[i]);
            }
        }
    }

    private static void expectState(ResonanceProcess.Answer answer, String state) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("state").asText()).as(answer.body()).isEqualTo(state);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Reads the answer at {@code bytesPerSecond} (as a player does), on a thread of its own; its body once it ended. */
    private static java.util.concurrent.CompletableFuture<byte[]> play(URI uri, Map<String, String> headers, long bytesPerSecond) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
                headers.forEach(c::setRequestProperty);
                c.setReadTimeout(30_000);
                if (c.getResponseCode() != 200) {
                    throw new AssertionError(uri.getPath() + " answered " + c.getResponseCode());
                }
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                long started = System.nanoTime();
                byte[] chunk = new byte[16 * 1024];
                try (InputStream in = c.getInputStream()) {
                    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                        body.write(chunk, 0, n);
                        long due = started + body.size() * 1_000_000_000L / bytesPerSecond;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
                return body.toByteArray();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "player " + uri.getPath());
            t.setDaemon(true);
            t.start();
        });
    }

    private static SubsonicPreferences preferences(ResonanceProcess resonance, String username, String secret) {
        SubsonicPreferences preferences = new SubsonicPreferences("http://127.0.0.1:" + resonance.port, username, secret);
        preferences.setClientName("subsonic-it");
        return preferences;
    }

    private static String login(ResonanceProcess resonance, String device) throws Exception {
        ResonanceProcess.Answer login = resonance.send("POST", "/api/v1/auth/login",
            "{\"username\":\"root\",\"password\":\"root-password\",\"deviceId\":\"" + device + "\",\"deviceType\":\"web\"}", Map.of());
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().path("accessToken").asText();
    }

    private static void await(ResonanceProcess resonance, String path, Map<String, String> auth,
                              java.util.function.Predicate<ResonanceProcess.Answer> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ResonanceProcess.Answer last = null;
        while (System.nanoTime() < deadline) {
            last = resonance.send("GET", path, null, auth);
            if (done.test(last)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " never matched; last " + last);
    }
}
