package dev.resonance.impl.playlists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a playlist shows of its tracks is a copy kept beside it ({@code playlist_tracks}, V16) so that a long playlist
 * loads without a lookup per entry: these tests change the catalog under a playlist the way a user does — retag a file,
 * move it to another album, replace a cover, delete and restore a file — rescan, and compare every entry the API shows
 * with the catalog itself (tracks and albums read directly).
 */
class PlaylistTracksTest {

    private ApiHarness api;
    private String ada;
    private Path one;
    private Path two;

    @BeforeEach
    void start() throws Exception {
        api = new ApiHarness();
        api.createUser("ada", "ada-password", "regular");
        ada = api.accessToken("ada", "ada-password", "ada-phone");
        one = api.musicRoot.resolve("Band/Alpha/1.mp3");
        two = api.musicRoot.resolve("Band/Alpha/2.mp3");
        tag(one, "One", "Alpha");
        tag(two, "Two", "Alpha");
        Files.write(api.musicRoot.resolve("Band/Alpha/folder.png"), PlaylistCatalog.png(Color.RED));
        api.scanMusic();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void entriesFollowRetagsAlbumMovesCoversAndMissingFiles() throws Exception {
        long idOne = track("One");
        long idTwo = track("Two");
        long playlist = ok(api.post("v1/user/playlists", ada, Map.of("name", "Mix", "trackIds", List.of(idOne, idTwo, idOne))))
                .path("id").asLong();
        assertMatchesCatalog(playlist, List.of("One", "Two", "One"));
        assertThat(copies(playlist)).as("one copy per track, not per entry").isEqualTo(2);

        // retag: a new title, and another album (a new album row; the old one keeps Two)
        tag(one, "One (remastered)", "Beta");
        api.scanMusic();
        assertMatchesCatalog(playlist, List.of("One (remastered)", "Two", "One (remastered)"));
        JsonNode first = entries(playlist).get(0);
        assertThat(first.path("album").asText()).isEqualTo("Beta");

        // a new cover for Alpha: the entry of Two shows it
        long before = entries(playlist).get(1).path("coverImageId").asLong();
        Files.write(api.musicRoot.resolve("Band/Alpha/folder.png"), PlaylistCatalog.png(Color.BLUE));
        Files.setLastModifiedTime(api.musicRoot.resolve("Band/Alpha/folder.png"), FileTime.from(Instant.now().plusSeconds(60)));
        api.library.startScan(true, java.util.Optional.empty());
        awaitScan();
        assertMatchesCatalog(playlist, List.of("One (remastered)", "Two", "One (remastered)"));
        assertThat(entries(playlist).get(1).path("coverImageId").asLong()).as("the new cover").isNotEqualTo(before);

        // a file that goes missing hides its entries; back, they show again
        Path aside = Files.move(two, api.musicRoot.resolveSibling("two-aside.mp3"));
        api.scanMusic();
        assertMatchesCatalog(playlist, List.of("One (remastered)", "One (remastered)"));
        Files.move(aside, two);
        api.scanMusic();
        assertMatchesCatalog(playlist, List.of("One (remastered)", "Two", "One (remastered)"));

        // removing both entries of a track removes its copy; removing one of two keeps it
        List<Long> entryIds = new ArrayList<>();
        entries(playlist).forEach(e -> entryIds.add(e.path("entryId").asLong()));
        ok(api.post("v1/user/playlists/" + playlist + "/entries/remove", ada, Map.of("entryIds", List.of(entryIds.get(0)))));
        assertThat(copies(playlist)).isEqualTo(2);
        ok(api.post("v1/user/playlists/" + playlist + "/entries/remove", ada, Map.of("entryIds", List.of(entryIds.get(2)))));
        assertThat(copies(playlist)).isEqualTo(1);
        assertMatchesCatalog(playlist, List.of("Two"));
    }

    /** Writes a stand-in file with these tags and a modification time the next quick scan sees as new. */
    private static void tag(Path file, String title, String album) throws Exception {
        boolean existed = Files.exists(file);
        PropertiesTagReader.write(file, "title", title, "artist", "Band", "album", album, "albumartist", "Band", "duration", "90000");
        if (existed) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(120)));
        }
    }

    private void awaitScan() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (api.library.status().running()) {
            assertThat(System.nanoTime()).as("scan finished").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Every entry the API shows carries what the catalog says of its track now (title, artist, album, cover, duration). */
    private void assertMatchesCatalog(long playlist, List<String> titles) {
        List<JsonNode> shown = entries(playlist);
        assertThat(shown.stream().map(e -> e.path("title").asText()).toList()).isEqualTo(titles);
        for (JsonNode e : shown) {
            Map<String, Object> truth = api.db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT t.title, t.artist_display, t.album_id, al.title, al.cover_image_id,"
                        + " t.duration_ms FROM tracks t LEFT JOIN albums al ON al.id = t.album_id WHERE t.id = ?")) {
                    ps.setLong(1, e.path("trackId").asLong());
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        return Map.of("title", rs.getString(1), "artist", rs.getString(2), "albumId", rs.getLong(3),
                                "album", rs.getString(4), "coverImageId", rs.getLong(5), "durationMs", rs.getLong(6));
                    }
                }
            });
            assertThat(e.path("title").asText()).isEqualTo(truth.get("title"));
            assertThat(e.path("artist").asText()).isEqualTo(truth.get("artist"));
            assertThat(e.path("albumId").asLong()).isEqualTo(truth.get("albumId"));
            assertThat(e.path("album").asText()).isEqualTo(truth.get("album"));
            assertThat(e.path("coverImageId").asLong()).isEqualTo(truth.get("coverImageId"));
            assertThat(e.path("durationMs").asLong()).isEqualTo(truth.get("durationMs"));
        }
    }

    private List<JsonNode> entries(long playlist) {
        List<JsonNode> out = new ArrayList<>();
        ok(api.get("v1/user/playlists/" + playlist, ada)).path("entries").forEach(out::add);
        return out;
    }

    private long track(String title) {
        return api.db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tracks WHERE title = ?")) {
                ps.setString(1, title);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("track " + title).isTrue();
                    return rs.getLong(1);
                }
            }
        });
    }

    private long copies(long playlist) {
        return api.db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM playlist_tracks WHERE playlist_id = ?")) {
                ps.setLong(1, playlist);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static JsonNode ok(ApiHarness.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }
}
