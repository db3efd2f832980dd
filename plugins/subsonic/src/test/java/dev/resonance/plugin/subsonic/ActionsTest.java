package dev.resonance.plugin.subsonic;

import static dev.resonance.plugin.subsonic.testing.SampleLibrary.ABBEY_ROAD;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.BEATLES;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.HELP;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.HELP_SONG;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.SOMETHING;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.VENUS;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.YESTERDAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.Song;
import dev.resonance.plugin.subsonic.testing.Answers;
import dev.resonance.plugin.subsonic.testing.ServedLibrary;
import dev.resonance.plugin.subsonic.testing.SubsonicServer;
import dev.resonance.plugin.testkit.TestClientCatalog;
import java.time.Instant;
import java.util.Set;
import net.beardbot.subsonic.client.Subsonic;
import net.beardbot.subsonic.client.api.playlist.UpdatePlaylistParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.subsonic.restapi.Playlist;
import org.subsonic.restapi.PlaylistWithSongs;

/**
 * What changes the user's data — star, unstar, setRating, scrobble and the playlist methods — driven by the
 * third-party client library (XML) and by raw JSON requests, each answer checked against the schema; the changes are
 * read back from the core's side (the testkit's library, as the core would keep them). Carol may do everything; Alice
 * may not own playlists (error 50).
 */
class ActionsTest extends ServedLibrary {

    /** The methods this class (with MediaTest) checks, in both formats. */
    static final Set<String> METHODS = Set.of("star", "unstar", "setRating", "scrobble", "reportPlayback", "startScan", "createPlaylist",
        "updatePlaylist",
        "deletePlaylist", "stream", "download", "getCoverArt");

    static final String CAROL = "carol";
    static final String CAROL_PASSWORD = "carol-Tablet-3";
    private long carol;

    @BeforeAll
    void carol() {
        carol = harness.clientAccess().addUser(CAROL, Permission.ACCESS_CATALOG, Permission.LIKE_CONTENT, Permission.OWN_PLAYLISTS,
            Permission.ISSUE_CONTENT_DOWNLOAD, Permission.EDIT_CATALOG);
        harness.clientAccess().addAppPassword(CAROL, CAROL_PASSWORD);
    }

    private TestClientCatalog carolsView() {
        return harness.clientLibrary().catalogFor(new dev.resonance.api.auth.Caller(carol, CAROL, dev.resonance.api.auth.Role.REGULAR,
            Set.of(Permission.ACCESS_CATALOG), 1, java.util.UUID.randomUUID()));
    }

    private SubsonicServer.Exchange asCarol(String method, String params) throws Exception {
        return server.get(method, "u=" + CAROL + "&p=" + CAROL_PASSWORD + "&v=1.16.1&c=test&f=json"
            + (params.isEmpty() ? "" : "&" + params));
    }

    @Test
    void aStarIsTheUsersLikeAndUnstarTakesItBack() throws Exception {
        Subsonic subsonic = client(CAROL, CAROL_PASSWORD);

        subsonic.annotation().star("tr-" + YESTERDAY);
        subsonic.annotation().starAlbumID3("al-" + ABBEY_ROAD);
        subsonic.annotation().starArtistID3("ar-" + BEATLES);

        assertThat(carolsView().song(YESTERDAY).orElseThrow().marks().liked()).isPresent();
        assertThat(carolsView().album(ABBEY_ROAD).orElseThrow().album().marks().liked()).isPresent();
        assertThat(carolsView().artist(BEATLES).orElseThrow().artist().marks().liked()).isPresent();
        assertThat(subsonic.lists().getStarred2().getSongs()).extracting(s -> s.getId()).containsExactly("tr-" + YESTERDAY);

        // JSON, several at once, an album id given as id (the folder view's way)
        assertThat(Answers.errorCode(asCarol("unstar", "id=tr-" + YESTERDAY + "&id=al-" + ABBEY_ROAD + "&artistId=ar-" + BEATLES)))
            .isEqualTo(-1);
        assertThat(carolsView().song(YESTERDAY).orElseThrow().marks().liked()).isEmpty();
        assertThat(carolsView().album(ABBEY_ROAD).orElseThrow().album().marks().liked()).isEmpty();
        assertThat(carolsView().artist(BEATLES).orElseThrow().artist().marks().liked()).isEmpty();
        assertThat(Answers.errorCode(asCarol("star", ""))).isEqualTo(10);
        assertThat(Answers.errorCode(asCarol("star", "id=tr-999"))).isEqualTo(70);
        assertThat(Answers.errorCode(asCarol("star", "albumId=tr-" + YESTERDAY))).as("a song's id as an album").isEqualTo(70);
    }

