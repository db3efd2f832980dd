package dev.resonance.impl.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import dev.resonance.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several music folders, managed by an admin over REST: a library is added (scanned at once), kept apart from the
 * others (no folder in two libraries), shown only to the users granted it, renamed, moved to another folder (its old
 * tracks go missing, the new ones arrive) and removed with its catalog; the configured library stays the
 * configuration's; bad requests are 4xx with the JSON error.
 */
class LibrariesAdminTest {

    @TempDir
    Path disks;

    private ApiHarness api;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        api = new ApiHarness();
        PropertiesTagReader.write(api.musicRoot.resolve("Main/Album/1.mp3"), "title", "Main Song", "artist", "Main Artist",
            "album", "Album", "track", "1");
        api.scanMusic();
        api.createUser("root", "root-password", "admin");
        admin = api.accessToken("root", "root-password", "admin-console");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ApiHarness.Answer send(String method, String path, String token, Object body) {
        return api.call(method, path, token, body == null ? null : "application/json", body == null ? null : ApiHarness.json(body));
    }

    private List<String> titles(String token) {
        List<String> titles = new ArrayList<>();
        api.get("v1/content/tracks", token).json().path("items").forEach(t -> titles.add(t.path("title").asText()));
        return titles;
    }

    @Test
    void anAdminAddsRenamesMovesAndRemovesALibraryAndUsersSeeOnlyWhatTheyAreGranted() throws Exception {
        Path audiobooks = Files.createDirectories(disks.resolve("audiobooks"));
        PropertiesTagReader.write(audiobooks.resolve("Reader/Book/1.mp3"), "title", "Chapter One", "artist", "Reader",
            "album", "Book", "track", "1");

        ApiHarness.Answer created = send("POST", "v1/admin/library/libraries", admin,
            Map.of("name", "Audiobooks", "path", audiobooks.toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long books = created.json().path("id").asLong();
        assertThat(created.json().path("path").asText()).isEqualTo(audiobooks.toRealPath().toString());
        Await.until("the new library scanned", () -> titles(admin).contains("Chapter One"));
        assertThat(titles(admin)).containsExactlyInAnyOrder("Main Song", "Chapter One");
        assertThat(send("GET", "v1/admin/library/libraries", admin, null).json().findValuesAsText("name"))
            .containsExactly("Music", "Audiobooks");

        long listener = api.createUser("listener", "listener-pw", "regular");
        String token = api.accessToken("listener", "listener-pw", "phone");
        assertThat(send("PUT", "v1/admin/library/access/" + listener, admin, Map.of("libraryIds", List.of(books))).status())
            .isEqualTo(200);
        assertThat(titles(token)).containsExactly("Chapter One");

        JsonNode renamed = send("PATCH", "v1/admin/library/libraries/" + books, admin, Map.of("name", "Spoken word")).json();
        assertThat(renamed.path("name").asText()).isEqualTo("Spoken word");
        assertThat(renamed.path("path").asText()).isEqualTo(audiobooks.toRealPath().toString());

        Path moved = Files.createDirectories(disks.resolve("spoken"));
        PropertiesTagReader.write(moved.resolve("Poet/Poems/1.mp3"), "title", "First Poem", "artist", "Poet",
            "album", "Poems", "track", "1");
        assertThat(send("PATCH", "v1/admin/library/libraries/" + books, admin, Map.of("path", moved.toString())).status())
            .isEqualTo(200);
        Await.until("the moved library rescanned", () -> titles(token).equals(List.of("First Poem")));
        assertThat(titles(admin)).containsExactlyInAnyOrder("Main Song", "First Poem");

        // the listener may see only this library: removing it would show them every library (no rows = all)
        ApiHarness.Answer refused = send("DELETE", "v1/admin/library/libraries/" + books, admin, null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("library_only_access");
        assertThat(refused.json().path("error").path("message").asText()).contains("listener");
        assertThat(titles(token)).as("nothing removed").containsExactly("First Poem");
        long music = send("GET", "v1/admin/library/libraries", admin, null).json().get(0).path("id").asLong();
        assertThat(send("PUT", "v1/admin/library/access/" + listener, admin, Map.of("libraryIds", List.of(books, music))).status())
            .isEqualTo(200);

        assertThat(send("DELETE", "v1/admin/library/libraries/" + books, admin, null).status()).isEqualTo(204);
        assertThat(titles(admin)).containsExactly("Main Song");
        assertThat(titles(token)).as("still limited to what they were granted").containsExactly("Main Song");
        assertThat(send("GET", "v1/admin/library/libraries", admin, null).json().findValuesAsText("name"))
            .containsExactly("Music");
        Integer poetTracks = api.db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT track_count FROM artists WHERE name = 'Poet'")) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        });
        assertThat(poetTracks).as("the removed library's artist counts nothing").isEqualTo(0);
        assertThat(Files.exists(moved.resolve("Poet/Poems/1.mp3"))).as("the files stay").isTrue();
        assertThat(send("DELETE", "v1/admin/library/libraries/" + books, admin, null).status()).isEqualTo(404);
    }

    @Test
    void aFolderBelongsToOneLibraryAndBadRequestsAreClearErrors() throws Exception {
        Path inside = Files.createDirectories(api.musicRoot.resolve("Main"));
        Path elsewhere = Files.createDirectories(disks.resolve("elsewhere"));
        Map<String, Object> overlapping = Map.of("name", "Inner", "path", inside.toString());
        Map<String, Object> holding = Map.of("name", "Outer", "path", api.musicRoot.getParent().toString());
        for (Map<String, Object> body : List.of(overlapping, holding)) {
            ApiHarness.Answer refused = send("POST", "v1/admin/library/libraries", admin, body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(409);
            assertThat(refused.json().at("/error/code").asText()).isEqualTo("library_overlaps");
        }
        Map<String, Object> relative = Map.of("name", "R", "path", "music/elsewhere");
        Map<String, Object> missing = Map.of("name", "M", "path", disks.resolve("nothing-here").toString());
        Map<String, Object> control = Map.of("name", "Bad\u0007name", "path", elsewhere.toString());
        Map<String, Object> noPath = Map.of("name", "No path");
        for (Map<String, Object> body : List.of(relative, missing, control, noPath)) {
            ApiHarness.Answer refused = send("POST", "v1/admin/library/libraries", admin, body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(400);
            assertThat(refused.json().at("/error/code").asText()).as(refused.body()).isNotEmpty();
        }
        assertThat(send("POST", "v1/admin/library/libraries", admin, Map.of("name", "Music", "path", elsewhere.toString()))
            .status()).as("a name is taken once").isEqualTo(409);

        long music = send("GET", "v1/admin/library/libraries", admin, null).json().get(0).path("id").asLong();
        ApiHarness.Answer moveConfigured = send("PATCH", "v1/admin/library/libraries/" + music, admin,
            Map.of("path", elsewhere.toString()));
        assertThat(moveConfigured.status()).isEqualTo(409);
        assertThat(moveConfigured.json().at("/error/code").asText()).isEqualTo("library_configured");
        assertThat(send("DELETE", "v1/admin/library/libraries/" + music, admin, null).status()).isEqualTo(409);
        assertThat(send("PATCH", "v1/admin/library/libraries/" + music, admin, Map.of()).status()).isEqualTo(400);
        assertThat(send("PATCH", "v1/admin/library/libraries/999999", admin, Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(titles(admin)).as("nothing changed").containsExactly("Main Song");
    }
}
