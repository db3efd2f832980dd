package dev.resonance.plugin.lyrics.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.plugin.testkit.PluginHarness;
import dev.resonance.plugin.testkit.TestPluginHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake answers as LRCLIB does, so the plugin's tests against it mean something; and the testkit's HTTP client
 * refuses it unless the test declares 127.0.0.1, which the plugin's own descriptor does not.
 */
class FakeLrclibTest {

    private final FakeLrclib lrclib = FakeLrclib.start();
    private final TestPluginHttp http =
        PluginHarness.of(PluginHarness.load().descriptor().withNetworkHosts("127.0.0.1")).http();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        lrclib.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(lrclib.url() + pathAndQuery)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getByIdAnswersTheRecordShape() throws Exception {
        FakeLrclib.Track track = lrclib.add("Artist", "Title", "Album", 201.5, "plain", null);

        JsonNode record = json.readTree(get("/api/get/" + track.id()).body());

        assertThat(record.properties()).extracting(Map.Entry::getKey).containsExactly("id", "name",
            "trackName", "artistName", "albumName", "duration", "instrumental", "plainLyrics", "syncedLyrics");
        assertThat(record.get("duration").asDouble()).isEqualTo(201.5);
        assertThat(record.get("syncedLyrics").isNull()).isTrue();
    }

    @Test
    void aMissIsTrackNotFoundWithLrclibsBody() throws Exception {
        HttpResponse<String> byId = get("/api/get/424242");
        HttpResponse<String> bySignature = get("/api/get?track_name=Nope&artist_name=Nobody&duration=100");

        for (HttpResponse<String> response : List.of(byId, bySignature)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo(
                "{\"message\":\"Failed to find specified track\",\"name\":\"TrackNotFound\",\"statusCode\":404}");
        }
    }

    @Test
    void getValidatesItsParametersAsLrclibDoes() throws Exception {
        assertThat(get("/api/get?artist_name=A&duration=100").statusCode()).isEqualTo(400);
        assertThat(get("/api/get?track_name=T&artist_name=A&duration=0").statusCode()).isEqualTo(400);
        assertThat(json.readTree(get("/api/get?track_name=T&artist_name=A&duration=3601").body()).get("name")
            .asText()).isEqualTo("ValidationError");
    }

    @Test
    void searchAnswersAtMostTwentyRecordsHoldingEveryWord() throws Exception {
        for (int i = 0; i < 25; i++) {
            lrclib.add("Daft Punk", "One More Time " + i, "Discovery", 320, "plain", null);
        }
        lrclib.add("Someone Else", "One More Song", "Other", 200, "plain", null);

        JsonNode found = json.readTree(get("/api/search?q=daft%20punk%20one").body());

        assertThat(found.isArray()).isTrue();
        assertThat(found).hasSize(20);
        assertThat(found.get(0).get("artistName").asText()).isEqualTo("Daft Punk");
        assertThat(get("/api/search").statusCode()).isEqualTo(400);
    }

    @Test
    void everyRequestIsRecorded() throws Exception {
        get("/api/get?track_name=A%20B&artist_name=C");

        assertThat(lrclib.requests()).singleElement().satisfies(request -> {
            assertThat(request.query()).containsEntry("track_name", "A B");
            assertThat(request.header("user-agent")).hasValue("Resonance (plugin lyrics)").hasValue(http.userAgent());
        });
    }

    @Test
    void theClientRefusesAnUndeclaredHostBeforeSending() {
        TestPluginHttp declaredOnly = PluginHarness.load().http();

        assertThatThrownBy(() -> declaredOnly.send(HttpRequest.newBuilder(lrclib.url()).build(),
            HttpResponse.BodyHandlers.discarding()))
            .isInstanceOfSatisfying(ResonanceException.class,
                e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));
        assertThat(lrclib.requests()).isEmpty();
    }
}
