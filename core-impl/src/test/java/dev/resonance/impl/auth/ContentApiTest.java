package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browse API over a scanned library (stand-in audio files), through the real REST stack and PostgreSQL. */
class ContentApiTest {

    private static ApiHarness api;
    private static String token;
    private static byte[] coverBytes;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("ada", "ada-password", "regular");
        token = api.accessToken("ada", "ada-password", "browser");
        String[][] albums = {
            {"Zebra Songs", "Alpha", "2001", "Rock"}, {"The Apple", "Beta", "1999", "Jazz"}, {"Mango", "Alpha", "2010", "Rock"},
            {"Banana", "Gamma", "2005", "Pop"}, {"Cherry", "Beta", "2020", "Jazz"}};
        for (String[] a : albums) {
            for (int t = 1; t <= 3; t++) {
                PropertiesTagReader.write(api.musicRoot.resolve(a[1] + "/" + a[0] + "/" + t + ".mp3"), "title", a[0] + " track " + t,
                        "artist", a[1], "album", a[0], "albumartist", a[1], "track", Integer.toString(t), "disc", t == 3 ? "2" : "1",
                        "date", a[2], "genre", a[3]);
            }
        }
        java.awt.image.BufferedImage cover = new java.awt.image.BufferedImage(300, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = cover.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 300, 200);
        g.setColor(java.awt.Color.BLUE);
        g.fillRect(0, 0, 300, 60);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(cover, "png", png);
        coverBytes = png.toByteArray();
        java.nio.file.Files.write(api.musicRoot.resolve("Alpha/Mango/folder.png"), coverBytes);
        PropertiesTagReader.write(api.musicRoot.resolve("Various/Hits/1.mp3"), "title", "Guest spot", "artist", "Gamma",
                "featured", "Alpha", "album", "Hits", "albumartist", "Various Artists", "compilation", "true", "date", "2015",
                "rgtrackgain", "-7.5", "rgtrackpeak", "0.988", "rgalbumgain", "-6.25", "rgalbumpeak", "1.0");
        api.scanMusic();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<String> titles(JsonNode page, String field) {
        return StreamSupport.stream(page.path("items").spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    private static List<String> all(String path, String field) {
        List<String> values = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = api.get(path + (path.contains("?") ? "&" : "?") + "limit=2" + (next == null ? "" : "&after=" + next), token).json();
            values.addAll(titles(page, field));
            next = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (next != null);
        return values;
    }

    @Test
    void albumsPageByKeysetInEverySortOrder() {
        assertThat(all("v1/content/albums", "title")).containsExactly("The Apple", "Banana", "Cherry", "Hits", "Mango", "Zebra Songs");
        assertThat(all("v1/content/albums?sort=year", "title")).containsExactly("Cherry", "Hits", "Mango", "Banana", "Zebra Songs", "The Apple");
        assertThat(all("v1/content/albums?sort=newest", "title")).containsExactly("Cherry", "Hits", "Mango", "Banana", "Zebra Songs", "The Apple");
        assertThat(all("v1/content/albums?sort=recent", "title")).hasSize(6).doesNotHaveDuplicates();
        JsonNode first = api.get("v1/content/albums?limit=2", token).json();
        assertThat(first.path("total").asLong()).isEqualTo(6);
        assertThat(api.get("v1/content/albums?limit=2&after=" + first.path("next").asText(), token).json().has("total")).isTrue();
    }

    @Test
    void albumPagesCarryEachAlbumsOwnArtistsAndPalette() {
        JsonNode page = api.get("v1/content/albums?limit=10", token).json();
        java.util.Map<String, String> artistOf = new java.util.TreeMap<>();
        for (JsonNode album : page.path("items")) {
            artistOf.put(album.path("title").asText(), album.path("artists").findValuesAsText("name").toString());
        }
        assertThat(artistOf).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of("Banana", "[Gamma]", "Cherry", "[Beta]",
                "Hits", "[Various Artists]", "Mango", "[Alpha]", "The Apple", "[Beta]", "Zebra Songs", "[Alpha]")));
        JsonNode mango = StreamSupport.stream(page.path("items").spliterator(), false)
                .filter(a -> a.path("title").asText().equals("Mango")).findFirst().orElseThrow();
        assertThat(mango.path("palette").size()).isBetween(1, 5);
        assertThat(api.get("v1/content/albums/" + mango.path("id").asLong(), token).json().at("/album/artists/0/name").asText())
                .isEqualTo("Alpha");
    }