    @Test
    void aRatingIsSetAndRemovedWithZero() throws Exception {
        Subsonic subsonic = client(CAROL, CAROL_PASSWORD);

        subsonic.annotation().setRating("al-" + HELP, 4);
        assertThat(carolsView().album(HELP).orElseThrow().album().marks().rating()).contains(4);
        assertThat(Answers.errorCode(asCarol("setRating", "id=al-" + HELP + "&rating=0"))).isEqualTo(-1);
        assertThat(carolsView().album(HELP).orElseThrow().album().marks().rating()).isEmpty();
        assertThat(Answers.errorCode(asCarol("setRating", "id=al-" + HELP + "&rating=6"))).isEqualTo(0);
        assertThat(Answers.errorCode(asCarol("setRating", "id=al-" + HELP))).isEqualTo(10);
    }

    @Test
    void aScrobbleIsAListenOnceAndNowPlayingIsTold() throws Exception {
        Subsonic subsonic = client(CAROL, CAROL_PASSWORD);
        long played = Instant.parse("2025-12-01T20:00:00Z").toEpochMilli(); // before the harness clock's now

        subsonic.annotation().scrobbleNowPlaying("tr-" + SOMETHING);
        subsonic.annotation().scrobble("tr-" + SOMETHING, played);
        assertThat(Answers.errorCode(asCarol("scrobble", "id=tr-" + SOMETHING + "&time=" + played))).as("sent twice").isEqualTo(-1);
        assertThat(Answers.errorCode(asCarol("scrobble", "id=tr-" + SOMETHING + "&time=yesterday"))).isEqualTo(0);

        assertThat(harness.clientLibrary().nowPlaying()).contains(carol + ":" + SOMETHING);
        Song something = carolsView().song(SOMETHING).orElseThrow();
        assertThat(something.marks().plays()).isEqualTo(1);
        assertThat(something.marks().lastPlayed()).contains(Instant.ofEpochMilli(played));
    }

    @Test
    void aPlayerTimelineIsReportedAndAStoppedPlayCountsByTheServersRule() throws Exception {
        String song = "mediaId=tr-" + HELP_SONG + "&mediaType=song";
        for (String step : new String[] {"state=starting&positionMs=0", "state=playing&positionMs=0", "state=paused&positionMs=60000",
            "state=playing&positionMs=60000", "state=stopped&positionMs=125000"}) {
            assertThat(Answers.errorCode(asCarol("reportPlayback", song + "&" + step + "&playbackRate=1.0"))).as(step).isEqualTo(-1);
        }
        assertThat(Answers.errorCode(server.get("reportPlayback", "u=" + CAROL + "&p=" + CAROL_PASSWORD + "&v=1.16.1&c=test&" + song
            + "&state=starting&positionMs=0&ignoreScrobble=true"))).isEqualTo(-1);

        assertThat(harness.clientLibrary().reports()).containsSubsequence(carol + ":" + HELP_SONG + ":STARTING:0",
            carol + ":" + HELP_SONG + ":PAUSED:60000", carol + ":" + HELP_SONG + ":STOPPED:125000",
            carol + ":" + HELP_SONG + ":STARTING:0:nowPlayingOnly");
        assertThat(carolsView().song(HELP_SONG).orElseThrow().marks().plays()).isEqualTo(1);
        assertThat(Answers.errorCode(asCarol("reportPlayback", song + "&state=rewinding&positionMs=0"))).isEqualTo(0);
        assertThat(Answers.errorCode(asCarol("reportPlayback", "mediaId=pod-1&mediaType=podcast&state=playing&positionMs=0")))
            .isEqualTo(70);
        assertThat(Answers.errorCode(asCarol("reportPlayback", song + "&state=playing"))).isEqualTo(10);
        assertThat(Answers.errorCode(asCarol("reportPlayback", song + "&state=playing&positionMs=-5"))).isEqualTo(0);
    }

