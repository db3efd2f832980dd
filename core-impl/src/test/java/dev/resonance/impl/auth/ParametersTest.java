package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.http.ServerInfoResource;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.model.Parameter;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Path and query parameters parse one way on every endpoint: every list's {@code limit} (found in Jersey's resource
 * model, so a new list is covered without touching this test) is 1–500 and anything else is a 400 naming it, and ids
 * are ASCII digits only.
 */
class ParametersTest {

    private static ApiHarness api;
    private static String admin;
    private static long trackId;
    private static long playlistId;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("root", "root-password", "admin");
        admin = api.accessToken("root", "root-password", "console");
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/1.mp3"), "title", "One", "artist", "A", "album", "B");
        api.scanMusic();
        trackId = api.get("v1/content/tracks", admin).json().at("/items/0/id").asLong();
        playlistId = api.post("v1/user/playlists", admin, java.util.Map.of("name", "Lists")).json().path("id").asLong();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Every GET endpoint that takes a {@code limit} query parameter, with its path parameters filled in. */
    static List<String> listEndpoints() {
        List<String> lists = new ArrayList<>();
        for (Class<?> type : api.resourceClasses()) {
            if (type.isAnnotationPresent(javax.ws.rs.Path.class)) {
                collect(Resource.from(type), "", lists);
            }
        }
        return lists;
    }

    private static void collect(Resource resource, String parent, List<String> out) {
        String path = (parent.isEmpty() ? "" : parent + "/") + resource.getPath().replaceAll("^/+|/+$", "");
        for (ResourceMethod method : resource.getResourceMethods()) {
            for (Parameter parameter : method.getInvocable().getParameters()) {
                if (parameter.getSource() == Parameter.Source.QUERY && "limit".equals(parameter.getSourceName())) {
                    assertThat(parameter.getRawType()).as(method.getHttpMethod() + " " + path + ": limit must be a PageLimit")
                            .isEqualTo(PageLimit.class);
                    out.add(path.replace("{type}", "track").replace("{id}", Long.toString(playlistId)));
                }
            }
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path.replaceAll("/+$", ""), out);
        }
    }

    @Test
    void theListsAreFound() {
        assertThat(listEndpoints()).contains("v1/content/albums", "v1/content/artists", "v1/content/tracks", "v1/user/liked/track",
                "v1/sync/events", "v1/admin/users");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listEndpoints")
    void aLimitOutOfRangeIsA400NamingIt(String list) {
        // a list that needs more than a limit gets what it needs (the search, its words)
        String required = list.equals("v1/content/search") ? "q=x&" : "";
        for (String limit : List.of("0", "-1", "501", "100000", "99999999999", "ten", "%D9%A1")) {
            ApiHarness.Answer answer = api.get(list + "?" + required + "limit=" + limit, admin);
            assertThat(answer.status()).as(list + "?limit=" + limit + ": " + answer).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("invalid_parameter");
            assertThat(answer.json().at("/error/message").asText()).contains("'limit'");
        }
        for (String limit : List.of("1", "500")) {
            ApiHarness.Answer answer = api.get(list + "?" + required + "limit=" + limit, admin);
            assertThat(answer.status()).as(list + "?limit=" + limit + ": " + answer).isEqualTo(200);
        }
        assertThat(api.get(list + (required.isEmpty() ? "" : "?" + required), admin).status()).as("the default limit").isEqualTo(200);
    }

    @Test
    void idsInUnicodeDigitsNameNothing() {
        String arabicIndic = arabicIndic(trackId);
        assertThat(api.get("v1/content/tracks/" + trackId, admin).status()).isEqualTo(200);
        ApiHarness.Answer unicode = api.get("v1/content/tracks/" + URLEncoder.encode(arabicIndic, StandardCharsets.UTF_8), admin);
        assertThat(unicode.status()).as(unicode.toString()).isEqualTo(404);
        assertThat(unicode.errorCode()).isEqualTo("not_found");
        assertThat(api.get("v1/admin/users/" + URLEncoder.encode(arabicIndic(1), StandardCharsets.UTF_8), admin).status()).isEqualTo(404);
        assertThat(api.get("v1/content/tracks/%EF%BC%91", admin).status()).as("fullwidth 1").isEqualTo(404);
        ApiHarness.Answer query = api.get("v1/content/albums?genre=" + URLEncoder.encode(arabicIndic(1), StandardCharsets.UTF_8), admin);
        assertThat(query.status()).as(query.toString()).isEqualTo(400);
        assertThat(query.errorCode()).isEqualTo("invalid_parameter");
    }

    private static String arabicIndic(long n) {
        StringBuilder out = new StringBuilder();
        for (char c : Long.toString(n).toCharArray()) {
            out.append((char) ('\u0660' + (c - '0')));
        }
        return out.toString();
    }
}
