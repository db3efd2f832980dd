package dev.resonance.impl.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may read {@code /metrics}: the configured token, or a user holding ViewAnalytics; the API's errors otherwise. */
class MetricsAccessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServerMetrics metrics = new ServerMetrics();
    private final Caller analyst = caller(Permission.VIEW_ANALYTICS, Permission.ACCESS_CATALOG);
    private final Caller listener = caller(Permission.ACCESS_CATALOG);
    /** "analyst-token" and "listener-token" are users' access tokens; null: the accounts are down. */
    private volatile Authenticator accounts = token -> Optional.ofNullable(Map.of("analyst-token", analyst, "listener-token", listener).get(token));
    private MetricsServlet servlet;
    private Server jetty;
    private String base;

    private static Caller caller(Permission... permissions) {
        return new Caller(7, "someone", Role.REGULAR, Set.of(permissions), 3, UUID.randomUUID());
    }

    @BeforeEach
    void start() throws Exception {
        servlet = new MetricsServlet(metrics.prometheus(), () -> Optional.ofNullable(accounts));
        servlet.token("scrape-secret");
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), "/metrics/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        metrics.close();
    }

    private HttpResponse<String> scrape(String authorization) throws Exception {
        return get("/metrics", authorization);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.body()).contains("\"code\":\"" + code + "\"");
    }

    @Test
    void theMetricsTokenReadsThePrometheusTextFormat() throws Exception {
        HttpResponse<String> answer = scrape("Bearer scrape-secret");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(PrometheusText.parse(answer.body()).families()).containsKey("jvm_memory_used_bytes");
    }

    @Test
    void withoutCredentialsItIs401WithTheApisErrorAndAChallenge() throws Exception {
        HttpResponse<String> answer = scrape(null);

        assertError(answer, 401, "unauthenticated");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"resonance\"");
        assertError(scrape("Bearer wrong"), 401, "invalid_token");
        assertError(scrape("Basic c2NyYXBlLXNlY3JldA=="), 401, "invalid_token");
        assertError(scrape("Bearer scrape-secretX"), 401, "invalid_token");
        assertError(scrape("Bearer scrape-secre"), 401, "invalid_token");
    }

    @Test
    void aUserNeedsViewAnalytics() throws Exception {
        assertThat(scrape("Bearer analyst-token").statusCode()).isEqualTo(200);
        assertError(scrape("Bearer listener-token"), 403, "forbidden");
    }

    @Test
    void aNewTokenAppliesToTheNextScrapeAndAnEmptyOneAdmitsNoToken() throws Exception {
        servlet.token("rotated");
        assertError(scrape("Bearer scrape-secret"), 401, "invalid_token");
        assertThat(scrape("Bearer rotated").statusCode()).isEqualTo(200);

        servlet.token("");
        assertError(scrape("Bearer "), 401, "invalid_token");
        assertError(scrape("Bearer rotated"), 401, "invalid_token");
        assertThat(scrape("Bearer analyst-token").statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenWorksWhileTheAccountsAreDown() throws Exception {
        accounts = null;
        assertThat(scrape("Bearer scrape-secret").statusCode()).isEqualTo(200);
        assertError(scrape("Bearer analyst-token"), 503, "unavailable");

        accounts = token -> {
            throw new dev.resonance.api.db.DatabaseException("connection refused", new java.sql.SQLTransientConnectionException("down", "08001"));
        };
        assertThat(scrape("Bearer scrape-secret").statusCode()).isEqualTo(200);
        assertError(scrape("Bearer analyst-token"), 503, "unavailable");
    }

    @Test
    void nothingLivesBelowMetrics() throws Exception {
        assertError(get("/metrics/users", "Bearer scrape-secret"), 404, "not_found");
    }
}
