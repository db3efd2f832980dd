package dev.resonance.impl.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The library's administration through GraphQL ({@code core.library.admin}): REST sees what it does, and refuses whom REST refuses. */
class AdminLibraryGraphTest {

    private static ApiHarness api;
    private static String admin;
    private static String ada;
    private static long adaId;
    private static final List<Path> folders = new ArrayList<>();

    @BeforeAll
    static void start() {
        api = new ApiHarness();
        api.createUser("root", "root-password", "admin");
        adaId = api.createUser("ada", "ada-password", "regular");
        admin = api.accessToken("root", "root-password", "admin-browser");
        ada = api.accessToken("ada", "ada-password", "ada-browser");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        for (Path folder : folders) {
            try (var files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path folder(String album, int tracks) throws Exception {
        Path folder = Files.createTempDirectory("resonance-admin-graph");
        folders.add(folder);
        for (int t = 1; t <= tracks; t++) {
            PropertiesTagReader.write(folder.resolve("Band/" + album + "/" + t + ".mp3"), "title", album + " " + t,
                    "artist", "Band", "album", album, "albumartist", "Band", "track", Integer.toString(t));
        }
        return folder;
    }

    private static JsonNode data(String token, String query, Map<String, Object> variables) {
        JsonNode answer = api.graphql(token, query, variables);
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.path("data");
    }

    private static JsonNode error(JsonNode answer, String field) {
        assertThat(answer.path("data").path(field).isNull()).as(answer.toString()).isTrue();
        for (JsonNode error : answer.path("errors")) {
            if (error.path("path").get(0).asText().equals(field)) {
                return error;
            }
        }
        throw new AssertionError("no error on " + field + ": " + answer);
    }

    /** Waits (REST's scan status) until no scan runs and one of {@code kind} has ended for {@code libraryId}. */
    private static JsonNode scanned(String libraryId, String kind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = api.get("v1/library/scan", admin).json();
            if (!status.path("running").asBoolean()) {
                for (JsonNode last : status.path("last")) {
                    if (last.path("libraryId").asText().equals(libraryId) && (kind == null || last.path("kind").asText().equals(kind))) {
                        return last;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + kind + " scan of library " + libraryId + " ended: " + api.get("v1/library/scan", admin).body());
    }

    @Test
    void anAdministratorAddsALibraryAndScansItAndRestSeesBoth() throws Exception {
        Path folder = folder("Kiwi", 3);
        Files.writeString(folder.resolve("Band/Kiwi/broken.mp3"), "not=tags\n");
        JsonNode created = data(admin, "mutation($name: String!, $path: String!) { createLibrary(name: $name, path: $path) { id name path } }",
                Map.of("name", "Fruit", "path", folder.toString())).path("createLibrary");
        String id = created.path("id").asText();
        assertThat(created.path("name").asText()).isEqualTo("Fruit");
        JsonNode restLibraries = api.get("v1/admin/library/libraries", admin).json();
        assertThat(restLibraries.findValuesAsText("name")).contains("Fruit");
        JsonNode graphLibraries = data(admin, "{ libraries { id name path } }", Map.of()).path("libraries");
        assertThat(graphLibraries.toString()).isEqualTo(restLibraries.toString().replaceAll("\"id\":(\\d+)", "\"id\":\"$1\""));
        scanned(id, null); // the scan a new library gets

        JsonNode started = data(admin, "mutation($id: ID) { startScan(kind: FULL, libraryId: $id) { running current { kind libraryId } last { kind } } }",
                Map.of("id", id)).path("startScan");
        assertThat(started.path("running").asBoolean()).isTrue();
        assertThat(started.path("current").path("kind").asText()).isEqualTo("full");
        assertThat(started.path("current").path("libraryId").asText()).isEqualTo(id);
        JsonNode full = scanned(id, "full");
        assertThat(full.path("state").asText()).isEqualTo("done");
        assertThat(full.path("processed").asInt()).isEqualTo(4);
        assertThat(full.path("errors").asInt()).isEqualTo(1);
        assertThat(api.get("v1/content/albums", admin).json().path("items").findValuesAsText("title")).contains("Kiwi");

        // the problems, as the status answers them
        JsonNode again = data(admin, "mutation { startScan { current { kind } last { libraryId kind state errors problems { path reason } } } }", Map.of())
                .path("startScan");
        assertThat(again.path("current").path("kind").asText()).isEqualTo("quick");
        JsonNode lastFull = null;
        for (JsonNode last : again.path("last")) {
            if (last.path("libraryId").asText().equals(id) && last.path("kind").asText().equals("full")) {
                lastFull = last;
            }
        }
        assertThat(lastFull).isNotNull();
        assertThat(lastFull.path("problems").get(0).path("path").asText()).isEqualTo(full.path("problems").get(0).path("path").asText())
                .endsWith("broken.mp3");
        assertThat(lastFull.path("problems").get(0).path("reason").asText()).isEqualTo(full.path("problems").get(0).path("reason").asText());
        scanned(id, "quick");

        JsonNode running = api.graphql(admin, "mutation { startScan(kind: FULL) { running } b: startScan { running } }", Map.of());
        assertThat(running.path("data").path("startScan").path("running").asBoolean()).as(running.toString()).isTrue();
        assertThat(error(running, "b").path("extensions").path("code").asText()).isEqualTo("scan_running");
        assertThat(error(running, "b").path("extensions").path("status").asInt()).isEqualTo(409);
        scanned(id, "full");
    }

    @Test
    void aLibraryIsRenamedMovedAndRemoved() throws Exception {
        Path first = folder("Plum", 1);
        Path second = folder("Pear", 2);
        String id = data(admin, "mutation($path: String!) { createLibrary(name: \"Orchard\", path: $path) { id } }",
                Map.of("path", first.toString())).path("createLibrary").path("id").asText();
        scanned(id, null);
        JsonNode renamed = data(admin, "mutation($id: ID!, $path: String) { updateLibrary(id: $id, name: \"Grove\", path: $path) { id name path } }",
                Map.of("id", id, "path", second.toString())).path("updateLibrary");
        assertThat(renamed.path("name").asText()).isEqualTo("Grove");
        JsonNode rest = null;
        for (JsonNode library : api.get("v1/admin/library/libraries", admin).json()) {
            if (library.path("id").asText().equals(id)) {
                rest = library;
            }
        }
        assertThat(rest).isNotNull();
        assertThat(rest.path("name").asText()).isEqualTo("Grove");
        assertThat(rest.path("path").asText()).isEqualTo(renamed.path("path").asText());

        JsonNode nothing = api.graphql(admin, "mutation($id: ID!) { updateLibrary(id: $id) { id } }", Map.of("id", id));
        assertThat(error(nothing, "updateLibrary").path("extensions").path("code").asText()).isEqualTo("missing_field")
                .isEqualTo(api.call("PATCH", "v1/admin/library/libraries/" + id, admin, "application/json", "{}").errorCode());
        JsonNode relative = api.graphql(admin, "mutation { createLibrary(name: \"Nowhere\", path: \"relative/folder\") { id } }", Map.of());
        assertThat(error(relative, "createLibrary").path("extensions").path("code").asText())
                .isEqualTo(api.post("v1/admin/library/libraries", admin, Map.of("name", "Nowhere", "path", "relative/folder")).errorCode());

        scanned(id, null);
        assertThat(data(admin, "mutation($id: ID!) { deleteLibrary(id: $id) }", Map.of("id", id)).path("deleteLibrary").asBoolean()).isTrue();
        assertThat(api.get("v1/admin/library/libraries", admin).json().findValuesAsText("name")).doesNotContain("Grove");
        JsonNode gone = api.graphql(admin, "mutation($id: ID!) { deleteLibrary(id: $id) }", Map.of("id", id));
        assertThat(error(gone, "deleteLibrary").path("extensions").path("status").asInt()).isEqualTo(404);
        JsonNode unknownScan = api.graphql(admin, "mutation($id: ID!) { startScan(libraryId: $id) { running } }", Map.of("id", id));
        assertThat(error(unknownScan, "startScan").path("extensions").path("status").asInt()).isEqualTo(404);
    }

    @Test
    void aUsersLibraryAccessIsRests() throws Exception {
        String id = data(admin, "mutation($path: String!) { createLibrary(name: \"Shelf\", path: $path) { id } }",
                Map.of("path", folder("Fig", 1).toString())).path("createLibrary").path("id").asText();
        scanned(id, null);
        JsonNode set = data(admin, "mutation($user: ID!, $ids: [ID!]!) { setLibraryAccess(userId: $user, libraryIds: $ids) { userId restricted libraryIds } }",
                Map.of("user", Long.toString(adaId), "ids", List.of(id))).path("setLibraryAccess");
        assertThat(set.path("restricted").asBoolean()).isTrue();
        JsonNode rest = api.get("v1/admin/library/access/" + adaId, admin).json();
        assertThat(rest.path("restricted").asBoolean()).isTrue();
        assertThat(rest.path("libraryIds").get(0).asText()).isEqualTo(id);
        JsonNode read = data(admin, "query($user: ID!) { libraryAccess(userId: $user) { userId restricted libraryIds } }",
                Map.of("user", Long.toString(adaId))).path("libraryAccess");
        assertThat(read).isEqualTo(set);
        assertThat(read.path("userId").asText()).isEqualTo(rest.path("userId").asText());

        JsonNode lifted = data(admin, "mutation($user: ID!) { setLibraryAccess(userId: $user, libraryIds: []) { restricted libraryIds } }",
                Map.of("user", Long.toString(adaId))).path("setLibraryAccess");
        assertThat(lifted.path("restricted").asBoolean()).isFalse();
        assertThat(api.get("v1/admin/library/access/" + adaId, admin).json().path("restricted").asBoolean()).isFalse();

        JsonNode noUser = api.graphql(admin, "{ libraryAccess(userId: \"999999\") { userId } }", Map.of());
        assertThat(error(noUser, "libraryAccess").path("extensions").path("status").asInt()).isEqualTo(404);
        JsonNode noLibrary = api.graphql(admin, "mutation($user: ID!) { setLibraryAccess(userId: $user, libraryIds: [\"999999\"]) { userId } }",
                Map.of("user", Long.toString(adaId)));
        assertThat(error(noLibrary, "setLibraryAccess").path("extensions").path("status").asInt()).isEqualTo(404);
        JsonNode badId = api.graphql(admin, "mutation($user: ID!) { setLibraryAccess(userId: $user, libraryIds: [\"12abc\"]) { userId } }",
                Map.of("user", Long.toString(adaId)));
        assertThat(error(badId, "setLibraryAccess").path("extensions").path("status").asInt()).isEqualTo(400);
    }

    @Test
    void aRegularUserIsRefusedEveryAdminField() {
        String libraryCountBefore = api.get("v1/admin/library/libraries", admin).body();
        Map<String, Object> vars = Map.of("user", Long.toString(adaId), "path", api.musicRoot.toString());
        JsonNode reads = api.graphql(ada, "query($user: ID!) { libraries { id } libraryAccess(userId: $user) { restricted } }",
                Map.of("user", Long.toString(adaId)));
        for (String field : List.of("libraries", "libraryAccess")) {
            assertThat(error(reads, field).path("extensions").path("status").asInt()).as(field).isEqualTo(403);
        }
        JsonNode writes = api.graphql(ada, "mutation($user: ID!, $path: String!) { createLibrary(name: \"Mine\", path: $path) { id } "
                + "updateLibrary(id: \"1\", name: \"Mine\") { id } deleteLibrary(id: \"1\") "
                + "setLibraryAccess(userId: $user, libraryIds: []) { restricted } startScan(kind: FULL) { running } }", vars);
        for (String field : List.of("createLibrary", "updateLibrary", "deleteLibrary", "setLibraryAccess", "startScan")) {
            JsonNode e = error(writes, field);
            assertThat(e.path("extensions").path("status").asInt()).as(field).isEqualTo(403);
            assertThat(e.path("extensions").path("code").asText()).as(field).isEqualTo("forbidden");
        }
        assertThat(api.post("v1/admin/library/scan", ada, Map.of("kind", "full")).status()).isEqualTo(403);
        assertThat(api.get("v1/admin/library/libraries", admin).body()).isEqualTo(libraryCountBefore);
    }
}
