package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sync WebSocket inside OSGi: /api/v1/ws on the real distribution, an event from another device arrives. */
class SyncIT {

    @Test
    void aDeviceOnTheSocketReceivesWhatAnotherDeviceDidOverRest() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.start(Map.of("DB_URL", db.url(), "DB_USER", db.user(),
                     "RESONANCE_ADMIN_USER", "ada", "RESONANCE_ADMIN_PASSWORD", "ada-secret-password"))) {
            resonance.awaitReady();
            // the socket's own servlet answers its exact path (not the API's /api/*): a plain GET is told to upgrade
            ResonanceProcess.Answer plain = resonance.send("GET", "/api/v1/ws", null, Map.of());
            assertThat(plain.status()).as(plain.body()).isEqualTo(426);
            assertThat(plain.json().at("/error/code").asText()).isEqualTo("upgrade_required");
            String phone = token(resonance, "phone");
            String laptop = token(resonance, "laptop");

            BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + resonance.port + "/api/v1/ws"), JsonFrames.collector(frames))
                    .get(10, TimeUnit.SECONDS);
            try {
                socket.sendText("{\"type\":\"auth\",\"token\":\"" + laptop + "\"}", true).join();
                JsonNode connected = JsonFrames.next(frames, "connected");
                assertThat(connected.path("seq").asLong()).isZero();

                // the catalog is empty: like a setting change instead of a track (same log, same push)
                ResonanceProcess.Answer changed = resonance.send("PUT", "/api/v1/user/settings", "{\"ui.theme\":\"dark\"}",
                        Map.of("Authorization", "Bearer " + phone));
                assertThat(changed.status()).as(changed.body()).isEqualTo(200);
                JsonNode event = JsonFrames.next(frames, "event");
                assertThat(event.at("/event/type").asText()).isEqualTo("settings.changed");
                assertThat(event.at("/event/seq").asLong()).isEqualTo(1);

                socket.sendText("{\"type\":\"ping\",\"id\":1}", true).join();
                assertThat(JsonFrames.next(frames, "pong").path("id").asInt()).isEqualTo(1);

                ResonanceProcess.Answer missed = resonance.send("GET", "/api/v1/sync/events?since=0", null,
                        Map.of("Authorization", "Bearer " + laptop));
                assertThat(missed.json().path("currentSeq").asLong()).isEqualTo(1);
            } finally {
                socket.abort();
            }

            // the same through GraphQL: a query over HTTP, a subscription over graphql-transport-ws fed by the same bus
            assertThat(resonance.send("POST", "/graphql", "{\"query\":\"{ settings { seq } }\"}", Map.of()).status())
                    .as("no token, no schema").isEqualTo(401);
            ResonanceProcess.Answer settings = resonance.send("POST", "/graphql", "{\"query\":\"{ settings { seq settings } }\"}",
                    Map.of("Authorization", "Bearer " + laptop, "Content-Type", "application/json"));
            assertThat(settings.status()).as(settings.body()).isEqualTo(200);
            assertThat(settings.json().at("/data/settings/settings/ui.theme").asText()).isEqualTo("dark");
            BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
            WebSocket graph = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create("ws://127.0.0.1:" + resonance.port + "/graphql/ws?access_token=" + laptop), JsonFrames.collector(messages))
                    .get(10, TimeUnit.SECONDS);
            try {
                assertThat(graph.getSubprotocol()).isEqualTo("graphql-transport-ws");
                graph.sendText("{\"type\":\"connection_init\"}", true).join();
                assertThat(JsonFrames.next(messages, "connection_ack")).isNotNull();
                // from the seq the client knows: what happens from then on arrives, however soon after the subscribe
                long seq = settings.json().at("/data/settings/seq").asLong();
                graph.sendText("{\"id\":\"mine\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { events(since: "
                        + seq + ") { seq type payload } }\"}}", true).join();
                assertThat(resonance.send("PUT", "/api/v1/user/settings", "{\"ui.theme\":\"light\"}", Map.of("Authorization", "Bearer " + phone))
                        .status()).isEqualTo(200);
                JsonNode heard = JsonFrames.next(messages, "next");
                assertThat(heard).as("a settings change reached the GraphQL subscription").isNotNull();
                assertThat(heard.path("id").asText()).isEqualTo("mine");
                assertThat(heard.at("/payload/data/events/type").asText()).isEqualTo("settings.changed");
            } finally {
                graph.abort();
            }
            assertThat(resonance.log()).doesNotContain("ada-secret-password", phone, laptop);
        }
    }

    private static String token(ResonanceProcess resonance, String device) throws Exception {
        ResonanceProcess.Answer login = resonance.send("POST", "/api/v1/auth/login",
                "{\"username\":\"ada\",\"password\":\"ada-secret-password\",\"deviceId\":\"" + device + "\",\"deviceType\":\"web\"}", Map.of());
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().path("accessToken").asText();
    }
}
