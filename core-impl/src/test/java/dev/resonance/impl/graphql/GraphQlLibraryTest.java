package dev.resonance.impl.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The library through GraphQL: the same answers as REST, errors in the GraphQL shape, the limits. */
class GraphQlLibraryTest {

    private static ApiHarness api;
    private static String token;
    private static long albumId;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("ada", "ada-password", "regular");
        token = api.accessToken("ada", "ada-password", "browser");
        for (int t = 1; t <= 4; t++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Alpha/Mango/" + t + ".mp3"), "title", "Mango track " + t,
                    "artist", "Alpha", "album", "Mango", "albumartist", "Alpha", "track", Integer.toString(t), "date", "2010", "genre", "Rock");
        }
        api.scanMusic();
        albumId = api.get("v1/content/albums", token).json().path("items").get(0).path("id").asLong();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void anAlbumPageHasTheFieldsRestGives() {
        JsonNode rest = api.get("v1/content/albums/" + albumId, token).json();
        JsonNode answer = api.graphql(token, "query($id: ID!) { album(id: $id) { id title artist year genres tracks { id title track albumTitle album { id } artists { name role } } } }",
                Map.of("id", Long.toString(albumId)));
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        JsonNode album = answer.path("data").path("album");
        assertThat(album.path("title").asText()).isEqualTo(rest.path("album").path("title").asText()).isEqualTo("Mango");
        assertThat(album.path("year").asInt()).isEqualTo(2010);
        assertThat(album.path("genres").get(0).asText()).isEqualTo("Rock");
        assertThat(album.path("tracks")).hasSize(4);
        assertThat(album.path("tracks").get(0).path("title").asText()).isEqualTo("Mango track 1");
        assertThat(album.path("tracks").get(0).path("album").path("id").asText()).isEqualTo(Long.toString(albumId));
        assertThat(album.path("tracks").get(0).path("artists").get(0).path("name").asText()).isEqualTo("Alpha");
    }

    @Test
    void aSearchAnswersAsRestDoesAndCountsFacetsOnlyWhenTheyAreSelected() {
        JsonNode typing = api.graphql(token, "{ search(q: \"mangp tr\") { provider tracks { items { title } } } }", Map.of());
        assertThat(typing.has("errors")).as(typing.toString()).isFalse();
        assertThat(typing.at("/data/search/tracks/items")).hasSize(4);
        assertThat(typing.at("/data/search/tracks/items/0/title").asText()).startsWith("Mango track");

        JsonNode withFacets = api.graphql(token, "{ search(q: \"mango\") { facets } }", Map.of());
        JsonNode rest = api.get("v1/content/search?q=mango&facets=true", token).json();
        assertThat(withFacets.at("/data/search/facets/kinds/track").asLong()).isEqualTo(4);
        assertThat(withFacets.at("/data/search/facets").toString()).isEqualTo(rest.path("facets").toString());
    }

    @Test
    void anUnknownAlbumIsNullWithTheRestErrorCode() {
        JsonNode answer = api.graphql(token, "{ album(id: \"999999\") { id } }", Map.of());
        assertThat(answer.path("data").path("album").isNull()).isTrue();
        JsonNode error = answer.path("errors").get(0);
        assertThat(error.path("extensions").path("status").asInt()).isEqualTo(404);
        assertThat(error.path("path").get(0).asText()).isEqualTo("album");
    }

    @Test
    void aMalformedIdIsTheClientsMistake() {
        JsonNode answer = api.graphql(token, "{ album(id: \"12abc\") { id } }", Map.of());
        assertThat(answer.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("invalid_input");
    }

    @Test
    void aDeeplyNestedQueryIsRefusedBeforeAnythingRuns() {
        StringBuilder query = new StringBuilder("{ album(id: \"" + albumId + "\") { ");
        for (int i = 0; i < 10; i++) {
            query.append("tracks { album { ");
        }
        query.append("id").append(" } }".repeat(10)).append(" } }");
        JsonNode answer = api.graphql(token, query.toString(), Map.of());
        assertThat(answer.path("data").isMissingNode() || answer.path("data").isNull()).as(answer.toString()).isTrue();
        assertThat(answer.path("errors").get(0).path("message").asText()).containsIgnoringCase("depth");
    }

    @Test
    void aVeryWideQueryIsRefusedBeforeAnythingRuns() {
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < 1200; i++) {
            query.append("a").append(i).append(": genres { id } ");
        }
        query.append("}");
        JsonNode answer = api.graphql(token, query.toString(), Map.of());
        assertThat(answer.path("data").isMissingNode() || answer.path("data").isNull()).as(answer.toString()).isTrue();
        assertThat(answer.path("errors").get(0).path("message").asText()).containsIgnoringCase("complexity");
    }
}
