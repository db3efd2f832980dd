package dev.resonance.impl.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.ClientActions;
import dev.resonance.api.client.ClientMedia;
import dev.resonance.api.client.ClientPlaylists;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.client.Credentials;
import dev.resonance.api.client.Song;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.impl.library.search.CatalogSearch;
import dev.resonance.impl.stream.StreamParameters;
import dev.resonance.impl.stream.StreamServlet;
import dev.resonance.impl.stream.transcode.TranscodeFormat;
import dev.resonance.impl.stream.transcode.Transcoder;
import dev.resonance.testing.Ffmpeg;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client app's session acting as its user through the web app's own services: likes and ratings become sync events
 * of the app's device, plays become listens, playlists are the web app's, and media is served by the stream route.
 */
class ClientSessionTest {

    @TempDir
    java.nio.file.Path data;

    private ApiHarness api;
    private String token;
    private String secret;
    private CoreClientAccess access;
    private ClientSession session;
    private Server jetty;
    private String base;

    @BeforeEach
    void start() throws Exception {
        api = new ApiHarness();
        api.createUser("ada", "ada-password", "regular");
        token = api.accessToken("ada", "ada-password", "browser");
        for (int t = 1; t <= 4; t++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Alpha/Mango/" + t + ".mp3"), "title", "Mango track " + t, "artist", "Alpha",
                    "album", "Mango", "albumartist", "Alpha", "track", Integer.toString(t), "date", "2010", "genre", "Rock",
                    "duration", "200000");
        }
        api.scanMusic();
        secret = api.post("v1/user/app-passwords", token, Map.of("name", "DSub")).json().path("secret").asText();
        StreamServlet streams = new StreamServlet(api.auth::authenticate, api.stream.files(), new Transcoder(Ffmpeg::path,
                new Transcoder.Settings(4, 2, 30, 1.5, 5), Optional.empty()), api.stream.policy());
        access = new CoreClientAccess(api.db, new ClientBackends(() -> Optional.of(api.auth), () -> Optional.of(api.sync),
                () -> Optional.of(api.history), () -> Optional.of(api.playlists), () -> Optional.of(streams::deliver),
                () -> Optional.of(api.library), () -> Optional.of(api.playback()), trackId -> List.of(), ClientBackends.Similar.NONE), new CatalogSearch(api.db));
        session = access.signIn(new Credentials.ApiKey(secret), "192.0.2.1");
    }

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        api.close();
    }

    private long trackId(String title) {
        return api.db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT id FROM tracks WHERE title = '" + title + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private List<String> events(String type) {
        return api.db.read(c -> {
            List<String> found = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement("SELECT payload::text, device_id FROM user_events WHERE type = ? ORDER BY seq")) {
                ps.setString(1, type);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1) + " by " + rs.getLong(2));
                    }
                }
            }
            return found;
        });
    }

    @Test
    void aLikeOrRatingFromTheAppIsTheUsersOwnAndASyncEventOfTheAppsDevice() {
        long song = trackId("Mango track 2");
        ClientActions actions = session.actions();

        actions.like(ClientActions.Kind.SONG, song);
        actions.like(ClientActions.Kind.SONG, song); // again: nothing new
        actions.rate(ClientActions.Kind.SONG, song, 4);

        assertThat(api.get("v1/user/liked/track", token).json().path("items").findValuesAsText("id")).containsExactly(Long.toString(song));
        assertThat(events("like.added")).singleElement().asString().contains("\"id\": " + song)
                .endsWith(" by " + session.caller().deviceId());
        assertThat(events("rating.changed")).singleElement().asString().contains("\"rating\": 4");
        assertThat(session.catalog().song(song).orElseThrow().marks().rating()).contains(4);
        actions.unlike(ClientActions.Kind.SONG, song);
        actions.rate(ClientActions.Kind.SONG, song, 0);
        assertThat(session.catalog().song(song).orElseThrow().marks().liked()).isEmpty();
        assertThat(session.catalog().song(song).orElseThrow().marks().rating()).isEmpty();
        assertThatThrownBy(() -> actions.like(ClientActions.Kind.ALBUM, 987654))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> actions.rate(ClientActions.Kind.SONG, song, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSongPlayedToTheEndBecomesOneListenInTheHistory() {
        long song = trackId("Mango track 3");
        Instant started = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);

        session.actions().nowPlaying(song);
        session.actions().played(song, Optional.of(started));
        session.actions().played(song, Optional.of(started)); // the app sent it twice

        JsonNode history = api.get("v1/user/history", token).json();
        assertThat(history.path("items")).hasSize(1);
        assertThat(history.at("/items/0/track/id").asLong(history.at("/items/0/trackId").asLong())).isEqualTo(song);
        assertThat(session.catalog().song(song).orElseThrow().marks().plays()).isEqualTo(1);
        assertThatThrownBy(() -> session.actions().played(987654, Optional.empty()))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.NOT_FOUND));
    }

    @Test
    void aPlayerTimelineBecomesAListenByTheServersRuleAndNowPlayingOnlyCountsNothing() {
        long song = trackId("Mango track 4");
        long other = trackId("Mango track 1");
        ClientActions actions = session.actions();

        actions.report(other, ClientActions.PlayerState.STARTING, 0, true);
        api.clock.advance(java.time.Duration.ofSeconds(150));
        actions.report(song, ClientActions.PlayerState.STARTING, 0, false);
        actions.report(song, ClientActions.PlayerState.PLAYING, 0, false);
        api.clock.advance(java.time.Duration.ofSeconds(60));
        actions.report(song, ClientActions.PlayerState.PAUSED, 60_000, false);
        api.clock.advance(java.time.Duration.ofSeconds(300)); // paused: earns nothing
        actions.report(song, ClientActions.PlayerState.PLAYING, 60_000, false);
        api.clock.advance(java.time.Duration.ofSeconds(50));
        actions.report(song, ClientActions.PlayerState.STOPPED, 110_000, false);

        JsonNode history = api.get("v1/user/history", token).json().path("items");
        assertThat(history).as(history.toString()).hasSize(1);
        assertThat(session.catalog().song(song).orElseThrow().marks().plays()).isEqualTo(1);
        assertThat(session.catalog().song(other).orElseThrow().marks().plays()).as("now playing only").isZero();
        assertThatThrownBy(() -> actions.report(song, ClientActions.PlayerState.PLAYING, -1, false))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.INVALID));
    }

    @Test
    void nowPlayingIsTheUsersOwnPlayersThatHaveNotStoppedOrGoneQuiet() throws Exception {
        api.clock.freeze();
        long one = trackId("Mango track 1");
        long two = trackId("Mango track 2");
        long three = trackId("Mango track 3");
        String secondApp = api.post("v1/user/app-passwords", token, Map.of("name", "Symfonium")).json().path("secret").asText();
        ClientSession symfonium = access.signIn(new Credentials.ApiKey(secondApp), "192.0.2.1");
        api.createUser("bob", "bob-password", "regular");
        String bobToken = api.accessToken("bob", "bob-password", "browser");
        String bobApp = api.post("v1/user/app-passwords", bobToken, Map.of("name", "Bob's phone")).json().path("secret").asText();
        ClientSession bob = access.signIn(new Credentials.ApiKey(bobApp), "192.0.2.2");
        assertThat(session.actions().playingNow()).isEmpty();

        session.actions().report(one, ClientActions.PlayerState.PLAYING, 100_000, false);
        api.clock.advance(java.time.Duration.ofSeconds(20));
        symfonium.actions().report(two, ClientActions.PlayerState.STARTING, 0, false);
        bob.actions().report(three, ClientActions.PlayerState.PLAYING, 0, false);
        api.clock.advance(java.time.Duration.ofSeconds(10));

        List<ClientActions.NowPlaying> playing = session.actions().playingNow();
        assertThat(playing).extracting(p -> p.song().id(), ClientActions.NowPlaying::device, ClientActions.NowPlaying::state,
                ClientActions.NowPlaying::positionMs).containsExactly(
                org.assertj.core.groups.Tuple.tuple(two, "Symfonium", ClientActions.PlayerState.PAUSED, 0L),
                org.assertj.core.groups.Tuple.tuple(one, "DSub", ClientActions.PlayerState.PLAYING, 130_000L));
        assertThat(playing.get(1).deviceId()).isEqualTo(session.caller().deviceId());
        assertThat(playing.get(1).updatedAt()).isEqualTo(api.clock.instant().minusSeconds(30));
        assertThat(bob.actions().playingNow()).as("another user's listening is not shown")
                .singleElement().satisfies(p -> assertThat(p.song().id()).isEqualTo(three));

        // stopped: gone; paused longer than the window: gone; playing past the song's end and the grace: gone
        session.actions().report(one, ClientActions.PlayerState.STOPPED, 131_000, false);
        assertThat(session.actions().playingNow()).extracting(p -> p.song().id()).containsExactly(two);
        api.clock.advance(java.time.Duration.ofMinutes(ClientActions.PAUSED_SHOWN_MINUTES).plusSeconds(1));
        assertThat(session.actions().playingNow()).isEmpty();
        assertThat(bob.actions().playingNow()).as("bob's song (200 s) would have ended long ago").isEmpty();

        // the web app's Connect playback shows as its device
        session.actions().savePlayQueue(List.of(one, two), 1, 5_000);
        dev.resonance.api.auth.Caller browser = api.auth.authenticate(token).orElseThrow();
        api.playback().connection(browser, true);
        api.playback().transfer(browser, new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"target\":" + browser.deviceId() + ",\"play\":true}"));
        api.clock.advance(java.time.Duration.ofSeconds(3));
        assertThat(session.actions().playingNow()).singleElement().satisfies(p -> {
            assertThat(p.deviceId()).isEqualTo(browser.deviceId());
            assertThat(p.song().id()).isEqualTo(two);
            assertThat(p.state()).isEqualTo(ClientActions.PlayerState.PLAYING);
            assertThat(p.positionMs()).isEqualTo(8_000);
        });
    }

    @Test
    void anAppsQueueBecomesTheSharedOneUnlessAnotherDeviceIsPlaying() throws Exception {
        List<Long> queue = List.of(trackId("Mango track 1"), trackId("Mango track 2"), trackId("Mango track 3"));
        ClientActions actions = session.actions();
        assertThat(actions.playQueue()).isEmpty();

        actions.savePlayQueue(queue, 1, 30_000);

        ClientActions.PlayQueue saved = actions.playQueue().orElseThrow();
        assertThat(saved.songIds()).isEqualTo(queue);
        assertThat(saved.current()).contains(1);
        assertThat(saved.positionMs()).isEqualTo(30_000);
        assertThat(saved.changedBy()).contains("DSub");
        JsonNode state = api.get("v1/sync/state", token).json().path("playback");
        assertThat(state.path("activeDeviceId").asLong()).as(state.toString()).isEqualTo(session.caller().deviceId());
        assertThat(state.path("playing").asBoolean()).isFalse();

        // the browser takes over and plays: the app's next save is refused, and nothing changes
        dev.resonance.api.auth.Caller browser = api.auth.authenticate(token).orElseThrow();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        api.playback().connection(browser, true);
        api.playback().transfer(browser, json.readTree("{\"target\":" + browser.deviceId() + ",\"play\":true}"));
        assertThatThrownBy(() -> actions.savePlayQueue(List.of(queue.get(2)), 0, 0))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.code()).isEqualTo("another_device_playing"));
        assertThat(actions.playQueue().orElseThrow().songIds()).isEqualTo(queue);
        // paused there: the app may save again
        api.playback().report(browser, json.readTree("{\"playing\":false}"));
        actions.savePlayQueue(List.of(queue.get(2)), 0, 5_000);
        assertThat(actions.playQueue().orElseThrow().songIds()).containsExactly(queue.get(2));
        actions.savePlayQueue(List.of(), 0, 0);
        assertThat(actions.playQueue()).isEmpty();
        assertThatThrownBy(() -> actions.savePlayQueue(queue, 3, 0)).isInstanceOf(ResonanceException.class);
    }

    @Test
    void theScanStatusIsReadAndAScanStartedByWhoMayEditTheCatalog() throws Exception {
        dev.resonance.api.client.ClientCatalog.ScanStatus status = session.catalog().scanStatus();
        assertThat(status.scanning()).isFalse();
        assertThat(status.count()).as("the files the last scan found").isEqualTo(4);
        assertThatThrownBy(() -> session.actions().startScan(false))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));

        api.auth.grant(session.caller().userId(), Permission.EDIT_CATALOG, Optional.empty(), Optional.empty());
        ClientSession editor = access.signIn(new Credentials.ApiKey(secret), "192.0.2.1");
        PropertiesTagReader.write(api.musicRoot.resolve("Alpha/Mango/5.mp3"), "title", "Mango track 5", "artist", "Alpha",
                "album", "Mango", "albumartist", "Alpha", "track", "5");
        editor.actions().startScan(false);
        editor.actions().startScan(false); // while it runs: nothing more
        dev.resonance.testing.Await.until("the scan ends", () -> !editor.catalog().scanStatus().scanning(), java.time.Duration.ofSeconds(30));
        assertThat(editor.catalog().scanStatus().count()).isEqualTo(5);
        assertThat(editor.catalog().song(trackId("Mango track 5"))).isPresent();
    }

    @Test
    void playlistsAreTheWebAppsAndSongsAreAddressedByIndex() {
        long one = trackId("Mango track 1");
        long two = trackId("Mango track 2");
        long three = trackId("Mango track 3");
        ClientPlaylists playlists = session.playlists();

        assertThatThrownBy(() -> playlists.create("Gone", List.of(one, 987654L)))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.NOT_FOUND));
        ClientPlaylists.PlaylistSongs created = playlists.create("Road trip", List.of(one, two, three));

        assertThat(created.songs()).extracting(Song::id).containsExactly(one, two, three);
        assertThat(created.playlist().editable()).isTrue();
        assertThat(created.playlist().owner()).isEqualTo("ada");
        JsonNode mine = api.get("v1/user/playlists?scope=mine", token).json();
        assertThat(mine.path("items").findValuesAsText("name")).containsExactly("Road trip");
        long id = created.playlist().id();

        playlists.update(id, Optional.of("Long road trip"), Optional.of("for the A7"), Optional.of(true), List.of(one), List.of(0, 2));
        ClientPlaylists.PlaylistSongs updated = playlists.playlist(id).orElseThrow();
        assertThat(updated.playlist().name()).isEqualTo("Long road trip");
        assertThat(updated.playlist().comment()).isEqualTo("for the A7");
        assertThat(updated.playlist().isPublic()).isTrue();
        assertThat(updated.songs()).extracting(Song::id).containsExactly(two, one);
        assertThatThrownBy(() -> playlists.update(id, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(5)))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.INVALID));
        assertThat(playlists.replaceSongs(id, List.of(three, three)).songs()).extracting(Song::id).containsExactly(three, three);
        assertThat(playlists.playlists()).extracting(ClientPlaylists.Playlist::name).containsExactly("Long road trip");

        playlists.delete(id);
        assertThat(playlists.playlist(id)).isEmpty();
        assertThat(api.get("v1/user/playlists?scope=mine", token).json().path("items")).isEmpty();
    }

    @Test
    void withoutThePermissionsNothingIsChanged() {
        long regular = api.auth.userId("ada").orElseThrow();
        api.auth.revoke(regular, Permission.LIKE_CONTENT, Optional.empty());
        api.auth.revoke(regular, Permission.OWN_PLAYLISTS, Optional.empty());
        ClientSession limited = access.session(api.auth.sessionCaller(regular, session.caller().sessionId()).orElseThrow());

        assertThatThrownBy(() -> limited.actions().like(ClientActions.Kind.SONG, trackId("Mango track 1")))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> limited.playlists().create("Nope", List.of()))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));
        assertThat(api.get("v1/user/liked/track", token).json().path("items")).isEmpty();
    }

    @Test
    void audioIsServedAsTheStreamRouteServesItWithRangesAndDownloadsNeedThePermission() throws Exception {
        long song = trackId("Mango track 1");
        byte[] file = Files.readAllBytes(api.musicRoot.resolve("Alpha/Mango/1.mp3"));
        serve();
        HttpClient http = HttpClient.newHttpClient();

        // the app's own query (here a "client" the core's quality hints would refuse) is not read as hints
        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(URI.create(base + "/stream/" + song + "?format=raw&client=DSub")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(base + "/stream/" + song + "?format=raw"))
                .header("Range", "bytes=2-5").build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(base + "/download/" + song)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/stream/987654")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(file);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(file, 2, 6));
        assertThat(download.statusCode()).as("ada may not download").isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(404);
        api.auth.grant(session.caller().userId(), Permission.ISSUE_CONTENT_DOWNLOAD, Optional.empty(), Optional.empty());
        session = access.signIn(new Credentials.ApiKey(secret), "192.0.2.1");
        HttpResponse<byte[]> allowed = http.send(HttpRequest.newBuilder(URI.create(base + "/download/" + song)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    }

    /** A servlet that answers as a client protocol would: {@code /stream/{id}}, {@code /download/{id}}; refusals as statuses. */
    private void serve() throws Exception {
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
                String[] path = request.getPathInfo().split("/");
                long id = Long.parseLong(path[2]);
                try {
                    if (path[1].equals("download")) {
                        session.media().download(id, request, response);
                    } else {
                        session.media().stream(id, new ClientMedia.StreamOptions(Optional.ofNullable(request.getParameter("format")),
                                Optional.empty(), 0), request, response);
                    }
                } catch (ResonanceException e) {
                    response.sendError(e.kind() == ResonanceException.Kind.NOT_FOUND ? 404 : e.kind() == ResonanceException.Kind.FORBIDDEN
                            ? 403 : 400);
                }
            }
        }), "/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Test
    void anAppsStreamOptionsBecomeTheCoresParameters() {
        assertThat(CoreMedia.parameters(ClientMedia.StreamOptions.DEFAULT)).isEqualTo(StreamParameters.NONE);
        assertThat(CoreMedia.parameters(new ClientMedia.StreamOptions(Optional.of("raw"), Optional.of(128), 0)).original()).isTrue();
        StreamParameters opus = CoreMedia.parameters(new ClientMedia.StreamOptions(Optional.of("OPUS"), Optional.of(9000), 30_000));
        assertThat(opus.format()).contains(TranscodeFormat.OPUS);
        assertThat(opus.bitrateKbps()).contains(TranscodeFormat.OPUS.maxKbps());
        assertThat(opus.offsetMillis()).isEqualTo(30_000);
        assertThat(CoreMedia.parameters(new ClientMedia.StreamOptions(Optional.empty(), Optional.of(0), 0)).bitrateKbps()).isEmpty();
        assertThat(CoreMedia.parameters(new ClientMedia.StreamOptions(Optional.empty(), Optional.of(8), 0)).bitrateKbps())
                .contains(StreamParameters.MIN_CAP_KBPS);
        assertThatThrownBy(() -> CoreMedia.parameters(new ClientMedia.StreamOptions(Optional.of("flac"), Optional.empty(), 0)))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.code()).isEqualTo("invalid_format"));
    }

    @Test
    void anImageIsReadScaledAndUnknownOnesAreEmpty() throws Exception {
        java.awt.image.BufferedImage cover = new java.awt.image.BufferedImage(300, 300, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(cover, "png", png);
        long imageId = api.library.images().store(png.toByteArray()).orElseThrow();

        ClientMedia.Image original = session.media().image(imageId, Optional.empty()).orElseThrow();
        ClientMedia.Image small = session.media().image(imageId, Optional.of(64)).orElseThrow();

        assertThat(original.bytes()).isEqualTo(png.toByteArray());
        assertThat(original.contentType()).isEqualTo("image/png");
        assertThat(small.contentType()).isEqualTo("image/jpeg");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(small.bytes())).getWidth()).isEqualTo(64);
        assertThat(small.etag()).isNotEqualTo(original.etag());
        assertThat(session.media().image(987654, Optional.empty())).isEmpty();
        assertThatThrownBy(() -> session.media().image(imageId, Optional.of(5))).isInstanceOf(ResonanceException.class);
    }
}
