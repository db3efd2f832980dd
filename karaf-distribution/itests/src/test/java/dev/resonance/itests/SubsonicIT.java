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
import java.util.concurrent.CompletionStage;
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
                .buildAsync(URI.create("ws://127.0.0.1:" + resonance.port + "/api/v1/ws"), collector(frames)).get(10, TimeUnit.SECONDS);
            try {
                socket.sendText("{\"type\":\"auth\",\"token\":\"" + laptop + "\"}", true).join();
                next(frames, "connected");
                subsonic.annotation().star(opening.getId());
                JsonNode event = next(frames, "event");
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

    private static WebSocket.Listener collector(BlockingQueue<JsonNode> into) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        into.add(JSON.readTree(text.toString()));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }

    private static JsonNode next(BlockingQueue<JsonNode> frames, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(200, TimeUnit.MILLISECONDS);
            if (frame != null && frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
        throw new AssertionError("no '" + type + "' frame within 10 s");
    }
}
