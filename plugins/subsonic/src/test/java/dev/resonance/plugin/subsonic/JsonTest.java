package dev.resonance.plugin.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.plugin.subsonic.testing.Answers;
import dev.resonance.plugin.subsonic.testing.ServedLibrary;
import dev.resonance.plugin.subsonic.testing.SubsonicServer.Exchange;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * JSON carries what XML carries: for every deterministic request of every implemented method (and its errors), the
 * JSON answer checks against the XSD-derived types with the OpenSubsonic additions, and reads as the same data as the
 * XML answer to the same request.
 */
class JsonTest extends ServedLibrary {

    static Stream<String> requests() {
        return Stream.of("ping", "getLicense", "getMusicFolders", "getIndexes", "getIndexes?musicFolderId=2",
            "getArtists", "getArtist?id=ar-1", "getArtist?id=ar-2", "getAlbum?id=al-10", "getAlbum?id=al-13",
            "getSong?id=tr-100", "getSong?id=tr-109", "getMusicDirectory?id=ar-1", "getMusicDirectory?id=al-10",
            "getGenres", "getTopSongs?artist=The%20Beatles",
            "getAlbumList?type=newest&size=500", "getAlbumList2?type=alphabeticalByName",
            "getAlbumList2?type=alphabeticalByArtist", "getAlbumList2?type=highest", "getAlbumList2?type=frequent",
            "getAlbumList2?type=recent", "getAlbumList2?type=starred", "getAlbumList2?type=byYear&fromYear=1960&toYear=2000",
            "getAlbumList?type=byGenre&genre=Electronic", "getSongsByGenre?genre=Rock&count=500",
            "getStarred", "getStarred2", "search2?query=", "search3?query=", "search3?query=beat&songCount=1",
            "getOpenSubsonicExtensions", "getPlaylists", "getPlaylist?id=pl-1", "getLyricsBySongId?id=tr-100",
            "getLyricsBySongId?id=tr-100&enhanced=true", "getLyricsBySongId?id=tr-101", "getUser?username=alice",
            "getInternetRadioStations", "getPodcasts", "getNewestPodcasts", "getBookmarks", "getShares",
            "getSimilarSongs2?id=tr-100", "getSimilarSongs?id=al-10&count=1", "getSimilarSongs2?id=ar-1", "getArtistInfo2?id=ar-1",
            "getArtistInfo?id=ar-2", "getAlbumInfo2?id=al-10", "getAlbumInfo?id=al-12", "getTopSongs?id=ar-1&count=2", "getScanStatus", "getLyrics?artist=The%20Beatles&title=Help!",
            "getLyrics?title=Nothing", "getNowPlaying", "getSonicSimilarTracks?id=tr-100", "getSonicSimilarTracks?id=tr-105&count=2",
            "getSonicSimilarTracks?id=tr-101", "findSonicPath?startSongId=tr-100&endSongId=tr-105&count=5",
            "findSonicPath?startSongId=tr-100&endSongId=tr-100",
            // failures
            "getAlbum?id=al-999", "getAlbum", "getPlaylist?id=pl-999", "getPlaylists?username=bob", "getLyricsBySongId?id=tr-999", "getUser?username=bob", "getUser", "getSimilarSongs2?id=tr-999", "getArtistInfo2?id=al-10", "getTopSongs?id=ar-999", "unknownMethod", "ping?apiKey=x",
            "getSonicSimilarTracks?id=tr-999", "findSonicPath?startSongId=tr-100", "findSonicPath?startSongId=tr-100&endSongId=al-10",
            // bookmarks refused change nothing (saved and deleted in both formats: ConformanceTest)
            "createBookmark?id=tr-999&position=1", "createBookmark?id=tr-100", "createBookmark?id=tr-100&position=-1",
            "deleteBookmark", "deleteBookmark?id=al-10");
    }