    @Test
    void albumsFilterByGenreYearAndArtist() {
        long jazz = StreamSupport.stream(api.get("v1/content/genres", token).json().spliterator(), false)
                .filter(g -> g.path("name").asText().equals("Jazz")).findFirst().orElseThrow().path("id").asLong();
        assertThat(all("v1/content/albums?genre=" + jazz, "title")).containsExactly("The Apple", "Cherry");
        assertThat(all("v1/content/albums?year=2010", "title")).containsExactly("Mango");
        long alpha = StreamSupport.stream(api.get("v1/content/artists?limit=50", token).json().path("items").spliterator(), false)
                .filter(a -> a.path("name").asText().equals("Alpha")).findFirst().orElseThrow().path("id").asLong();
        assertThat(all("v1/content/albums?artist=" + alpha, "title")).containsExactly("Mango", "Zebra Songs");
    }

    @Test
    void anAlbumListsItsTracksByDisc() {
        long mango = api.get("v1/content/albums?year=2010", token).json().at("/items/0/id").asLong();

        JsonNode album = api.get("v1/content/albums/" + mango, token).json();

        assertThat(album.at("/album/title").asText()).isEqualTo("Mango");
        assertThat(album.at("/album/trackCount").asInt()).isEqualTo(3);
        assertThat(album.path("genres").get(0).asText()).isEqualTo("Rock");
        assertThat(album.path("discs").size()).isEqualTo(2);
        assertThat(album.at("/discs/0/tracks").findValuesAsText("title")).containsExactly("Mango track 1", "Mango track 2");
        assertThat(album.at("/discs/1/number").asInt()).isEqualTo(2);
        long trackId = album.at("/discs/0/tracks/0/id").asLong();
        JsonNode track = api.get("v1/content/tracks/" + trackId, token).json();
        assertThat(track.path("album").asText()).isEqualTo("Mango");
        assertThat(track.path("format").asText()).isEqualTo("mp3");
        assertThat(track.at("/artists/0/name").asText()).isEqualTo("Alpha");
        assertThat(track.at("/artists/0/role").asText()).isEqualTo("performer");
    }

    @Test
    void trackPagesCarryEachTracksOwnCreditsWithRolesInOrder() {
        List<JsonNode> tracks = new ArrayList<>();
        api.get("v1/content/tracks?limit=50", token).json().path("items").forEach(tracks::add);
        JsonNode guest = tracks.stream().filter(t -> t.path("title").asText().equals("Guest spot")).findFirst().orElseThrow();
        JsonNode mango = tracks.stream().filter(t -> t.path("title").asText().equals("Mango track 1")).findFirst().orElseThrow();

        assertThat(guest.path("artists").findValuesAsText("name")).containsExactly("Gamma", "Alpha");
        assertThat(guest.path("artists").findValuesAsText("role")).containsExactly("performer", "featured");
        assertThat(mango.path("artists").findValuesAsText("name")).containsExactly("Alpha");
        assertThat(tracks).allSatisfy(t -> assertThat(t.path("artists").size()).as(t.path("title").asText()).isPositive());
    }