    @Test
    void aScanIsStartedByWhoMayEditTheCatalogAndItsStatusRead() throws Exception {
        assertThat(Answers.errorCode(server.get("startScan", alice().replace("&v=", "&f=json&v=")))).as("Alice may not").isEqualTo(50);
        assertThat(client(CAROL, CAROL_PASSWORD).libraryScan().startScan().isScanning()).isFalse();
        JsonNode full = Answers.json(asCarol("startScan", "fullScan=true")).path("scanStatus");
        assertThat(full.path("count").asLong()).as("every song of the sample").isEqualTo(10);
        assertThat(harness.clientLibrary().scans()).containsExactly("quick", "full");
        assertThat(Answers.json(asCarol("getScanStatus", "")).at("/scanStatus/scanning").asBoolean()).isFalse();
    }

    @Test
    void playlistsAreCreatedReadUpdatedAndDeleted() throws Exception {
        Subsonic subsonic = client(CAROL, CAROL_PASSWORD);

        subsonic.playlists().createPlaylist("Road trip", "tr-" + HELP_SONG, "tr-" + YESTERDAY, "tr-" + VENUS);
        Playlist listed = subsonic.playlists().getPlaylists().stream().filter(p -> p.getName().equals("Road trip")).findFirst()
            .orElseThrow();
        assertThat(listed.getSongCount()).isEqualTo(3);
        assertThat(listed.getOwner()).isEqualTo(CAROL);
        assertThat(listed.getId()).startsWith("pl-");
        PlaylistWithSongs read = subsonic.playlists().getPlaylist(listed.getId());
        assertThat(read.getEntries()).extracting(e -> e.getId()).containsExactly("tr-" + HELP_SONG, "tr-" + YESTERDAY, "tr-" + VENUS);

        subsonic.playlists().updatePlaylist(listed.getId(), UpdatePlaylistParams.create().name("Long road trip").comment("A7")
            .makePublic().removeSong(0).removeSong(2).addSong("tr-" + SOMETHING));
        PlaylistWithSongs updated = subsonic.playlists().getPlaylist(listed.getId());
        assertThat(updated.getName()).isEqualTo("Long road trip");
        assertThat(updated.getComment()).isEqualTo("A7");
        assertThat(updated.isPublic()).isTrue();
        assertThat(updated.getEntries()).extracting(e -> e.getId()).containsExactly("tr-" + YESTERDAY, "tr-" + SOMETHING);

        // JSON: the answer of createPlaylist is the playlist (1.14+), replacing songs by playlistId
        JsonNode replaced = Answers.json(asCarol("createPlaylist", "playlistId=" + listed.getId() + "&songId=tr-" + VENUS));
        assertThat(replaced.at("/playlist/entry")).extracting(e -> e.path("id").asText()).containsExactly("tr-" + VENUS);
        assertThat(replaced.at("/playlist/readonly").asBoolean()).isFalse();
        assertThat(Answers.errorCode(asCarol("updatePlaylist", "playlistId=" + listed.getId() + "&songIndexToRemove=5")))
            .isEqualTo(0);
        assertThat(Answers.errorCode(asCarol("createPlaylist", "name=Gone&songId=tr-9999"))).isEqualTo(70);
        assertThat(Answers.errorCode(asCarol("createPlaylist", "songId=tr-" + VENUS))).isEqualTo(10);
        // another user's playlist can be read when public, not changed
        SubsonicServer.Exchange alicesTry = server.get("deletePlaylist", alice().replace("&v=", "&f=json&v=") + "&id=" + listed.getId());
        assertThat(Answers.errorCode(alicesTry)).isEqualTo(50);
        JsonNode seenByAlice = Answers.json(server.get("getPlaylist", alice().replace("&v=", "&f=json&v=") + "&id=" + listed.getId()));
        assertThat(seenByAlice.at("/playlist/readonly").asBoolean()).isTrue();
        assertThat(Answers.errorCode(server.get("createPlaylist", alice().replace("&v=", "&f=json&v=") + "&name=Mine")))
            .as("Alice may not own playlists").isEqualTo(50);

        assertThat(Answers.errorCode(asCarol("deletePlaylist", "id=" + listed.getId()))).isEqualTo(-1);
        assertThat(Answers.errorCode(asCarol("getPlaylist", "id=" + listed.getId()))).isEqualTo(70);
        assertThat(harness.clientLibrary().playlists()).extracting(p -> p.name()).doesNotContain("Long road trip");
    }
}
