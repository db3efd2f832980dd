package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.http.RateLimiter;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/content/search} over two scanned libraries (stand-in audio files with real tags), through the real
 * REST stack and PostgreSQL: typos, accents, as-you-type prefixes, ranking, facets, paging, and what each user may see.
 */
class SearchApiTest {

    private static ApiHarness api;
    /** Sees every library. */
    private static String ada;
    /** Limited to the library "Other". */
    private static String bob;
    /** Limited to the library "Music". */
    private static String carol;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("ada", "ada-password", "regular");
        long bobId = api.createUser("bob", "bob-password", "regular");
        long carolId = api.createUser("carol", "carol-password", "regular");
        Path other = api.musicRoot.resolveSibling(api.musicRoot.getFileName() + "-other");
        String[][] music = {
            // artist, album, year, genre, tracks...
            {"The Beatles", "Abbey Road", "1969", "Rock", "Come Together", "Something"},
            {"The Beatles", "Let It Be", "1970", "Rock", "Let It Be"},
            {"Björk", "Homogenic", "1997", "Electronic", "Jóga", "Bachelorette"},
            {"Sigur Rós", "Ágætis byrjun", "1999", "Post-Rock", "Svefn-g-englar", "Starálfur"},
            {"Sigrid", "Sucker Punch", "2019", "Pop", "Strangers"},
            {"Cannonball Adderley", "Somethin' Else", "1958", "Jazz", "Autumn Leaves"},
            {"Road Crew", "Road", "2001", "Rock", "Highway"},
            {"Road Crew", "Road Trip", "2003", "Rock", "Exit"}};
        write(api.musicRoot, music);
        write(other, new String[][] {{"Portishead", "Dummy", "1994", "Trip-Hop", "Roads", "Sour Times"}});
        // eleven tracks on one album, for paging
        for (int i = 1; i <= 11; i++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Pager/Paging/" + i + ".mp3"), "title", "Page Song " + i, "artist", "Pager",
                    "album", "Paging", "albumartist", "Pager", "track", Integer.toString(i), "date", "2010", "genre", "Pop");
        }
        long otherId = api.library.ensureLibrary("Other", other).id();
        api.scanMusic();
        long musicId = api.library.libraries().stream().filter(l -> l.name().equals("Music")).findFirst().orElseThrow().id();
        api.library.setAccess(bobId, List.of(otherId));
        api.library.setAccess(carolId, List.of(musicId));
        ada = api.accessToken("ada", "ada-password", "browser");
        bob = api.accessToken("bob", "bob-password", "browser");
        carol = api.accessToken("carol", "carol-password", "browser");
    }

    private static void write(Path root, String[][] albums) throws Exception {
        for (String[] a : albums) {
            for (int t = 4; t < a.length; t++) {
                PropertiesTagReader.write(root.resolve(a[0] + "/" + a[1] + "/" + (t - 3) + ".mp3"), "title", a[t], "artist", a[0],
                        "album", a[1], "albumartist", a[0], "track", Integer.toString(t - 3), "date", a[2], "genre", a[3]);
            }
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode search(String query, String token) {
        ApiHarness.Answer answer = api.get("v1/content/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> names(JsonNode result, String section, String field) {
        return StreamSupport.stream(result.path(section).path("items").spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    @Test
    void aMistypedArtistAndAlbumFindTheAlbumAndItsTracks() {
        JsonNode result = search("beatls abey road", ada);

        assertThat(names(result, "albums", "title")).containsExactly("Abbey Road");
        assertThat(result.at("/albums/items/0/artist").asText()).isEqualTo("The Beatles");
        assertThat(result.at("/albums/items/0/year").asInt()).isEqualTo(1969);
        assertThat(names(result, "tracks", "title")).containsExactlyInAnyOrder("Come Together", "Something");
        assertThat(result.at("/tracks/items/0/album").asText()).isEqualTo("Abbey Road");
        assertThat(result.path("provider").asText()).isEqualTo("core");
    }

    @Test
    void accentsAndCaseAreFoldedBothWays() {
        assertThat(names(search("bjork", ada), "artists", "name")).containsExactly("Björk");
        assertThat(names(search("BJÖRK", ada), "artists", "name")).containsExactly("Björk");
        assertThat(names(search("joga", ada), "tracks", "title")).containsExactly("Jóga");
        assertThat(names(search("agaetis", ada), "albums", "title")).containsExactly("Ágætis byrjun");
        assertThat(names(search("staralfur", ada), "tracks", "title")).containsExactly("Starálfur");
    }

    @Test
    void prefixesFindAsYouType() {
        assertThat(names(search("sig", ada), "artists", "name")).containsExactly("Sigrid", "Sigur Rós");
        assertThat(names(search("sigu", ada), "artists", "name")).containsExactly("Sigur Rós");
        JsonNode sigur = search("sigur", ada);
        assertThat(names(sigur, "artists", "name")).containsExactly("Sigur Rós");
        assertThat(names(sigur, "albums", "title")).containsExactly("Ágætis byrjun");
        assertThat(names(sigur, "tracks", "title")).containsExactlyInAnyOrder("Svefn-g-englar", "Starálfur");
        assertThat(names(search("si", ada), "artists", "name")).as("one short word: names beginning with it")
                .containsExactly("Sigrid", "Sigur Rós");
        assertThat(names(search("sigur r", ada), "artists", "name")).as("a short last word checks the longer words' hits")
                .containsExactly("Sigur Rós");
        assertThat(names(search("sigur x", ada), "artists", "name")).isEmpty();
    }

    @Test
    void aTypoWhileTypingStillFinds() {
        assertThat(names(search("sigru", ada), "artists", "name")).contains("Sigur Rós");
        assertThat(names(search("homogenik", ada), "albums", "title")).containsExactly("Homogenic");
    }

    @Test
    void exactNamesRankBeforePrefixesBeforeOtherWordsBeforeTypos() {
        assertThat(names(search("road", ada), "albums", "title")).containsExactly("Road", "Road Trip", "Abbey Road");
        assertThat(names(search("something", ada), "tracks", "title")).as("exact before the typo match of Somethin'")
                .first().isEqualTo("Something");
        assertThat(names(search("something", ada), "albums", "title")).containsExactly("Somethin' Else");
        assertThat(names(search("beatles", ada), "artists", "name")).containsExactly("The Beatles");
    }

    @Test
    void facetsCountKindsGenresAndYearsAndFiltersNarrow() {
        assertThat(search("road", ada).path("facets").isNull()).as("counted only when asked for: typing needs none").isTrue();
        JsonNode road = api.get("v1/content/search?q=road&facets=true", ada).json();
        JsonNode facets = road.path("facets");
        assertThat(facets.at("/kinds/album").asLong()).isEqualTo(3);
        assertThat(facets.at("/kinds/artist").asLong()).isEqualTo(1);
        assertThat(facets.at("/kinds/track").asLong()).isEqualTo(5); // Roads, Highway, Exit, Come Together, Something
        Map<String, Long> genres = new java.util.TreeMap<>();
        facets.path("genres").forEach(g -> genres.put(g.path("name").asText(), g.path("count").asLong()));
        assertThat(genres).containsEntry("Rock", 7L).containsEntry("Trip-Hop", 1L);
        long rock = facets.path("genres").get(0).path("id").asLong();
        assertThat(facets.path("years").findValuesAsText("year")).contains("1969", "2001", "2003", "1994");

        JsonNode only2001 = api.get("v1/content/search?q=road&year=2001", ada).json();
        assertThat(names(only2001, "albums", "title")).containsExactly("Road");
        assertThat(names(only2001, "tracks", "title")).containsExactly("Highway");
        assertThat(only2001.path("artists").isNull()).as("artists have no year: a filtered search has none").isTrue();
        JsonNode rockOnly = api.get("v1/content/search?q=road&kinds=album&genre=" + rock, ada).json();
        assertThat(names(rockOnly, "albums", "title")).containsExactly("Road", "Road Trip", "Abbey Road");
        assertThat(rockOnly.path("tracks").isNull()).isTrue();
    }

    @Test
    void pagesFollowTheNextCursorOfOneKind() {
        List<String> titles = new ArrayList<>();
        JsonNode page = api.get("v1/content/search?q=page%20song&limit=4&facets=true", ada).json();
        assertThat(page.at("/facets/kinds/track").asLong()).isEqualTo(11);
        int pages = 1;
        titles.addAll(names(page, "tracks", "title"));
        while (page.at("/tracks/next").isTextual()) {
            page = api.get("v1/content/search?q=page%20song&limit=4&facets=true&after=" + page.at("/tracks/next").asText(), ada).json();
            assertThat(page.path("facets").isNull()).isTrue();
            assertThat(page.path("albums").isNull()).as("a next page continues its own kind only").isTrue();
            titles.addAll(names(page, "tracks", "title"));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(titles).hasSize(11).doesNotHaveDuplicates().allMatch(t -> t.startsWith("Page Song"));
    }

    @Test
    void playlistsAreFoundByTheirNameByWhoeverMayReadThemAndFollowARename() {
        long drive = api.post("v1/user/playlists", ada, java.util.Map.of("name", "Zephyr Drive")).json().path("id").asLong();
        assertThat(api.post("v1/user/playlists", ada, java.util.Map.of("name", "Zephyr Anthems", "public", true)).status())
            .isEqualTo(200);
        assertThat(api.post("v1/user/playlists", bob, java.util.Map.of("name", "Zephyr Nights", "description", "late drives"))
            .status()).isEqualTo(200);

        assertThat(names(search("zephyr", ada), "playlists", "name")).containsExactlyInAnyOrder("Zephyr Drive", "Zephyr Anthems");
        assertThat(names(search("zepyr", bob), "playlists", "name")).as("a typo; another's public playlist too")
            .containsExactlyInAnyOrder("Zephyr Nights", "Zephyr Anthems");
        assertThat(names(search("late driv", bob), "playlists", "name")).as("by its description").containsExactly("Zephyr Nights");
        assertThat(names(search("zephyr", carol), "playlists", "name")).containsExactly("Zephyr Anthems");

        assertThat(api.call("PATCH", "v1/user/playlists/" + drive, ada, "application/json", "{\"name\":\"Coastal Drive\"}")
            .status()).isEqualTo(200);
        assertThat(names(search("coastal", ada), "playlists", "name")).containsExactly("Coastal Drive");
        assertThat(names(search("zephyr", ada), "playlists", "name")).containsExactly("Zephyr Anthems");
    }

    @Test
    void aUserLimitedToOneLibraryNeverSeesAnothersItems() {
        assertThat(names(search("road", bob), "tracks", "title")).containsExactly("Roads");
        assertThat(names(search("road", bob), "albums", "title")).isEmpty();
        assertThat(names(search("road", bob), "artists", "name")).isEmpty();
        assertThat(api.get("v1/content/search?q=road&facets=true", bob).json().at("/facets/kinds").toString()).isEqualTo("{\"track\":1}");
        assertThat(names(search("beatles", bob), "artists", "name")).isEmpty();
        assertThat(names(search("beatles", bob), "tracks", "title")).isEmpty();

        assertThat(names(search("road", carol), "tracks", "title")).doesNotContain("Roads");
        assertThat(names(search("portishead", carol), "artists", "name")).isEmpty();
        assertThat(names(search("portishead", ada), "artists", "name")).containsExactly("Portishead");
    }

    @Test
    void anEmptyBlankOrOverlongQueryIsRefused() {
        for (String query : List.of("v1/content/search", "v1/content/search?q=", "v1/content/search?q=%20%20",
                "v1/content/search?q=" + "a".repeat(201), "v1/content/search?q=a%00b")) {
            ApiHarness.Answer answer = api.get(query, ada);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.errorCode()).as(query).isEqualTo("invalid_query");
        }
        assertThat(api.get("v1/content/search?q=x&kinds=song", ada).errorCode()).isEqualTo("invalid_kind");
        assertThat(api.get("v1/content/search?q=x&after=bogus", ada).errorCode()).isEqualTo("invalid_cursor");
        assertThat(api.get("v1/content/search?q=x&limit=501", ada).status()).isEqualTo(400);
        assertThat(api.get("v1/content/search?q=road", null).status()).isEqualTo(401);
    }

    @Test
    void punctuationOnlyFindsNothingRatherThanFailing() {
        JsonNode result = search("!!! ???", ada);
        assertThat(result.at("/tracks/items").size()).isZero();
        assertThat(result.at("/artists/items").size()).isZero();
    }

    @Test
    void searchesDrawFromTheSearchBudget() {
        try (ApiHarness limited = ApiHarness.withMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                Map.of(RateLimiter.Kind.SEARCH, 2, RateLimiter.Kind.READ, 100), 10)) {
            limited.createUser("dan", "dan-password", "regular");
            String token = limited.accessToken("dan", "dan-password", "browser");
            assertThat(limited.get("v1/content/search?q=a", token).status()).isEqualTo(200);
            assertThat(limited.get("v1/content/search?q=ab", token).status()).isEqualTo(200);
            ApiHarness.Answer third = limited.get("v1/content/search?q=abc", token);
            assertThat(third.status()).isEqualTo(429);
            assertThat(limited.get("v1/content/albums", token).status()).as("other reads keep their own budget").isEqualTo(200);
        }
    }

    @Test
    void aScanLeavesNoWordsInTheSearchIndexesPendingLists() {
        // GIN indexes queue inserts in a pending list every search reads through (27,000 entries after a 200k scan:
        // 11 ms a search instead of 0.4); the scan merges them when it ends, so merging again finds nothing
        long pending = api.db.read(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0)"
                    + " FROM pg_index i WHERE i.indexrelid IN ('tracks_search'::regclass, 'albums_search'::regclass, 'artists_search'::regclass)");
                 java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(pending).isZero();
    }
}
