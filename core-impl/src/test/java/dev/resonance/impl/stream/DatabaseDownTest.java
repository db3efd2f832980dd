package dev.resonance.impl.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.db.CountingPool;
import dev.resonance.impl.db.SwitchableDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database goes away under a running server: the API and {@code /stream} answer 503 {@code unavailable} with
 * {@code Retry-After} in the one JSON error shape (never a 500, never Jetty's HTML page), and once the database is
 * known to be down no request waits for the pool.
 */
class DatabaseDownTest {

    @TempDir
    Path data;

    private ApiHarness api;
    private SwitchableDataSource source;
    private CountingPool pool;
    private Server jetty;
    private String base;
    private String ada;
    private long track;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        api = ApiHarness.withPool(config -> {
            source = new SwitchableDataSource((PGSimpleDataSource) config.getDataSource());
            config.setDataSource(source);
            config.setConnectionTimeout(250); // Hikari's minimum: the first request after the outage waits for it
            pool = new CountingPool(config);
            return pool;
        });
        api.createUser("ada", "ada-password", "regular");
        ada = api.accessToken("ada", "ada-password", "ada-phone");
        Path music = Files.createDirectories(data.resolve("music"));
        track = StreamTestData.track(api.db, StreamTestData.library(api.db, music), "tone.flac", "flac", "flac", 900, 3000);
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new StreamServlet(api.auth::authenticate, api.stream.files(),
                StreamTesting.transcoder(data, 8, 2, 0, 30), api.stream.policy())), "/stream/*");
        context.addServlet(new ServletHolder(new StreamServlet(token -> {
            throw new IllegalStateException("a bug with a secret detail: SQLState 42P01 relation \"users\"");
        }, api.stream.files(), StreamTesting.transcoder(data, 8, 2, 0, 30), api.stream.policy())), "/broken/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        api.close();
    }

    /**
     * New connections are refused (as by a stopped server) and this database's backends are terminated; the pool's
     * idle connections are dropped, so the next request must open one (Hikari hands out a connection used in the
     * last 500 ms without checking it: that request would fail on its first statement instead, 57P01).
     */
    private void databaseGoesDown() throws SQLException {
        pool.awaitFilled(); // no connection to the live database is being opened from here on
        source.down = true;
        try (Connection admin = api.testDb.connect();
             PreparedStatement terminate = admin.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
             ResultSet rs = terminate.executeQuery()) {
            rs.next();
        }
        pool.dropIdleConnections();
    }

    private HttpResponse<String> stream(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ada).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertUnavailable(int status, String retryAfter, String body) throws Exception {
        assertThat(status).as(body).isEqualTo(503);
        assertThat(retryAfter).isEqualTo("5");
        JsonNode error = ApiHarness.JSON.readTree(body).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unavailable");
        assertThat(error.path("message").asText()).contains("try again");
        assertThat(body).doesNotContain("SQLState").doesNotContain("Exception").doesNotContain("refused")
                .doesNotContain("<html");
    }

    @Test
    void anApiCallAnswers503UnavailableWithRetryAfter() throws Exception {
        databaseGoesDown();

        ApiHarness.Answer answer = api.get("v1/user/devices", ada);

        assertUnavailable(answer.status(), answer.header("Retry-After"), answer.body());
    }

    @Test
    void aStreamRequestAnswersJson503NotJettysErrorPage() throws Exception {
        databaseGoesDown();

        HttpResponse<String> response = stream("/stream/" + track);

        assertUnavailable(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), response.body());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    @Test
    void onceTheDatabaseIsKnownDownRequestsAnswerWithoutAskingThePool() throws Exception {
        databaseGoesDown();
        assertThat(api.get("v1/user/devices", ada).status()).isEqualTo(503); // this one finds out, waiting for the pool
        int asked = pool.asked.get();

        ApiHarness.Answer again = api.get("v1/user/devices", ada);
        HttpResponse<String> streamed = stream("/stream/" + track);

        assertUnavailable(again.status(), again.header("Retry-After"), again.body());
        assertUnavailable(streamed.statusCode(), streamed.headers().firstValue("Retry-After").orElse(null), streamed.body());
        assertThat(pool.asked.get()).as("connection requests that reached the pool").isEqualTo(asked);
    }

    @Test
    void anUnexpectedFailureInTheStreamServletIsA500WithOnlyAnIncidentId() throws Exception {
        HttpResponse<String> response = stream("/broken/" + track);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = ApiHarness.JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("internal_error");
        assertThat(error.path("message").asText()).containsPattern("incident [0-9a-f-]{36}");
        assertThat(response.body()).doesNotContain("secret").doesNotContain("42P01").doesNotContain("Exception");
    }
}
