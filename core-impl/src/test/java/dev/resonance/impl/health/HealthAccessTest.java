package dev.resonance.impl.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import dev.resonance.impl.http.HealthResource;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.Test;

/**
 * The /health application as the server builds it: anyone sees each check's state, only a signed-in operator
 * ({@link HealthResource#DETAILS}) the details that name the database server, its version and the music folder.
 */
class HealthAccessTest {

    private static final String DB_DETAIL = "PostgreSQL 17.11 at db.internal:5432/resonance, schema version 14";
    private static final String LIBRARY_DETAIL = "/srv/music is not readable";

    private static final Map<String, Caller> TOKENS = Map.of(
            "operator", caller(Role.ADMIN, Set.of(Permission.values())),
            "listener", caller(Role.REGULAR, Set.of(Permission.ACCESS_CATALOG, Permission.LIKE_CONTENT)));

    private static Caller caller(Role role, Set<Permission> permissions) {
        return new Caller(1, role.name().toLowerCase(), role, permissions, 1, UUID.randomUUID());
    }

    private static HealthIndicator indicator(String name, boolean critical, HealthCheck check) {
        return new HealthIndicator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean critical() {
                return critical;
            }

            @Override
            public HealthCheck check() {
                return check;
            }
        };
    }

    private final ApplicationHandler app;

    HealthAccessTest() {
        HealthRegistry registry = new HealthRegistry();
        registry.addIndicator(indicator("db", true, HealthCheck.up(DB_DETAIL)));
        registry.addIndicator(indicator("library", false, HealthCheck.down(LIBRARY_DETAIL)));
        app = new ApplicationHandler(HealthResource.application(registry, token -> Optional.ofNullable(TOKENS.get(token))));
    }

    private record Answer(int status, String body) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(body);
        }
    }

    private Answer get(Map<String, String> headers) throws Exception {
        return get("203.0.113.7", headers);
    }

    private Answer get(String client, Map<String, String> headers) throws Exception {
        MapPropertiesDelegate properties = new MapPropertiesDelegate();
        properties.setProperty(dev.resonance.impl.http.RequestCaller.CLIENT_ADDRESS, client);
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/health/"), URI.create("http://localhost/health/"),
                "GET", null, properties, null);
        headers.forEach(request::header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerResponse response = app.apply(request, out).get();
        return new Answer(response.getStatus(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anonymousCallersSeeOnlyTheStates() throws Exception {
        Answer answer = get(Map.of());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("5432", "PostgreSQL", "schema", "/srv/music");
        JsonNode json = answer.json();
        assertThat(json.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(json.path("db").asText()).isEqualTo("UP");
        assertThat(json.path("library").asText()).isEqualTo("DOWN");
        assertThat(json.at("/checks/library/status").asText()).isEqualTo("DOWN");
        assertThat(json.at("/checks/db").has("detail")).isFalse();
    }

    @Test
    void onTheServerItselfTheDetailsNeedNoSignInForWhenTheDatabaseIsDown() throws Exception {
        assertThat(get("127.0.0.1", Map.of()).json().at("/checks/db/detail").asText()).isEqualTo(DB_DETAIL);
        assertThat(get("::1", Map.of()).json().at("/checks/library/detail").asText()).isEqualTo(LIBRARY_DETAIL);
        // a local reverse proxy forwarding someone else is not "the server itself"
        assertThat(get("127.0.0.1", Map.of("X-Forwarded-For", "198.51.100.9")).body()).doesNotContain("5432", "/srv/music");
    }

    @Test
    void aSignedInCallerWithoutThePermissionSeesOnlyTheStates() throws Exception {
        assertThat(get(Map.of("Authorization", "Bearer listener")).body()).doesNotContain("5432", "/srv/music");
        assertThat(get(Map.of("Authorization", "Bearer not-a-token")).body()).doesNotContain("5432", "/srv/music");
    }

    @Test
    void anOperatorSeesTheDetailsByBearerOrCookie() throws Exception {
        JsonNode bearer = get(Map.of("Authorization", "Bearer operator")).json();
        assertThat(bearer.at("/checks/db/detail").asText()).isEqualTo(DB_DETAIL);
        assertThat(bearer.at("/checks/library/detail").asText()).isEqualTo(LIBRARY_DETAIL);

        JsonNode cookie = get(Map.of("Cookie", "resonance_access=operator")).json();
        assertThat(cookie.at("/checks/db/detail").asText()).isEqualTo(DB_DETAIL);
    }
}
