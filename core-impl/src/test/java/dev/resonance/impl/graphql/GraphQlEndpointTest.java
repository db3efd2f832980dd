package dev.resonance.impl.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.http.AccessControl;
import dev.resonance.impl.http.HttpRoute;
import dev.resonance.impl.http.RateLimiter;
import dev.resonance.impl.http.SiteServlet;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /graphql} and {@code /graphql/ws} on a real Jetty behind the site, as the component mounts them: the HTTP
 * rules (JSON body, queries only on GET, errors in the GraphQL shape, 401 before the schema) and the
 * graphql-transport-ws protocol (subprotocol, init/ack, ping/pong, subscribe/next/complete, its close codes).
 */
class GraphQlEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static ApiHarness api;
    private static Server jetty;
    private static String base;
    private static String ada;
    private static String adaPhone;
    private static long album;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("ada", "ada-password", "regular");
        ada = api.accessToken("ada", "ada-password", "browser");
        adaPhone = api.accessToken("ada", "ada-password", "phone");
        PropertiesTagReader.write(api.musicRoot.resolve("Alpha/Mango/1.mp3"), "title", "Mango", "artist", "Alpha", "album", "Mango");
        api.scanMusic();
        album = api.get("v1/content/albums", ada).json().at("/items/0/id").asLong();

        RateLimiter limiter = new RateLimiter(Map.of());
        SiteServlet site = new SiteServlet(r -> { }, api.auth::authenticate);
        site.add(new HttpRoute("core.graphql", "/graphql", new GraphQlServlet(() -> Optional.of(api.graphSchema()), limiter),
                new AccessControl.AnyCaller()));
        site.add(HttpRoute.socket("core.graphql.ws", "/graphql/ws", new GraphQlSockets(() -> Optional.of(api.graphSchema()), limiter, TIMER),
                new AccessControl.AnyCaller(), GraphQlSockets.PROTOCOL));
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(site), "/graphql/*");
        jetty.setHandler(context);
        jetty.start();
        base = "127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        TIMER.shutdownNow();
        api.close();
    }

    private static HttpResponse<String> post(String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + base + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String token, String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + base + pathAndQuery)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return ApiHarness.JSON.readTree(response.body());
    }

    @Test
    void aQueryIsPostedAsJsonAndAnsweredInTheGraphQlShapeWithTheServersTime() throws Exception {
        HttpResponse<String> answer = post(ada, ApiHarness.json(Map.of("query", "query($id: ID!) { album(id: $id) { title } }",
                "variables", Map.of("id", Long.toString(album)))));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).at("/data/album/title").asText()).isEqualTo("Mango");
        assertThat(answer.headers().firstValue("Server-Timing").orElse("")).startsWith("app;dur=");
    }

    @Test
    void whatIsNotGraphQlIsRefusedWithAJsonErrorAndNeverA500() throws Exception {
        assertThat(post(null, "{\"query\":\"{ genres { id } }\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> notJson = post(ada, "{query: nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).at("/errors/0/extensions/code").asText()).isEqualTo("invalid_json");
        assertThat(json(post(ada, "{}")).at("/errors/0/extensions/code").asText()).isEqualTo("missing_query");
        assertThat(json(post(ada, "{\"query\": 42}")).at("/errors/0/extensions/code").asText()).isEqualTo("invalid_request");
        assertThat(json(post(ada, "{\"query\": \"{ genres\", \"variables\": []}")).at("/errors/0/extensions/code").asText())
                .isEqualTo("invalid_variables");
        HttpResponse<String> syntax = post(ada, "{\"query\": \"{ genres \"}");
        assertThat(syntax.statusCode()).isEqualTo(200); // a GraphQL error: the query was GraphQL, and wrong
        assertThat(json(syntax).at("/errors/0/extensions/classification").asText()).isEqualTo("InvalidSyntax");
        HttpResponse<String> unknown = post(ada, "{\"query\": \"{ nothingHere }\"}");
        assertThat(json(unknown).at("/errors/0/extensions/classification").asText()).isEqualTo("ValidationError");
        assertThat(post(ada, ApiHarness.json(Map.of("query", "x".repeat(GraphSchema.MAX_QUERY_CHARS + 1)))).statusCode()).isEqualTo(400);
        assertThat(json(post(ada, "{\"query\": \"subscription { events { seq } }\"}")).at("/errors/0/extensions/code").asText())
                .isEqualTo("use_websocket");
    }

    @Test
    void getRunsQueriesButNeverMutations() throws Exception {
        HttpResponse<String> query = get(ada, "/graphql?query=" + URLEncoder.encode("{ genres { id } }", StandardCharsets.UTF_8));
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(json(query).at("/data/genres").isArray()).isTrue();
        HttpResponse<String> mutation = get(ada, "/graphql?query=" + URLEncoder.encode("mutation { like(type: ALBUM, id: \"" + album
                + "\") { liked } }", StandardCharsets.UTF_8));
        assertThat(mutation.statusCode()).isEqualTo(405);
        assertThat(api.get("v1/user/liked/album", ada).json().path("items")).isEmpty();
    }

    @Test
    void theServedSchemaIsAvailableAsSdl() throws Exception {
        HttpResponse<String> sdl = get(ada, "/graphql/schema.graphqls");
        assertThat(sdl.statusCode()).isEqualTo(200);
        assertThat(sdl.body()).isEqualTo(api.graphSchema().print()).contains("type Track {");
        assertThat(get(ada, "/graphql/elsewhere").statusCode()).isEqualTo(404);
    }

    /** One graphql-transport-ws client. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(ApiHarness.JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }
    }

    private static WebSocket connect(Client client) throws Exception {
        return HTTP.newWebSocketBuilder().subprotocols(GraphQlSockets.PROTOCOL)
                .buildAsync(URI.create("ws://" + base + "/graphql/ws?access_token=" + ada), client).get(10, TimeUnit.SECONDS);
    }

    private static void send(WebSocket socket, Object message) {
        socket.sendText(ApiHarness.json(message), true).join();
    }

    @Test
    void aSubscriptionOverTheSocketStreamsWhatAnotherDeviceDoesUntilTheClientCompletesIt() throws Exception {
        Client client = new Client();
        WebSocket socket = connect(client);
        assertThat(socket.getSubprotocol()).isEqualTo(GraphQlSockets.PROTOCOL);
        send(socket, Map.of("type", "connection_init"));
        assertThat(client.next().path("type").asText()).isEqualTo("connection_ack");
        send(socket, Map.of("type", "ping"));
        assertThat(client.next().path("type").asText()).isEqualTo("pong");

        send(socket, Map.of("id", "likes", "type", "subscribe", "payload", Map.of("query", "subscription { events { type payload } }")));
        send(socket, Map.of("id", "q", "type", "subscribe", "payload", Map.of("query", "{ genres { name } }")));
        JsonNode answer = client.next();
        assertThat(answer.path("id").asText()).isEqualTo("q");
        assertThat(answer.path("type").asText()).isEqualTo("next");
        assertThat(client.next().path("type").asText()).isEqualTo("complete");

        assertThat(api.call("PUT", "v1/user/liked/album/" + album, adaPhone, null, null).status()).isEqualTo(200);
        JsonNode event = client.next();
        assertThat(event.path("id").asText()).isEqualTo("likes");
        assertThat(event.at("/payload/data/events/type").asText()).isEqualTo("like.added");
        assertThat(event.at("/payload/data/events/payload/id").asLong()).isEqualTo(album);

        send(socket, Map.of("id", "likes", "type", "complete"));
        send(socket, Map.of("id", "after", "type", "subscribe", "payload", Map.of("query", "{ genres { name } }")));
        assertThat(client.next().path("id").asText()).as("nothing more from the completed subscription").isEqualTo("after");
        socket.sendClose(1000, "done").join();
    }

    @Test
    void theProtocolsCloseCodes() throws Exception {
        Client early = new Client();
        WebSocket socket = connect(early);
        send(socket, Map.of("id", "1", "type", "subscribe", "payload", Map.of("query", "{ genres { id } }")));
        assertThat(early.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);

        Client twice = new Client();
        socket = connect(twice);
        send(socket, Map.of("type", "connection_init"));
        twice.next();
        send(socket, Map.of("type", "connection_init"));
        assertThat(twice.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4429);

        Client garbage = new Client();
        socket = connect(garbage);
        socket.sendText("not json", true).join();
        assertThat(garbage.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4400);

        Client duplicate = new Client();
        socket = connect(duplicate);
        send(socket, Map.of("type", "connection_init"));
        duplicate.next();
        send(socket, Map.of("id", "same", "type", "subscribe", "payload", Map.of("query", "subscription { events { seq } }")));
        send(socket, Map.of("id", "same", "type", "subscribe", "payload", Map.of("query", "subscription { events { seq } }")));
        assertThat(duplicate.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4409);
    }
}
