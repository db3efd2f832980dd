package dev.resonance.impl.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.graphql.FieldRequest;
import dev.resonance.api.graphql.GraphQlContribution;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fields plugins add through the plugin API: served beside the core's, checked, and never able to break an answer. */
class GraphQlPluginFieldsTest {

    private static ApiHarness api;
    private static String token;
    private static long trackId;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        api.createUser("ada", "ada-password", "regular");
        token = api.accessToken("ada", "ada-password", "browser");
        PropertiesTagReader.write(api.musicRoot.resolve("Alpha/Mango/1.mp3"), "title", "Mango", "artist", "Alpha", "album", "Mango");
        api.scanMusic();
        trackId = api.get("v1/content/tracks", token).json().at("/items/0/id").asLong();
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
        api.close();
    }

    /** A contribution as a plugin writes one: SDL and a resolver. */
    private record Contribution(String prefix, String schema, Resolver resolver) implements GraphQlContribution {
        @Override
        public Object resolve(FieldRequest request) throws Exception {
            return resolver.resolve(request);
        }
    }

    private interface Resolver {
        Object resolve(FieldRequest request) throws Exception;
    }

    private static final String LYRICS = """
            type LyricsLine { startMs: Long text: String! }
            type LyricsText { source: String! lines: [LyricsLine!]! }
            extend type Track { "Lyrics from the test plugin." lyrics: LyricsText }
            """;

    private static PluginFields plugin(String name, Contribution contribution) {
        return new PluginFields(name, contribution, POOL, 300);
    }

    private static JsonNode run(GraphSchema schema, String query) {
        Caller caller = api.auth.authenticate(token).orElseThrow();
        return ApiHarness.JSON.valueToTree(schema.execute(caller, kind -> { }, new GraphSchema.Request(query, null, Map.of())).toSpecification());
    }

    @Test
    void aPluginsFieldAppearsOnTheCoresTypeAndIsResolvedWithTheObjectsIdAndTheCaller() {
        List<FieldRequest> asked = new CopyOnWriteArrayList<>();
        GraphSchema schema = GraphSchema.build(api.graphParts(), List.of(plugin("lyrics", new Contribution("Lyrics", LYRICS, request -> {
            asked.add(request);
            return Map.of("source", "test", "lines", List.of(Map.of("startMs", 1000, "text", "la la"), new Line(2000L, "da da")));
        }))));
        assertThat(schema.refused()).isEmpty();
        JsonNode answer = run(schema, "{ track(id: \"" + trackId + "\") { title lyrics { source lines { startMs text } } } }");
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        assertThat(answer.at("/data/track/lyrics/lines/1/text").asText()).isEqualTo("da da"); // a record's component
        assertThat(answer.at("/data/track/lyrics/lines/0/startMs").asLong()).isEqualTo(1000);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).id().getAsLong()).isEqualTo(trackId);
        assertThat(asked.get(0).type()).isEqualTo("Track");
        assertThat(asked.get(0).caller().username()).isEqualTo("ada");
        // and without the plugin, the field is not in the schema
        assertThat(run(api.graphSchema(), "{ track(id: \"" + trackId + "\") { lyrics { source } } }").at("/errors/0/message").asText())
                .contains("lyrics");
    }

    public record Line(Long startMs, String text) {
    }

    @Test
    void aFailingOrSlowPluginMakesItsFieldNullWithAnErrorAndTheRestAnswers() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        GraphSchema failing = GraphSchema.build(api.graphParts(), List.of(plugin("broken", new Contribution("Lyrics", LYRICS, request -> {
            throw new IllegalStateException("boom");
        }))));
        JsonNode answer = run(failing, "{ track(id: \"" + trackId + "\") { title lyrics { source } } }");
        assertThat(answer.at("/data/track/title").asText()).isEqualTo("Mango");
        assertThat(answer.at("/data/track/lyrics").isNull()).isTrue();
        assertThat(answer.at("/errors/0/extensions/code").asText()).isEqualTo("plugin_failed");
        assertThat(answer.at("/errors/0/extensions/plugin").asText()).isEqualTo("broken");

        GraphSchema slow = GraphSchema.build(api.graphParts(), List.of(plugin("slow", new Contribution("Lyrics", LYRICS, request -> {
            released.await(10, TimeUnit.SECONDS);
            return null;
        }))));
        JsonNode late = run(slow, "{ track(id: \"" + trackId + "\") { title lyrics { source } } }");
        released.countDown();
        assertThat(late.at("/data/track/title").asText()).isEqualTo("Mango");
        assertThat(late.at("/errors/0/extensions/code").asText()).isEqualTo("plugin_failed");
        assertThat(late.at("/errors/0/message").asText()).contains("did not answer");
    }

    @Test
    void aContributionOutsideTheRulesIsRefusedWithTheReason() {
        Resolver none = request -> null;
        assertThatThrownBy(() -> plugin("p", new Contribution("Lyrics", "type Other { a: Int }", none)))
                .hasMessageContaining("must start with its prefix");
        assertThatThrownBy(() -> plugin("p", new Contribution("Lyrics", "extend type Mutation { wipe: Boolean }", none)))
                .hasMessageContaining("not to Mutation");
        assertThatThrownBy(() -> plugin("p", new Contribution("x", "type x { a: Int }", none))).hasMessageContaining("prefix");
        assertThatThrownBy(() -> plugin("p", new Contribution("Lyrics", "type Lyrics {", none))).hasMessageContaining("does not parse");
    }

    @Test
    void aContributionThatClashesIsRefusedAndTheOthersServe() {
        GraphSchema schema = GraphSchema.build(api.graphParts(), List.of(
                plugin("first", new Contribution("Lyrics", LYRICS, request -> Map.of("source", "first", "lines", List.of()))),
                plugin("second", new Contribution("Words", "extend type Track { lyrics: String }", request -> "x")),
                plugin("third", new Contribution("Mood", "extend type Track { title: String }", request -> "x"))));
        assertThat(schema.refused()).extracting(GraphSchema.Refusal::plugin).containsExactly("second", "third");
        JsonNode answer = run(schema, "{ track(id: \"" + trackId + "\") { title lyrics { source } } }");
        assertThat(answer.at("/data/track/lyrics/source").asText()).isEqualTo("first");
        assertThat(answer.at("/data/track/title").asText()).isEqualTo("Mango");
    }
}
