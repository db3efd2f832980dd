package dev.resonance.plugin.subsonic;

import static dev.resonance.plugin.subsonic.testing.SampleLibrary.ABBEY_ROAD;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.ALL_EYEZ;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.BEATLES;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.DEBUT;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.HELP;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.HELP_SONG;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.HUMAN_BEHAVIOUR;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.VEGETAL;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.VENUS;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.YESTERDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.plugin.subsonic.testing.Answers;
import dev.resonance.plugin.subsonic.testing.ServedLibrary;
import dev.resonance.plugin.subsonic.testing.SubsonicServer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import net.beardbot.subsonic.client.Subsonic;
import net.beardbot.subsonic.client.api.browsing.ArtistParams;
import net.beardbot.subsonic.client.api.browsing.IndexParams;
import net.beardbot.subsonic.client.api.lists.AlbumListParams;
import net.beardbot.subsonic.client.api.lists.AlbumListType;
import net.beardbot.subsonic.client.api.search.SearchParams;
import net.beardbot.subsonic.client.base.SubsonicException;
import org.junit.jupiter.api.Test;
import org.subsonic.restapi.AlbumID3;
import org.subsonic.restapi.AlbumWithSongsID3;
import org.subsonic.restapi.Artist;
import org.subsonic.restapi.ArtistID3;
import org.subsonic.restapi.ArtistWithAlbumsID3;
import org.subsonic.restapi.Child;
import org.subsonic.restapi.Directory;
import org.subsonic.restapi.ErrorCode;
import org.subsonic.restapi.Genre;
import org.subsonic.restapi.Index;
import org.subsonic.restapi.IndexID3;
import org.subsonic.restapi.MediaType;
import org.subsonic.restapi.MusicFolder;
import org.subsonic.restapi.SearchResult2;
import org.subsonic.restapi.SearchResult3;
import org.subsonic.restapi.Starred;
import org.subsonic.restapi.Starred2;

/**
 * Every implemented method, driven by a third-party Subsonic client library (net.beardbot:subsonic-client, Feign +
 * JAXB, token authentication, XML) where it has the method, by raw requests where it has not
 * ({@code getRandomSongs}, {@code getSongsByGenre}, {@code getTopSongs}, {@code getOpenSubsonicExtensions}). Every
 * answer is also checked against the XSD (see {@link ServedLibrary}).
 */
class ConformanceTest extends ServedLibrary {

    @Test
    void pingAndLicenseAnswerTheSignedInClient() {
        Subsonic subsonic = client();

        assertThat(subsonic.testConnection()).isTrue();
        subsonic.system().ping();
        assertThat(subsonic.system().getLicense().isValid()).isTrue();
    }