    /** Answers that differ at each call: checked in both formats, not compared. */
    static Stream<String> randomRequests() {
        return Stream.of("getRandomSongs", "getRandomSongs?size=3&genre=Electronic&fromYear=1990&toYear=2010",
            "getAlbumList?type=random", "getAlbumList2?type=random&size=2");
    }

    @Test
    void everyServedMethodIsComparedOrCheckedHere() {
        java.util.Set<String> covered = new java.util.HashSet<>();
        Stream.concat(requests(), randomRequests()).forEach(r -> covered.add(r.split("\\?")[0]));
        // what changes the user's data, and the binary answers: each checked in both formats in ActionsTest and MediaTest
        covered.addAll(ActionsTest.METHODS);
        covered.addAll(java.util.Set.of("getPlayQueue", "getPlayQueueByIndex", "savePlayQueue", "savePlayQueueByIndex")); // QueueTest
        covered.addAll(java.util.Set.of("getTranscodeDecision", "getTranscodeStream")); // TranscodingTest (a JSON body, and audio)

        assertThat(covered).containsAll(new SubsonicEndpoint(harness.clientAccess(), SERVER_VERSION).protocol()
            .methodNames());
    }

    @ParameterizedTest
    @MethodSource("randomRequests")
    void randomAnswersKeepTheSchemaInBothFormats(String request) throws Exception {
        String[] parts = request.split("\\?", 2);
        String params = parts.length > 1 ? parts[1] : "";
        Exchange xml = asAlice(parts[0], params);
        Exchange json = asAlice(parts[0], (params.isEmpty() ? "" : params + "&") + "f=json");

        assertThat(Answers.errorCode(xml)).isEqualTo(-1);
        assertThat(Answers.errorCode(json)).isEqualTo(-1);
        SCHEMA.checkXml(xml.body());
        SCHEMA.checkJson(json.body());
    }

    @ParameterizedTest
    @MethodSource("requests")
    void jsonCarriesTheSameDataAsXml(String request) throws Exception {
        String[] parts = request.split("\\?", 2);
        String params = parts.length > 1 ? parts[1] : "";
        Exchange xml = asAlice(parts[0], params);
        Exchange json = asAlice(parts[0], (params.isEmpty() ? "" : params + "&") + "f=json");

        assertThat(json.json()).isTrue();
        assertThat(json.status()).isEqualTo(xml.status());
        SCHEMA.checkJson(json.body());
        assertThat(SCHEMA.data(json)).isEqualTo(SCHEMA.data(xml));
    }

    @Test
    void listsAreArraysEvenOfOneItemAndAnAlbumsEmptyListsStayArrays() throws Exception {
        JsonNode folders = Answers.json(asAlice("getIndexes", "f=json&musicFolderId=2")).path("indexes");
        assertThat(folders.path("index").isArray()).isTrue();
        assertThat(folders.path("index")).hasSize(1);
        assertThat(folders.path("index").get(0).path("artist").isArray()).isTrue();

        JsonNode song = Answers.json(asAlice("getSong", "f=json&id=tr-100")).path("song");
        assertThat(song.path("isrc").isArray()).isTrue();
        assertThat(song.path("replayGain").isObject()).isTrue();
        assertThat(song.path("replayGain").path("trackGain").isNumber()).isTrue();
        assertThat(song.path("duration").isInt()).isTrue();
        assertThat(song.path("isDir").isBoolean()).isTrue();
        assertThat(song.path("size").isIntegralNumber()).isTrue();
        assertThat(song.has("path")).isFalse();
        assertThat(List.of("sortName", "comment")).allSatisfy(f -> assertThat(song.has(f)).as(f).isFalse());

        JsonNode genre = Answers.json(asAlice("getGenres", "f=json")).path("genres").path("genre").get(0);
        assertThat(genre.path("value").asText()).isEqualTo("Electronic");
        assertThat(genre.path("songCount").isInt()).isTrue();
    }
}