    @Test
    void tracksAreReadByIdInTheGivenOrderInOneRequest() {
        List<Long> ids = new ArrayList<>();
        api.get("v1/content/tracks?limit=5", token).json().path("items").forEach(t -> ids.add(t.path("id").asLong()));
        List<Long> wanted = List.of(ids.get(3), ids.get(0), 987654L, ids.get(3), ids.get(2));

        JsonNode page = api.get("v1/content/tracks?ids=" + wanted.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")), token).json();

        // in the asked order, each once, the unknown id left out; one page, nothing to continue
        assertThat(page.path("items")).extracting(t -> t.path("id").asLong()).containsExactly(ids.get(3), ids.get(0), ids.get(2));
        assertThat(page.path("items").get(0).path("artists").size()).isPositive();
        assertThat(page.path("next").isMissingNode() || page.path("next").isNull()).as(page.toString()).isTrue();
        String tooMany = java.util.stream.LongStream.rangeClosed(1, 501).mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        assertThat(api.get("v1/content/tracks?ids=" + tooMany, token).status()).isEqualTo(400);
        assertThat(api.get("v1/content/tracks?ids=1,x", token).errorCode()).isEqualTo("invalid_field");
        assertThat(api.get("v1/content/tracks?ids=", token).status()).isEqualTo(400);
        assertThat(api.get("v1/content/tracks?ids=" + ids.get(0) + "&sort=recent", token).status()).isEqualTo(400);
    }

    @Test
    void anArtistShowsOwnAlbumsAlbumsTheyAppearOnAndRoles() {
        long alpha = StreamSupport.stream(api.get("v1/content/artists", token).json().path("items").spliterator(), false)
                .filter(a -> a.path("name").asText().equals("Alpha")).findFirst().orElseThrow().path("id").asLong();

        JsonNode artist = api.get("v1/content/artists/" + alpha, token).json();

        assertThat(artist.path("albums").findValuesAsText("title")).containsExactly("Mango", "Zebra Songs");
        assertThat(artist.path("appearsOn").findValuesAsText("title")).containsExactly("Hits");
        assertThat(artist.path("roles").toString()).contains("performer", "featured", "album_artist");
    }

    @Test
    void artistsTracksAndGenresList() {
        assertThat(all("v1/content/artists", "name")).containsExactly("Alpha", "Beta", "Gamma", "Various Artists");
        assertThat(all("v1/content/tracks", "title")).hasSize(16).first().isEqualTo("The Apple track 1");
        JsonNode genres = api.get("v1/content/genres", token).json();
        assertThat(genres.findValuesAsText("name")).containsExactly("Jazz", "Pop", "Rock");
        assertThat(genres.get(2).path("albumCount").asLong()).isEqualTo(2);
        assertThat(genres.get(2).path("trackCount").asLong()).isEqualTo(6);
    }

    @Test
    void aFolderImageBecomesTheAlbumCoverWithAPaletteAndIsServedResized() throws Exception {
        JsonNode mango = api.get("v1/content/albums?year=2010", token).json().at("/items/0");
        assertThat(mango.path("coverImageId").isNumber()).as(mango.toString()).isTrue();
        assertThat(mango.path("palette").toString()).contains("#ff0000", "#0000ff");
        assertThat(api.get("v1/content/albums?year=2001", token).json().at("/items/0/coverImageId").isNull()).isTrue();

        String image = "v1/content/images/" + mango.path("coverImageId").asLong();
        ApiHarness.Answer original = api.call("GET", image, token, null, null, java.util.Map.of("Accept", "*/*"));
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.header("Content-Type")).startsWith("image/png");
        assertThat(original.header("Cache-Control")).contains("max-age=31536000");
        ApiHarness.Answer small = api.call("GET", image + "?size=60", token, null, null, java.util.Map.of("Accept", "*/*"));
        assertThat(small.header("Content-Type")).startsWith("image/jpeg");
        assertThat(original.bytes()).isEqualTo(coverBytes);
        java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(small.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(43);
        String etag = small.header("ETag");
        ApiHarness.Answer again = api.call("GET", image + "?size=60", token, null, null, java.util.Map.of("Accept", "*/*", "If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(api.get("v1/content/images/999999", token).status()).isEqualTo(404);
        assertThat(api.call("GET", image + "?size=99999", token, null, null, java.util.Map.of("Accept", "*/*")).status()).isEqualTo(400);
    }

    @Test
    void badParametersAreExplainedAndUnknownIdsAre404() {
        assertThat(api.get("v1/content/albums?sort=random", token).errorCode()).isEqualTo("invalid_sort");
        assertThat(api.get("v1/content/albums?after=garbage!", token).errorCode()).isEqualTo("invalid_cursor");
        assertThat(api.get("v1/content/albums?limit=100000", token).errorCode()).isEqualTo("invalid_parameter");
        assertThat(api.get("v1/content/albums/987654", token).status()).isEqualTo(404);
        assertThat(api.get("v1/content/tracks/987654", token).status()).isEqualTo(404);
        assertThat(api.get("v1/content/artists/987654", token).status()).isEqualTo(404);
    }

    @Test
    void noEndpointTakesAFilePath() {
        ApiHarness.Answer scanWithPath = api.post("v1/admin/library/scan", token, "{\"path\":\"/etc\"}");
        assertThat(scanWithPath.status()).as("regular users may not scan at all").isEqualTo(403);
        String admin = api.auth.createUser(new AuthRequests.CreateUser("root", "root-password", java.util.Optional.of("admin"),
                java.util.Optional.empty()), java.util.Optional.empty()).username();
        String adminToken = api.accessToken(admin, "root-password", "console");
        ApiHarness.Answer refused = api.post("v1/admin/library/scan", adminToken, "{\"kind\":\"quick\",\"path\":\"/etc\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("unknown_field");
        for (String probe : List.of("v1/content/tracks/..%2F..%2Fetc%2Fpasswd", "v1/content/tracks/%2Fetc%2Fpasswd",
                "v1/content/albums/..%2F..%2F..%2Fetc%2Fpasswd")) {
            ApiHarness.Answer answer = api.get(probe, token);
            assertThat(answer.status()).as(probe).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("root:");
        }
        // a matrix parameter is ignored by JAX-RS: album 1 is served, and nothing else
        ApiHarness.Answer matrix = api.get("v1/content/albums/1;file=%2Fetc%2Fpasswd", token);
        assertThat(matrix.status()).isIn(200, 404);
        assertThat(matrix.body()).doesNotContain("root:");
    }

    @Test
    void anAdminRestrictsAUserToAnotherLibraryAndTheUserSeesNothingOfThisOne() {
        long ada = api.auth.userId("ada").orElseThrow();
        long other = api.library.ensureLibrary("Other", api.musicRoot.resolve("Alpha")).id();
        api.createUser("librarian", "librarian-pw", "admin");
        String admin = api.accessToken("librarian", "librarian-pw", "desk");
        assertThat(api.get("v1/admin/library/libraries", admin).json().findValuesAsText("name")).contains("Music", "Other");
        assertThat(api.call("PUT", "v1/admin/library/access/" + ada, admin, "application/json", "{\"libraryIds\":[424242]}").status())
                .isEqualTo(404);
        JsonNode restricted = api.call("PUT", "v1/admin/library/access/" + ada, admin, "application/json",
                "{\"libraryIds\":[" + other + "]}").json();
        assertThat(restricted.path("restricted").asBoolean()).isTrue();
        try {
            assertThat(api.get("v1/content/albums", token).json().path("items").size()).isZero();
            assertThat(api.get("v1/content/artists", token).json().path("items").size()).isZero();
            long mango = api.db.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT id FROM albums WHERE title = 'Mango'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(api.get("v1/content/albums/" + mango, token).status()).isEqualTo(404);
            long mangoTrack = firstId("SELECT t.id FROM tracks t JOIN albums a ON a.id = t.album_id WHERE a.title = 'Mango'");
            assertThat(api.get("v1/content/tracks?ids=" + mangoTrack, token).json().path("items").size()).isZero();
            // nor can the user like what they cannot see: the same 404 as for an item that does not exist
            long track = firstId("SELECT t.id FROM tracks t JOIN albums a ON a.id = t.album_id WHERE a.title = 'Mango'");
            long alpha = firstId("SELECT id FROM artists WHERE name = 'Alpha'");
            List<String> likes = List.of("v1/user/liked/album/" + mango, "v1/user/liked/track/" + track, "v1/user/liked/artist/" + alpha);
            for (String like : likes) {
                assertThat(api.call("PUT", like, token, "application/json", "").status()).as(like).isEqualTo(404);
            }
            assertThat(api.call("PUT", "v1/admin/library/access/" + ada, admin,
                    "application/json", "{\"libraryIds\":[]}").json().path("restricted").asBoolean()).isFalse();
            assertThat(api.get("v1/content/albums", token).json().path("items").size()).isPositive();
            for (String like : likes) {
                assertThat(api.call("PUT", like, token, "application/json", "").status()).as(like).isEqualTo(200);
            }
        } finally {
            api.db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM user_library_access"));
            api.db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM liked_tracks; DELETE FROM liked_albums; DELETE FROM liked_artists"));
            api.db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM libraries WHERE name = 'Other'"));
        }
    }

    private long firstId(String sql) {
        return api.db.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aTrackCarriesItsReplayGainForThePlayer() {
        long hits = api.get("v1/content/albums?year=2015", token).json().at("/items/0/id").asLong();
        long trackId = api.get("v1/content/albums/" + hits, token).json().at("/discs/0/tracks/0/id").asLong();

        JsonNode gain = api.get("v1/content/tracks/" + trackId, token).json().path("replayGain");

        assertThat(gain.path("trackGain").asDouble()).isEqualTo(-7.5);
        assertThat(gain.path("trackPeak").asDouble()).isCloseTo(0.988, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(gain.path("albumGain").asDouble()).isEqualTo(-6.25);
        assertThat(gain.path("albumPeak").asDouble()).isEqualTo(1.0);
    }
}
