package dev.resonance.impl.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sync WebSocket for real: {@link SyncEndpoint} as a servlet on Jetty 9.4 (the one pax-web runs, with its
 * WebSocket server), registered as one instance as pax-web's whiteboard does, driven by the JDK's WebSocket client;
 * the REST API and the sockets share the database and the bus.
 */
class SyncWebSocketTest {

    private static ApiHarness api;
    private static SyncHub hub;
    private static SyncEndpoint endpoint;
    private static Server jetty;
    private static String base;
    private static long trackId;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/1.mp3"), "title", "One", "artist", "A", "album", "B");
        api.scanMusic();
        Clock clock = Clock.systemUTC();
        hub = new SyncHub(SyncHub.Auth.of(api.auth), api.db, api.sync.sync(), new PlaybackService(api.db, api.sync.sync(), clock),
                new SyncHub.Limits(2048, 5, 64, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30), 5), clock);
        endpoint = new SyncEndpoint(hub);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(endpoint), SyncEndpoint.PATH);
        jetty.setHandler(context);
        jetty.start();
        base = "ws://127.0.0.1:" + connector.getLocalPort() + SyncEndpoint.PATH;
        String setup = api.accessToken(user("setup"), "password-123", "setup");
        trackId = api.get("v1/content/tracks", setup).json().at("/items/0/id").asLong();
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        jetty.stop();
        api.close();
    }

    private static String user(String name) {
        api.createUser(name, "password-123", "regular");
        return name;
    }

    private static WsClient connect(String token) throws Exception {
        return WsClient.connect(base + "?access_token=" + token);
    }

    @Test
    void devicesGetConnectedThenTheEventsOfTheirOtherDevicesButNeverTheirOwn() throws Exception {
        String name = user("ada");
        String phoneToken = api.accessToken(name, "password-123", "phone");
        String laptopToken = api.accessToken(name, "password-123", "laptop");
        try (WsClient phone = connect(phoneToken); WsClient laptop = WsClient.connect(base)) {
            JsonNode connected = phone.next();
            assertThat(connected.path("type").asText()).isEqualTo("connected");
            assertThat(connected.path("deviceId").asLong()).isEqualTo(api.get("v1/auth/session", phoneToken).json().path("deviceId").asLong());
            assertThat(connected.path("seq").asLong()).isZero();
            assertThat(connected.has("serverTime")).isTrue();

            laptop.send("{\"type\":\"auth\",\"token\":\"" + laptopToken + "\"}"); // the first-message way
            assertThat(laptop.next().path("type").asText()).isEqualTo("connected");

            assertThat(api.call("PUT", "v1/user/liked/track/" + trackId, phoneToken, null, null).status()).isEqualTo(200);
            JsonNode event = laptop.next("event");
            assertThat(event.at("/event/seq").asLong()).isEqualTo(1);
            assertThat(event.at("/event/type").asText()).isEqualTo("like.added");
            assertThat(event.at("/event/payload/id").asLong()).isEqualTo(trackId);

            // the phone caused it: the next thing the phone hears is the answer to its ping, not its own event
            phone.send("{\"type\":\"ping\",\"id\":7}");
            JsonNode pong = phone.next();
            while (pong.path("type").asText().equals("devices")) {
                pong = phone.next();
            }
            assertThat(pong.path("type").asText()).isEqualTo("pong");
            assertThat(pong.path("id").asInt()).isEqualTo(7);
        }
    }

    @Test
    void malformedFramesGetErrorsAndRepeatedOnesCloseThePolicyWay() throws Exception {
        String token = api.accessToken(user("fuzzer"), "password-123", "fuzz");
        try (WsClient socket = connect(token)) {
            socket.next("connected");
            socket.send("not json");
            assertThat(socket.next("error").path("code").asText()).isEqualTo("invalid_json");
            socket.send("[1,2]");
            assertThat(socket.next("error").path("code").asText()).isEqualTo("invalid_message");
            socket.send("{\"type\":\"teleport\",\"id\":\"x\"}");
            JsonNode unknown = socket.next("error");
            assertThat(unknown.path("code").asText()).isEqualTo("unknown_type");
            assertThat(unknown.path("id").asText()).isEqualTo("x");
            socket.send("{\"type\":\"playback.transfer\",\"target\":\"me\"}");
            assertThat(socket.next("error").path("code").asText()).isEqualTo("invalid_field");
            socket.sendBinary(new byte[] {1, 2, 3});
            assertThat(socket.next("error").path("code").asText()).isEqualTo("invalid_message");
            assertThat(socket.awaitClose()).isEqualTo(1008);
        }
        awaitNoSessions();
    }

    @Test
    void oversizedFramesGetAnErrorAndFramesTooLargeToBufferClose1009() throws Exception {
        String token = api.accessToken(user("talker"), "password-123", "talk");
        try (WsClient socket = connect(token)) {
            socket.next("connected");
            socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(3000) + "\"}");
            assertThat(socket.next("error").path("code").asText()).isEqualTo("message_too_big");
            socket.send("{\"type\":\"ping\",\"id\":1}");
            assertThat(socket.next("pong").path("id").asInt()).as("the socket survives one").isEqualTo(1);
            socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
            assertThat(socket.awaitClose()).isEqualTo(1009);
        }
        awaitNoSessions();
    }

    @Test
    void floodingIsRateLimitedAndThenClosed() throws Exception {
        String token = api.accessToken(user("flooder"), "password-123", "flood");
        try (WsClient socket = connect(token)) {
            socket.next("connected");
            // the server may close the socket before all 40 are out: the rest are not sent
            for (int i = 0; i < 40 && socket.sendUnlessClosed("{\"type\":\"ping\"}"); i++) {
                // flood
            }
            assertThat(socket.next("error").path("code").asText()).isEqualTo("rate_limited");
            assertThat(socket.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void unauthenticatedSocketsAreRefusedAndClosedWith4401() throws Exception {
        try (WsClient bad = connect("not-a-token")) {
            assertThat(bad.next().path("code").asText()).isEqualTo("invalid_token");
            assertThat(bad.awaitClose()).isEqualTo(4401);
        }
        try (WsClient silent = WsClient.connect(base)) {
            silent.send("{\"type\":\"playback.transfer\",\"target\":1}");
            assertThat(silent.next().path("code").asText()).isEqualTo("unauthenticated");
            assertThat(silent.awaitClose()).as("auth timeout").isEqualTo(4401);
        }
        awaitNoSessions();
    }

    @Test
    void aSocketWhoseSessionIsRevokedIsClosed() throws Exception {
        String name = user("leaver");
        String token = api.accessToken(name, "password-123", "tablet");
        try (WsClient socket = connect(token)) {
            socket.next("connected");
            assertThat(api.post("v1/auth/logout", token, "{}").status()).isLessThan(300);
            assertThat(socket.awaitClose()).isEqualTo(4401);
        }
        String victim = user("disabled-one");
        String victimToken = api.accessToken(victim, "password-123", "phone");
        long victimId = api.get("v1/auth/session", victimToken).json().at("/user/id").asLong();
        try (WsClient socket = connect(victimToken)) {
            socket.next("connected");
            api.auth.updateUser(victimId, new dev.resonance.impl.auth.AuthRequests.PatchUser(java.util.Optional.empty(),
                    java.util.Optional.empty(), java.util.Optional.of(true)), java.util.Optional.empty());
            assertThat(socket.awaitClose()).isEqualTo(4401);
        }
        awaitNoSessions();
    }

    @Test
    void thePeriodicRecheckClosesOnlyTheSocketsWhoseSessionsEndedElsewhere() throws Exception {
        String name = user("roamer");
        String kept = api.accessToken(name, "password-123", "phone");
        String ended = api.accessToken(name, "password-123", "laptop");
        try (WsClient phone = connect(kept); WsClient laptop = connect(ended)) {
            phone.next("connected");
            laptop.next("connected");
            // another node signs the laptop out: only the database knows, nothing is published here
            java.util.UUID session = api.auth.authenticate(ended).orElseThrow().sessionId();
            api.db.inTransaction(c -> {
                try (var ps = c.prepareStatement("UPDATE sessions SET revoked_at = now() WHERE id = ?")) {
                    ps.setObject(1, session);
                    return ps.executeUpdate();
                }
            });
            api.clock.advance(dev.resonance.impl.auth.AuthService.Settings.SESSION_RECHECK); // the node's recent check expires

            assertThat(laptop.next("error").path("code").asText()).isEqualTo("session_ended");
            assertThat(laptop.awaitClose()).isEqualTo(4401);
            phone.send("{\"type\":\"ping\",\"id\":3}");
            assertThat(phone.next("pong").path("id").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aPlainRequestIsToldToUpgrade() throws Exception {
        java.net.http.HttpResponse<String> plain = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base.replace("ws://", "http://"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(426);
        assertThat(plain.headers().firstValue("Upgrade")).hasValue("websocket");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(plain.body()).at("/error/code").asText()).isEqualTo("upgrade_required");
    }

    @Test
    void destroyingTheServletClosesItsSocketsTheGoingAwayWay() throws Exception {
        // what happens when the sync component stops (configuration, a new bus): its servlet alone goes, clients reconnect
        SyncEndpoint own = new SyncEndpoint(hub);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(own);
        context.addServlet(holder, SyncEndpoint.PATH);
        server.setHandler(context);
        server.start();
        try (WsClient socket = WsClient.connect("ws://127.0.0.1:" + connector.getLocalPort() + SyncEndpoint.PATH + "?access_token="
                + api.accessToken(user("mover"), "password-123", "phone"))) {
            socket.next("connected");
            assertThat(own.size()).isEqualTo(1);
            holder.stop(); // destroy()
            assertThat(socket.awaitClose()).isEqualTo(1001);
        } finally {
            server.stop();
        }
        awaitNoSessions();
        assertThat(own.size()).isZero();
    }

    private static void awaitNoSessions() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((hub.size() > 0 || endpoint.size() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(hub.size()).as("sessions left on the hub").isZero();
        assertThat(endpoint.size()).as("sessions left on the endpoint").isZero();
    }
}
