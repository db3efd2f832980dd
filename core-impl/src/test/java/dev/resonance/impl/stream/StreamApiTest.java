package dev.resonance.impl.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.testing.Ffmpeg;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming REST API (decision, signed URLs, per-device settings) on the real server code, and signed URLs
 * used against the real stream servlet in Jetty.
 */
class StreamApiTest {

    @TempDir
    Path data;

    private ApiHarness api;
    private Server jetty;
    private String base;
    private String ada;
    private String bob;
    private long flac;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        api = new ApiHarness();
        long adaId = api.createUser("ada", "ada-password", "regular");
        api.auth.grant(adaId, dev.resonance.api.auth.Permission.ISSUE_CONTENT_DOWNLOAD, java.util.Optional.empty(),
                java.util.Optional.empty()); // ada may download; bob only listens
        api.createUser("bob", "bob-password", "regular");
        ada = api.accessToken("ada", "ada-password", "ada-phone");
        bob = api.accessToken("bob", "bob-password", "bob-phone");
        Path music = Files.createDirectories(data.resolve("music"));
        Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "flac", music.resolve("tone.flac").toString());
        flac = StreamTestData.track(api.db, StreamTestData.library(api.db, music), "tone.flac", "flac", "flac", 900, 3000);
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new StreamServlet(api.auth::authenticate, api.stream.files(),
                StreamTesting.transcoder(data, 8, 2, 0, 30), api.stream.policy())), "/stream/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        api.close();
    }

    private long deviceOf(String token) {
        for (JsonNode device : api.get("v1/user/devices", token).json()) {
            if (device.path("current").asBoolean()) {
                return device.path("id").asLong();
            }
        }
        throw new AssertionError("no current device");
    }

    private HttpResponse<byte[]> fetch(String pathAndQuery, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aDeviceHasDefaultsAndTakesNewSettings() {
        long phone = deviceOf(ada);
        JsonNode defaults = api.get("v1/user/devices/" + phone + "/streaming", ada).json();
        assertThat(defaults.at("/wifi/format").asText()).isEqualTo("original");
        assertThat(defaults.at("/cellular/format").asText()).isEqualTo("opus");
        assertThat(defaults.at("/cellular/maxBitrate").asInt()).isEqualTo(128);

        ApiHarness.Answer put = api.call("PUT", "v1/user/devices/" + phone + "/streaming", ada, "application/json",
                "{\"wifi\":{\"format\":\"original\",\"maxBitrate\":320},\"cellular\":{\"format\":\"mp3\",\"maxBitrate\":96}}");

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode now = api.get("v1/user/devices/" + phone + "/streaming", ada).json();
        assertThat(now.at("/wifi/maxBitrate").asInt()).isEqualTo(320);
        assertThat(now.at("/cellular/format").asText()).isEqualTo("mp3");
        assertThat(api.get("v1/stream/" + flac + "/decision?network=cellular", ada).json().path("header").asText())
                .isEqualTo("mp3/96; reason=bitrate 900 over 96");
    }

    @Test
    void anotherUsersOrAnUnknownDeviceIs404() {
        long bobsPhone = deviceOf(bob);

        assertThat(api.get("v1/user/devices/" + bobsPhone + "/streaming", ada).status()).isEqualTo(404);
        assertThat(api.call("PUT", "v1/user/devices/" + bobsPhone + "/streaming", ada, "application/json",
                "{\"wifi\":{\"format\":\"original\"},\"cellular\":{\"format\":\"original\"}}").status()).isEqualTo(404);
        assertThat(api.get("v1/user/devices/999999/streaming", ada).status()).isEqualTo(404);
    }

    @Test
    void badSettingsAre400() {
        long phone = deviceOf(ada);
        for (String body : new String[] {"{\"wifi\":{\"format\":\"flac\"},\"cellular\":{\"format\":\"original\"}}",
                "{\"wifi\":{\"format\":\"original\",\"maxBitrate\":5},\"cellular\":{\"format\":\"original\"}}", "{}", "[]"}) {
            ApiHarness.Answer answer = api.call("PUT", "v1/user/devices/" + phone + "/streaming", ada, "application/json", body);
            assertThat(answer.status()).as(body + " → " + answer.body()).isEqualTo(400);
        }
    }

    @Test
    void theDecisionEndpointShowsWhatTheStreamWouldBe() throws Exception {
        JsonNode direct = api.get("v1/stream/" + flac + "/decision", ada).json();
        assertThat(direct.path("direct").asBoolean()).isTrue();

        JsonNode transcode = api.call("GET", "v1/stream/" + flac + "/decision", ada, null, null,
                Map.of("X-Resonance-Client", "{\"codecs\":[\"mp3\",\"aac\"],\"maxBitrate\":256}")).json();
        assertThat(transcode.path("direct").asBoolean()).isFalse();
        assertThat(transcode.path("format").asText()).isEqualTo("aac");
        assertThat(transcode.path("bitrate").asInt()).isEqualTo(256);
        assertThat(transcode.path("reason").asText()).isEqualTo("client does not play flac");

        HttpResponse<byte[]> stream = fetch("/stream/" + flac, Map.of("Authorization", "Bearer " + ada,
                "X-Resonance-Client", "{\"codecs\":[\"mp3\",\"aac\"],\"maxBitrate\":256}"));
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("X-Resonance-Transcode")).hasValue(transcode.path("header").asText());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("audio/aac");
        assertThat(fetch("/stream/" + flac, Map.of("Authorization", "Bearer " + ada)).headers().firstValue("X-Resonance-Transcode"))
                .hasValue("direct; reason=flac playable");

        assertThat(api.get("v1/stream/" + flac + "/decision?client=winamp", ada).errorCode()).isEqualTo("invalid_client");
        assertThat(api.get("v1/stream/" + flac + "/decision?format=opus&bitrate=999", ada).errorCode()).isEqualTo("invalid_bitrate");
        assertThat(api.get("v1/stream/424242/decision", ada).status()).isEqualTo(404);
    }

    @Test
    void aSignedUrlPlaysWithoutATokenAndNothingInItCanBeChanged() throws Exception {
        ApiHarness.Answer answer = api.call("POST", "v1/stream/" + flac + "/url?format=opus&bitrate=96", ada, null, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String url = answer.json().path("url").asText();
        assertThat(url).startsWith("/stream/" + flac + "?").contains("format=opus", "bitrate=96", "exp=", "sig=");
        assertThat(java.time.Instant.parse(answer.json().path("expiresAt").asText()))
                .isBetween(api.clock.instant().plus(Duration.ofMinutes(359)), api.clock.instant().plus(Duration.ofMinutes(361)));

        HttpResponse<byte[]> ok = fetch(url, Map.of());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-Resonance-Transcode")).hasValue("opus/96; reason=requested");

        assertThat(fetch(url.replace("bitrate=96", "bitrate=128"), Map.of()).statusCode()).isEqualTo(403);
        assertThat(fetch(url.replace("/stream/" + flac + "?", "/stream/" + (flac + 1) + "?"), Map.of()).statusCode()).isEqualTo(403);
        assertThat(fetch(url + "&offset=1", Map.of()).statusCode()).isEqualTo(403);
        assertThat(fetch(url.replaceAll("sig=[^&]+", "sig=AAAA"), Map.of()).statusCode()).isEqualTo(403);
        assertThat(fetch(url.replaceAll("exp=([0-9]+)", "exp=9$1"), Map.of()).statusCode()).isEqualTo(403);
        assertThat(fetch(url.replaceAll("&?sig=[^&]+", ""), Map.of()).statusCode()).as("no signature, no token").isEqualTo(401);

        api.clock.advance(Duration.ofHours(7));
        HttpResponse<byte[]> expired = fetch(url, Map.of());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(new String(expired.body())).contains("url_expired");
    }

    @Test
    void aSignedUrlOpensOnlyThePathItWasSignedFor() throws Exception {
        String url = api.call("POST", "v1/stream/" + flac + "/url", ada, null, null).json().path("url").asText();
        String asDownload = url.replace("/stream/" + flac + "?", "/stream/" + flac + "/download?");

        HttpResponse<byte[]> refused = fetch(asDownload, Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body())).contains("invalid_signature");
        assertThat(refused.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(fetch(url, Map.of()).statusCode()).isEqualTo(200);

        // and the other way round: a URL signed for the download does not stream
        JsonNode session = api.get("v1/auth/session", ada).json();
        String download = api.stream.signer().sign("/stream/" + flac + "/download", session.at("/user/id").asLong(),
                java.util.UUID.fromString(session.path("sessionId").asText()), Map.of());
        assertThat(fetch(download, Map.of()).statusCode()).isEqualTo(200);
        assertThat(fetch(download, Map.of()).headers().firstValue("Content-Disposition")).isPresent();
        assertThat(fetch(download.replace("/download?", "?"), Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void downloadingTakesTheIssueContentDownloadPermissionListeningDoesNot() throws Exception {
        Map<String, String> asBob = Map.of("Authorization", "Bearer " + bob);
        HttpResponse<byte[]> refused = fetch("/stream/" + flac + "/download", asBob);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body())).contains("IssueContentDownload");
        assertThat(refused.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(fetch("/stream/" + flac, asBob).statusCode()).isEqualTo(200);
        assertThat(fetch("/stream/" + flac + "/download", Map.of("Authorization", "Bearer " + ada)).statusCode()).isEqualTo(200);
    }

    @Test
    void aSignedUrlDiesWithItsSession() throws Exception {
        String url = api.call("POST", "v1/stream/" + flac + "/url", ada, null, null).json().path("url").asText();
        assertThat(fetch(url, Map.of()).statusCode()).isEqualTo(200);

        api.call("POST", "v1/auth/logout", ada, null, null);

        assertThat(fetch(url, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void noUrlForATrackTheCallerCannotSeeOrWithBadParameters() {
        assertThat(api.call("POST", "v1/stream/424242/url", ada, null, null).status()).isEqualTo(404);
        assertThat(api.call("POST", "v1/stream/" + flac + "/url?format=wav", ada, null, null).errorCode()).isEqualTo("invalid_format");
    }
}