    @Test
    void theMusicFoldersAreTheUsersLibrariesByName() {
        List<MusicFolder> folders = client().browsing().getMusicFolders();

        assertThat(folders).extracting(MusicFolder::getId, MusicFolder::getName)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "Audiobooks"),
                org.assertj.core.groups.Tuple.tuple(1, "Music"));
    }

    @Test
    void theIndexesGroupAlbumArtistsByTheFirstLetterOfTheirSortNameWithOthersLast() {
        List<Index> indexes = client().browsing().getIndexes();

        assertThat(indexes).extracting(Index::getName).containsExactly("B", "E", "N", "#");
        assertThat(indexes.get(0).getArtists()).extracting(Artist::getName).containsExactly("The Beatles", "Björk");
        assertThat(indexes.get(0).getArtists().get(0).getId()).isEqualTo("ar-1");
        assertThat(indexes.get(0).getArtists().get(0).getStarred()).isEqualTo(LocalDateTime.parse("2025-07-01T08:00:00"));
        assertThat(indexes.get(1).getArtists()).extracting(Artist::getName).containsExactly("Émilie Simon");
        assertThat(indexes.get(3).getArtists()).extracting(Artist::getName).containsExactly("2Pac");
        assertThat(client().browsing().getIndexes(IndexParams.create().musicFolderId("2")))
            .extracting(Index::getName).containsExactly("N");
    }

    @Test
    void theArtistsIndexIsTheSameInTheId3View() {
        List<IndexID3> indexes = client().browsing().getArtists();

        assertThat(indexes).extracting(IndexID3::getName).containsExactly("B", "E", "N", "#");
        ArtistID3 beatles = indexes.get(0).getArtists().get(0);
        assertThat(beatles.getName()).isEqualTo("The Beatles");
        assertThat(beatles.getAlbumCount()).isEqualTo(2);
        assertThat(beatles.getCoverArtId()).isEqualTo("im-501");
        assertThat(client().browsing().getArtists(ArtistParams.create().musicFolderId("1")))
            .extracting(IndexID3::getName).containsExactly("B", "E", "#");
    }

    @Test
    void anArtistHasTheirAlbumsOldestFirst() {
        ArtistWithAlbumsID3 artist = client().browsing().getArtist("ar-" + BEATLES);

        assertThat(artist.getName()).isEqualTo("The Beatles");
        assertThat(artist.getAlbums()).extracting(AlbumID3::getId).containsExactly("al-" + HELP, "al-" + ABBEY_ROAD);
        AlbumID3 help = artist.getAlbums().get(0);
        assertThat(help.getName()).isEqualTo("Help!");
        assertThat(help.getArtist()).isEqualTo("The Beatles");
        assertThat(help.getArtistId()).isEqualTo("ar-1");
        assertThat(help.getSongCount()).isEqualTo(2);
        assertThat(help.getDuration()).isEqualTo(263);
        assertThat(help.getYear()).isEqualTo(1965);
        assertThat(help.getGenre()).isEqualTo("Rock");
        assertThat(help.getCoverArtId()).isEqualTo("im-601");
        assertThat(help.getCreated()).isEqualTo(LocalDateTime.parse("2025-01-01T10:00:00"));
        assertThat(help.getPlayCount()).isEqualTo(3L);
    }

    @Test
    void anAlbumHasItsSongsInDiscAndTrackOrderWithWhatTheCoreKnows() {
        AlbumWithSongsID3 album = client().browsing().getAlbum("al-" + HELP);

        assertThat(album.getSongs()).extracting(Child::getId).containsExactly("tr-" + HELP_SONG, "tr-" + YESTERDAY);
        Child help = album.getSongs().get(0);
        assertThat(help.getParentId()).isEqualTo("al-" + HELP);
        assertThat(help.isDir()).isFalse();
        assertThat(help.getTitle()).isEqualTo("Help!");
        assertThat(help.getAlbum()).isEqualTo("Help!");
        assertThat(help.getArtist()).isEqualTo("The Beatles");
        assertThat(help.getTrack()).isEqualTo(1);
        assertThat(help.getDiscNumber()).isEqualTo(1);
        assertThat(help.getYear()).isEqualTo(1965);
        assertThat(help.getGenre()).isEqualTo("Rock");
        assertThat(help.getCoverArtId()).isEqualTo("im-601");
        assertThat(help.getSize()).isEqualTo(20_000_000L);
        assertThat(help.getContentType()).isEqualTo("audio/flac");
        assertThat(help.getSuffix()).isEqualTo("flac");
        assertThat(help.getDuration()).isEqualTo(138);
        assertThat(help.getBitRate()).isEqualTo(880);
        assertThat(help.getAlbumId()).isEqualTo("al-" + HELP);
        assertThat(help.getArtistId()).isEqualTo("ar-" + BEATLES);
        assertThat(help.getType()).isEqualTo(MediaType.MUSIC);
        assertThat(help.getStarred()).isEqualTo(LocalDateTime.parse("2025-07-03T08:00:00"));
        assertThat(help.getPlayCount()).isEqualTo(3L);
        assertThat(help.getPath()).as("file paths are never sent").isNull();
        assertThat(album.getSongs().get(1).getUserRating()).isEqualTo(4);
        assertThat(album.getSongs().get(1).getArtist()).isEqualTo("The Beatles feat. Paul McCartney");
    }

    @Test
    void aSongIsFoundByItsId() {
        Child song = client().browsing().getSong("tr-" + HUMAN_BEHAVIOUR);

        assertThat(song.getTitle()).isEqualTo("Human Behaviour");
        assertThat(song.getAlbumId()).isEqualTo("al-" + DEBUT);
    }

    @Test
    void unknownWrongKindAndMalformedIdsAreNotFound() {
        Subsonic subsonic = client();

        for (String id : List.of("al-999", "ar-" + HELP, "tr-01", "10", "al-", "xx-1")) {
            assertThatThrownBy(() -> subsonic.browsing().getAlbum(id)).as(id)
                .isInstanceOfSatisfying(SubsonicException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.DATA_NOT_FOUND));
        }
        assertThatThrownBy(() -> subsonic.browsing().getArtist("ar-999")).isInstanceOf(SubsonicException.class);
        assertThatThrownBy(() -> subsonic.browsing().getSong("al-" + HELP)).isInstanceOf(SubsonicException.class);
    }

    @Test
    void directoriesAreAnArtistsAlbumsAndAnAlbumsSongs() {
        Directory artist = client().browsing().getMusicDirectory("ar-" + BEATLES);
        assertThat(artist.getName()).isEqualTo("The Beatles");
        assertThat(artist.getchildren()).extracting(Child::getId).containsExactly("al-" + HELP, "al-" + ABBEY_ROAD);
        assertThat(artist.getchildren()).allSatisfy(album -> {
            assertThat(album.isDir()).isTrue();
            assertThat(album.getParentId()).isEqualTo("ar-" + BEATLES);
        });
        assertThat(artist.getchildren().get(0).getUserRating()).isEqualTo(5);

        Directory album = client().browsing().getMusicDirectory("al-" + HELP);
        assertThat(album.getName()).isEqualTo("Help!");
        assertThat(album.getParentId()).isEqualTo("ar-" + BEATLES);
        assertThat(album.getchildren()).extracting(Child::getTitle).containsExactly("Help!", "Yesterday");
        assertThat(album.getchildren()).noneMatch(Child::isDir);

        assertThatThrownBy(() -> client().browsing().getMusicDirectory("tr-" + HELP_SONG))
            .isInstanceOf(SubsonicException.class);
    }

    @Test
    void genresCountTheirAlbumsAndSongs() {
        List<Genre> genres = client().browsing().getGenres();

        assertThat(genres).extracting(Genre::getName).containsExactly("Electronic", "Hip-Hop", "Pop", "Rock");
        Genre electronic = genres.get(0);
        assertThat(electronic.getAlbumCount()).isEqualTo(2);
        assertThat(electronic.getSongCount()).isEqualTo(4);
    }

    @Test
    void everyAlbumListTypeAnswersInBothViews() {
        Subsonic subsonic = client();
        for (AlbumListType type : AlbumListType.values()) {
            AlbumListParams params = AlbumListParams.create().type(type).size(500);
            if (type == AlbumListType.BY_YEAR) {
                params.fromYear(1960).toYear(1970);
            }
            if (type == AlbumListType.BY_GENRE) {
                params.genre("Electronic");
            }
            List<String> folderView = subsonic.lists().getAlbumList(params).getAlbums().stream().map(Child::getId)
                .toList();
            List<String> id3View = subsonic.lists().getAlbumList2(params).getAlbums().stream().map(AlbumID3::getId)
                .toList();
            if (type != AlbumListType.RANDOM) {
                assertThat(folderView).as(type.name()).isEqualTo(id3View);
            }
            assertThat(id3View).as(type.name()).doesNotHaveDuplicates();
        }
    }

    @Test
    void albumListsFollowTheirTypes() {
        Subsonic subsonic = client();

        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.NEWEST).size(3)))
            .containsExactly("al-" + VEGETAL, "al-14", "al-" + ALL_EYEZ);
        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.NEWEST).size(2).offset(1)))
            .containsExactly("al-14", "al-" + ALL_EYEZ);
        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.ALPHABETICAL_BY_NAME).size(10)
            .musicFolderId(1))).containsExactly("al-" + ABBEY_ROAD, "al-" + ALL_EYEZ, "al-" + DEBUT, "al-" + HELP,
                "al-" + VEGETAL);
        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.HIGHEST)))
            .containsExactly("al-" + HELP);
        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.FREQUENT)))
            .containsExactly("al-" + HELP, "al-" + DEBUT, "al-" + ABBEY_ROAD);
        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.RECENT)))
            .containsExactly("al-" + DEBUT, "al-" + ABBEY_ROAD, "al-" + HELP);
        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.STARRED)))
            .containsExactly("al-" + DEBUT);
        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.BY_YEAR).fromYear(2000).toYear(1990)))
            .containsExactly("al-" + ALL_EYEZ, "al-" + DEBUT);
        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.BY_GENRE).genre("Rock")))
            .containsExactly("al-" + ABBEY_ROAD, "al-" + HELP);
        assertThat(ids(subsonic, AlbumListParams.create().type(AlbumListType.RANDOM).size(500)))
            .hasSize(6);
    }

    @Test
    void starredListsWhatTheUserLikesInBothViews() {
        Starred starred = client().lists().getStarred();
        assertThat(starred.getArtists()).extracting(Artist::getId).containsExactly("ar-" + BEATLES);
        assertThat(starred.getAlbums()).extracting(Child::getId).containsExactly("al-" + DEBUT);
        assertThat(starred.getSongs()).extracting(Child::getId)
            .containsExactly("tr-" + HUMAN_BEHAVIOUR, "tr-" + HELP_SONG);

        Starred2 starred2 = client().lists().getStarred2();
        assertThat(starred2.getArtists()).extracting(ArtistID3::getId).containsExactly("ar-" + BEATLES);
        assertThat(starred2.getAlbums()).extracting(AlbumID3::getId).containsExactly("al-" + DEBUT);
        assertThat(starred2.getSongs()).extracting(Child::getId)
            .containsExactly("tr-" + HUMAN_BEHAVIOUR, "tr-" + HELP_SONG);
    }

    @Test
    void searchFindsWordPrefixesIgnoringAccentsInBothViews() {
        SearchResult3 found = client().searching().search3("veget");
        assertThat(found.getAlbums()).extracting(AlbumID3::getName).containsExactly("Végétal");
        assertThat(found.getArtists()).isEmpty();

        SearchResult2 beatles = client().searching().search2("beatles");
        assertThat(beatles.getArtists()).extracting(Artist::getName).containsExactly("The Beatles");
        assertThat(beatles.getAlbums()).extracting(Child::getTitle).containsExactly("Abbey Road", "Help!");
        assertThat(beatles.getSongs()).hasSize(4);
        assertThat(beatles.getAlbums()).allMatch(Child::isDir);
    }

    @Test
    void anEmptyQueryPagesThroughTheWholeLibraryAsSyncingAppsDo() throws Exception {
        List<String> songs = new ArrayList<>();
        for (int offset = 0; ; offset += 3) {
            SearchResult3 page = client().searching().search3("\"\"", SearchParams.create().artistCount(0)
                .albumCount(0).songCount(3).songOffset(offset));
            if (page.getSongs().isEmpty()) {
                break;
            }
            page.getSongs().forEach(s -> songs.add(s.getId()));
        }
        assertThat(songs).hasSize(10).doesNotHaveDuplicates();

        JsonNode everything = Answers.json(asAlice("search3", "f=json&query="));
        assertThat(everything.path("searchResult3").path("artist")).hasSize(6);
        assertThat(everything.path("searchResult3").path("album")).hasSize(6);
        assertThat(everything.path("searchResult3").path("song")).hasSize(10);
        JsonNode library2 = Answers.json(asAlice("search2", "f=json&query=&musicFolderId=2"));
        assertThat(library2.path("searchResult2").path("song")).hasSize(1);
    }

    @Test
    void randomSongsStayInTheirFilters() throws Exception {
        JsonNode random = Answers.json(asAlice("getRandomSongs", "f=json&size=500&genre=Electronic"));
        List<String> ids = new ArrayList<>();
        random.path("randomSongs").path("song").forEach(s -> ids.add(s.path("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("tr-104", "tr-105", "tr-108", "tr-109");

        JsonNode years = Answers.json(asAlice("getRandomSongs", "f=json&fromYear=1990&toYear=1999&musicFolderId=1"));
        List<String> inNineties = new ArrayList<>();
        years.path("randomSongs").path("song").forEach(s -> inNineties.add(s.path("id").asText()));
        assertThat(inNineties).containsExactlyInAnyOrder("tr-104", "tr-105", "tr-106");

        JsonNode two = Answers.json(asAlice("getRandomSongs", "f=json&size=2"));
        assertThat(two.path("randomSongs").path("song")).hasSize(2);
    }

    @Test
    void songsByGenrePageInAlbumOrder() throws Exception {
        JsonNode page = Answers.json(asAlice("getSongsByGenre", "f=json&genre=Electronic&count=2&offset=1"));

        List<String> ids = new ArrayList<>();
        page.path("songsByGenre").path("song").forEach(s -> ids.add(s.path("id").asText()));
        assertThat(ids).as("the song on no album sorts first, then Björk's, then Émilie Simon's")
            .containsExactly("tr-104", "tr-105");
    }

    @Test
    void topSongsAreTheArtistsMostPlayed() throws Exception {
        JsonNode top = Answers.json(asAlice("getTopSongs", "f=json&artist=The%20Beatles"));

        List<String> ids = new ArrayList<>();
        top.path("topSongs").path("song").forEach(s -> ids.add(s.path("id").asText()));
        assertThat(ids).containsExactly("tr-100", "tr-102");
        assertThat(Answers.json(asAlice("getTopSongs", "f=json&artist=The%20Beatles&count=1"))
            .path("topSongs").path("song")).hasSize(1);
        // by id (topSongsByArtistId), which goes before a name
        assertThat(Answers.json(asAlice("getTopSongs", "f=json&id=ar-1&artist=Nobody")).path("topSongs").path("song"))
            .extracting(s -> s.path("id").asText()).containsExactly("tr-100", "tr-102");
        assertThat(Answers.errorCode(asAlice("getTopSongs", "id=al-10"))).isEqualTo(70);
    }

    @Test
    void theExtensionsAreWhatThisServerImplementsAndNeedNoCredentials() throws Exception {
        SubsonicServer.Exchange answer = server.get("getOpenSubsonicExtensions", "f=json");

        JsonNode response = Answers.json(answer);
        assertThat(response.path("status").asText()).isEqualTo("ok");
        List<String> names = new ArrayList<>();
        response.path("openSubsonicExtensions").forEach(e -> {
            names.add(e.path("name").asText());
            assertThat(e.path("versions").isArray()).isTrue();
            assertThat(e.path("versions").get(0).asInt()).isEqualTo(1);
        });
        assertThat(names).containsExactlyInAnyOrder("apiKeyAuthentication", "formPost", "transcodeOffset", "songLyrics", "playbackReport",
            "indexBasedQueue", "topSongsByArtistId", "transcoding", "sonicSimilarity");
        assertThat(Answers.errorCode(server.get("getOpenSubsonicExtensions.view", ""))).isEqualTo(-1);
    }

    @Test
    void sonicSimilarityIsListedAndServedOnlyWhileARecommenderIsEnabled() throws Exception {
        harness.clientLibrary().recommenders(false);
        try {
            List<String> names = new ArrayList<>();
            Answers.json(server.get("getOpenSubsonicExtensions", "f=json")).path("openSubsonicExtensions")
                .forEach(e -> names.add(e.path("name").asText()));
            assertThat(names).contains("transcoding").doesNotContain("sonicSimilarity");
            for (String call : List.of("getSonicSimilarTracks?id=tr-" + HELP_SONG,
                    "findSonicPath.view?startSongId=tr-" + HELP_SONG + "&endSongId=tr-" + YESTERDAY)) {
                String[] parts = call.split("\\?");
                SubsonicServer.Exchange answer = asAlice(parts[0], parts[1] + "&f=json");
                assertThat(answer.status()).as(call).isEqualTo(404);
                assertThat(Answers.errorCode(answer)).as(call).isZero();
            }
        } finally {
            harness.clientLibrary().recommenders(true);
        }
        assertThat(Answers.errorCode(asAlice("getSonicSimilarTracks", "id=tr-" + HELP_SONG))).isEqualTo(-1);
    }

    @Test
    void sonicSimilarTracksAreTheRecommendersSuggestionsWithSimilarityNotMeasured() throws Exception {
        JsonNode json = Answers.json(asAlice("getSonicSimilarTracks", "id=tr-" + HELP_SONG + "&f=json"));

        JsonNode matches = json.path("sonicMatch");
        assertThat(matches).extracting(m -> m.at("/entry/id").asText()).containsExactly("tr-101", "tr-105"); // 999 unknown
        assertThat(matches).extracting(m -> m.path("similarity").asDouble()).containsExactly(-1.0, -1.0);
        assertThat(matches.get(0).at("/entry/title").asText()).isEqualTo("Yesterday");
        assertThat(Answers.json(asAlice("getSonicSimilarTracks", "id=tr-" + HELP_SONG + "&count=1&f=json")).path("sonicMatch"))
            .hasSize(1);
        assertThat(Answers.json(asAlice("getSonicSimilarTracks", "id=tr-" + YESTERDAY + "&f=json")).path("sonicMatch").isArray())
            .as("none: an empty array, which the spec requires").isTrue();
        org.w3c.dom.NodeList xml = Answers.xml(asAlice("getSonicSimilarTracks", "id=tr-" + HELP_SONG))
            .getElementsByTagNameNS(dev.resonance.plugin.subsonic.testing.SubsonicSchema.NAMESPACE, "sonicMatch");
        assertThat(xml.getLength()).isEqualTo(2);
        assertThat(((org.w3c.dom.Element) xml.item(1)).getAttribute("similarity")).isEqualTo("-1.0");
    }

    @Test
    void aSonicPathStartsAndEndsWithItsSongsAndBridgesThemWithSongsLikeEach() throws Exception {
        // like Help!: Yesterday, Venus (the end); like Venus: Human Behaviour (nearest the end), Loose Song, Help! (the start)
        JsonNode path = Answers.json(asAlice("findSonicPath", "startSongId=tr-" + HELP_SONG + "&endSongId=tr-" + VENUS
            + "&count=5&f=json")).path("sonicMatch");

        assertThat(path).extracting(m -> m.at("/entry/id").asText())
            .containsExactly("tr-100", "tr-101", "tr-109", "tr-104", "tr-105");
        assertThat(path).extracting(m -> m.path("similarity").asDouble()).containsExactly(1.0, -1.0, -1.0, -1.0, -1.0);
        assertThat(ids(asAlice("findSonicPath", "startSongId=tr-100&endSongId=tr-105&count=3&f=json")))
            .containsExactly("tr-100", "tr-101", "tr-105");
        assertThat(ids(asAlice("findSonicPath", "startSongId=tr-100&endSongId=tr-105&count=2&f=json")))
            .containsExactly("tr-100", "tr-105");
        assertThat(ids(asAlice("findSonicPath", "startSongId=tr-100&endSongId=tr-105&f=json"))).as("default 25: all there is")
            .containsExactly("tr-100", "tr-101", "tr-109", "tr-104", "tr-105");
        assertThat(ids(asAlice("findSonicPath", "startSongId=tr-100&endSongId=tr-100&f=json"))).containsExactly("tr-100");
        assertThat(Answers.errorCode(asAlice("findSonicPath", "startSongId=tr-100&endSongId=tr-105&count=1"))).isZero();
        assertThat(Answers.errorCode(asAlice("findSonicPath", "startSongId=tr-100&endSongId=tr-105&count=5"))).isEqualTo(-1);
    }

    private static List<String> ids(SubsonicServer.Exchange answer) {
        List<String> ids = new ArrayList<>();
        Answers.json(answer).path("sonicMatch").forEach(m -> ids.add(m.at("/entry/id").asText()));
        return ids;
    }

    @Test
    void nowPlayingIsTheUsersOwnPlayersWithTheirStateAndPosition() throws Exception {
        List<org.subsonic.restapi.NowPlayingEntry> entries = client().lists().getNowPlaying();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.getId()).isEqualTo("tr-" + HUMAN_BEHAVIOUR);
            assertThat(e.getTitle()).isEqualTo("Human Behaviour");
            assertThat(e.getUsername()).isEqualTo(dev.resonance.plugin.subsonic.testing.SampleLibrary.ALICE);
            assertThat(e.getPlayerId()).isEqualTo((int) dev.resonance.plugin.subsonic.testing.SampleLibrary.WEB_PLAYER);
            assertThat(e.getPlayerName()).isEqualTo("Web player");
            assertThat(e.getMinutesAgo()).isZero();
        });

        // the app says it plays Help! (scrobble, submission=false); two minutes later
        assertThat(Answers.errorCode(asAlice("scrobble", "id=tr-" + HELP_SONG + "&submission=false"))).isEqualTo(-1);
        harness.clock().advance(java.time.Duration.ofMinutes(2));
        JsonNode now = Answers.json(asAlice("getNowPlaying", "f=json")).path("nowPlaying").path("entry");

        assertThat(now).extracting(e -> e.path("id").asText(), e -> e.path("state").asText(), e -> e.path("positionMs").asLong(),
            e -> e.path("minutesAgo").asInt()).containsExactly(
            org.assertj.core.groups.Tuple.tuple("tr-" + HELP_SONG, "playing", 120_000L, 2),
            org.assertj.core.groups.Tuple.tuple("tr-" + HUMAN_BEHAVIOUR, "paused", 42_000L, 2));
        assertThat(now.get(0).path("playerName").asText()).startsWith("device ");
        assertThat(now.get(0).has("playbackRate")).as("not kept by the server").isFalse();
    }

    @Test
    void bookmarksAreTheUsersOwnSavedReplacedListedAndDeletedInBothFormats() throws Exception {
        // Alice's bookmark in the audiobook, from the sample; the client library has no bookmark methods: raw requests
        org.w3c.dom.Element xml = Answers.xml(asAlice("getBookmarks", ""));
        org.w3c.dom.NodeList marks = xml.getElementsByTagNameNS(dev.resonance.plugin.subsonic.testing.SubsonicSchema.NAMESPACE, "bookmark");
        assertThat(marks.getLength()).isEqualTo(1);
        org.w3c.dom.Element chapter = (org.w3c.dom.Element) marks.item(0);
        assertThat(chapter.getAttribute("position")).isEqualTo("754000");
        assertThat(chapter.getAttribute("username")).isEqualTo(dev.resonance.plugin.subsonic.testing.SampleLibrary.ALICE);
        assertThat(chapter.getAttribute("comment")).isEqualTo("the storm");
        assertThat(chapter.getAttribute("created")).isEqualTo("2025-09-01T21:00:00Z");
        assertThat(chapter.getAttribute("changed")).isEqualTo("2025-09-02T22:30:00Z");
        org.w3c.dom.Element entry = (org.w3c.dom.Element) chapter.getElementsByTagNameNS("*", "entry").item(0);
        assertThat(entry.getAttribute("id")).isEqualTo("tr-" + dev.resonance.plugin.subsonic.testing.SampleLibrary.CHAPTER_ONE);
        assertThat(entry.getAttribute("title")).isEqualTo("Chapter One");
        assertThat(entry.getAttribute("bookmarkPosition")).isEqualTo("754000");

        // saved in JSON, replaced in XML (no comment now): one bookmark of the song, first, created kept
        java.time.Instant saved = harness.clock().instant();
        assertThat(Answers.errorCode(asAlice("createBookmark", "id=tr-" + VENUS + "&position=61000&comment=Side%20B&f=json"))).isEqualTo(-1);
        assertThat(Answers.errorCode(asAlice("createBookmark.view", "id=tr-" + VENUS + "&position=62000"))).isEqualTo(-1);
        JsonNode bookmarks = Answers.json(asAlice("getBookmarks", "f=json")).path("bookmarks").path("bookmark");
        assertThat(bookmarks.isArray()).isTrue();
        assertThat(bookmarks).extracting(b -> b.at("/entry/id").asText(), b -> b.path("position").asLong())
            .containsExactly(org.assertj.core.groups.Tuple.tuple("tr-" + VENUS, 62_000L),
                org.assertj.core.groups.Tuple.tuple("tr-" + dev.resonance.plugin.subsonic.testing.SampleLibrary.CHAPTER_ONE, 754_000L));
        JsonNode venus = bookmarks.get(0);
        assertThat(venus.has("comment")).as("replaced without one").isFalse();
        java.time.Instant created = saved.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as answers write times
        assertThat(java.time.Instant.parse(venus.path("created").asText())).isEqualTo(created);
        // the clock is shared with the other tests (getNowPlaying's minutes): it is not moved here, the test kit's own
        // test shows changed moving
        assertThat(java.time.Instant.parse(venus.path("changed").asText())).isEqualTo(created);
        assertThat(venus.at("/entry/bookmarkPosition").asLong()).isEqualTo(62_000L);
        assertThat(venus.at("/entry/title").asText()).isEqualTo("Venus as a Boy");

        // deleted in XML; deleting again (none left) is ok, as Navidrome answers
        assertThat(Answers.errorCode(asAlice("deleteBookmark", "id=tr-" + VENUS))).isEqualTo(-1);
        assertThat(Answers.errorCode(asAlice("deleteBookmark", "id=tr-" + VENUS + "&f=json"))).isEqualTo(-1);
        assertThat(Answers.json(asAlice("getBookmarks", "f=json")).path("bookmarks").path("bookmark"))
            .extracting(b -> b.at("/entry/id").asText()).containsExactly("tr-" + dev.resonance.plugin.subsonic.testing.SampleLibrary.CHAPTER_ONE);
    }

    @Test
    void theUserIsTheSignedInOneWithRolesFromTheirPermissionsAndTheirLibrariesAsFolders() throws Exception {
        org.subsonic.restapi.User alice = client().users().getUser(dev.resonance.plugin.subsonic.testing.SampleLibrary.ALICE);

        assertThat(alice.getUsername()).isEqualTo(dev.resonance.plugin.subsonic.testing.SampleLibrary.ALICE);
        assertThat(alice.isStreamRole()).isTrue();
        assertThat(alice.isDownloadRole()).as("Alice may not keep copies").isFalse();
        assertThat(alice.isPlaylistRole()).isFalse();
        assertThat(alice.isAdminRole()).isFalse();
        assertThat(alice.getFolders()).containsExactly(2, 1);
        assertThat(Answers.errorCode(asAlice("getUser", "username=bob"))).isEqualTo(50);
        assertThat(Answers.errorCode(asAlice("getPodcasts", ""))).as("none, not an error").isEqualTo(-1);
    }

    @Test
    void similarSongsAreTheRecommendersSuggestionsAndInfoCarriesTheMusicBrainzId() throws Exception {
        JsonNode bySong = Answers.json(asAlice("getSimilarSongs2", "id=tr-" + HELP_SONG + "&f=json")).path("similarSongs2").path("song");
        assertThat(bySong).extracting(n -> n.path("id").asText()).containsExactly("tr-101", "tr-105"); // the unknown 999 left out
        JsonNode byAlbum = Answers.json(asAlice("getSimilarSongs2", "id=al-" + ABBEY_ROAD + "&count=5&f=json")).path("similarSongs2");
        assertThat(byAlbum.path("song")).extracting(n -> n.path("id").asText()).as("the album's own songs left out").containsExactly("tr-104");
        assertThat(Answers.errorCode(asAlice("getSimilarSongs2", "id=tr-999"))).isEqualTo(70);
        assertThat(Answers.json(asAlice("getArtistInfo2", "id=ar-" + BEATLES + "&f=json")).at("/artistInfo2/musicBrainzId").asText())
            .isEqualTo(dev.resonance.plugin.subsonic.testing.SampleLibrary.BEATLES_MBID.toString());
        assertThat(Answers.errorCode(asAlice("getAlbumInfo2", "id=ar-" + BEATLES))).isEqualTo(70);
    }

    @Test
    void theEnvelopeSaysWhoAnswers() throws Exception {
        JsonNode json = Answers.json(asAlice("ping", "f=json"));
        assertThat(json.path("status").asText()).isEqualTo("ok");
        assertThat(json.path("version").asText()).isEqualTo("1.16.1");
        assertThat(json.path("type").asText()).isEqualTo("resonance");
        assertThat(json.path("serverVersion").asText()).isEqualTo(SERVER_VERSION);
        assertThat(json.path("openSubsonic").isBoolean()).isTrue();
        assertThat(json.path("openSubsonic").asBoolean()).isTrue();

        SubsonicServer.Exchange xml = asAlice("ping.view", "");
        assertThat(xml.contentType()).isEqualToIgnoringCase("text/xml;charset=UTF-8");
        assertThat(xml.text()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            .contains("<subsonic-response xmlns=\"http://subsonic.org/restapi\" status=\"ok\" version=\"1.16.1\" "
                + "type=\"resonance\" serverVersion=\"" + SERVER_VERSION + "\" openSubsonic=\"true\"");
    }

    private static List<String> ids(Subsonic subsonic, AlbumListParams params) {
        return subsonic.lists().getAlbumList2(params).getAlbums().stream().map(AlbumID3::getId).toList();
    }
}
