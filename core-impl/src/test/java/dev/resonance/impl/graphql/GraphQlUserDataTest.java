package dev.resonance.impl.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Permission;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import graphql.ExecutionResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * What users do through GraphQL: likes, ratings and plays on the catalog's types (batched: an album page costs the
 * same statements with 3 tracks as with 12), the same permission rules as REST, and subscriptions fed by the sync bus.
 */
class GraphQlUserDataTest {

    private static final StatementCounter STATEMENTS = new StatementCounter();
    private static ApiHarness api;
    private static String ada;
    private static String adaPhone;
    private static long small;
    private static long large;

    private static final String ALBUM_PAGE = """
            query Album($id: ID!) { album(id: $id) { id title year artist artists { id name } coverImageId liked rating
              tracks { id title disc track durationMs artists { id name role } album { id title } liked rating playCount lastPlayedAt } } }""";

    @BeforeAll
    static void start() throws Exception {
        api = ApiHarness.withPool(config -> {
            config.setDataSource(STATEMENTS.wrap(config.getDataSource()));
            return new com.zaxxer.hikari.HikariDataSource(config);
        });
        api.createUser("ada", "ada-password", "regular");
        ada = api.accessToken("ada", "ada-password", "browser");
        adaPhone = api.accessToken("ada", "ada-password", "phone");
        for (int t = 1; t <= 12; t++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Alpha/Large/" + t + ".mp3"), "title", "Large " + t, "artist", "Alpha",
                    "featured", "Beta " + t, "album", "Large", "albumartist", "Alpha", "track", Integer.toString(t), "date", "2010");
        }
        for (int t = 1; t <= 3; t++) {
            PropertiesTagReader.write(api.musicRoot.resolve("Gamma/Small/" + t + ".mp3"), "title", "Small " + t, "artist", "Gamma",
                    "album", "Small", "albumartist", "Gamma", "track", Integer.toString(t), "date", "2011");
        }
        api.scanMusic();
        for (JsonNode album : api.get("v1/content/albums", ada).json().path("items")) {
            if (album.path("title").asText().equals("Small")) {
                small = album.path("id").asLong();
            } else {
                large = album.path("id").asLong();
            }
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode ok(JsonNode answer) {
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.path("data");
    }

    private static long firstTrack(long album) {
        return api.get("v1/content/albums/" + album, ada).json().at("/discs/0/tracks/0/id").asLong();
    }

    @Test
    void anAlbumPageCostsAFixedNumberOfStatementsHoweverManyTracks() {
        api.graphql(ada, ALBUM_PAGE, Map.of("id", Long.toString(small))); // warm: the first call prepares caches
        STATEMENTS.reset();
        JsonNode three = ok(api.graphql(ada, ALBUM_PAGE, Map.of("id", Long.toString(small))));
        int forThree = STATEMENTS.count();
        STATEMENTS.reset();
        JsonNode twelve = ok(api.graphql(ada, ALBUM_PAGE, Map.of("id", Long.toString(large))));
        int forTwelve = STATEMENTS.count();

        assertThat(three.at("/album/tracks")).hasSize(3);
        assertThat(twelve.at("/album/tracks")).hasSize(12);
        assertThat(twelve.at("/album/tracks/11/artists")).hasSize(2); // the featured credit of each track came along
        assertThat(forTwelve).as("statements for 12 tracks vs 3").isEqualTo(forThree);
        // the album's own queries, then one per batch: the album's like and rating, the tracks' likes, ratings,
        // play counts and albums
        assertThat(forTwelve).isLessThanOrEqualTo(12);
    }

    @Test
    void aListOfAlbumsWithTheirTracksCostsTheSameStatementsForOneAlbumAsForTwo() {
        String list = "query($limit: Int) { albums(limit: $limit) { items { title tracks { title liked playCount } } } }";
        api.graphql(ada, list, Map.of("limit", 2));
        STATEMENTS.reset();
        JsonNode one = ok(api.graphql(ada, list, Map.of("limit", 1)));
        int forOne = STATEMENTS.count();
        STATEMENTS.reset();
        JsonNode two = ok(api.graphql(ada, list, Map.of("limit", 2)));
        int forTwo = STATEMENTS.count();
        assertThat(one.at("/albums/items")).hasSize(1);
        assertThat(two.at("/albums/items")).hasSize(2);
        int tracks = two.at("/albums/items/0/tracks").size() + two.at("/albums/items/1/tracks").size();
        assertThat(tracks).isEqualTo(15);
        assertThat(forTwo).as("statements for two albums with their tracks vs one").isEqualTo(forOne);
    }

    @Test
    void likesRatingsAndPlaysMadeInGraphQlAreWhatRestSeesAndBack() {
        long track = firstTrack(small);
        ok(api.graphql(ada, "mutation($id: ID!) { like(type: TRACK, id: $id) { liked seq } }", Map.of("id", Long.toString(track))));
        ok(api.graphql(ada, "mutation($id: ID!) { rate(type: TRACK, id: $id, rating: 4) { rating } }", Map.of("id", Long.toString(track))));
        JsonNode reported = ok(api.graphql(adaPhone, "mutation($id: ID!) { a: reportPlay(trackId: $id, event: STARTED, positionMs: 0) { listen }"
                + " b: reportPlay(trackId: $id, event: FINISHED, positionMs: 180000) { listen event } }", Map.of("id", Long.toString(track))));
        assertThat(reported.at("/b/event").asText()).isEqualTo("finished");

        JsonNode rest = api.get("v1/user/liked/track", ada).json();
        assertThat(rest.at("/items/0/id").asLong()).isEqualTo(track);
        assertThat(api.get("v1/user/ratings/track", ada).json().at("/items/0/rating").asInt()).isEqualTo(4);
        JsonNode restCounts = api.get("v1/user/stats/plays?ids=" + track, ada).json();

        JsonNode album = ok(api.graphql(ada, ALBUM_PAGE, Map.of("id", Long.toString(small)))).path("album");
        JsonNode first = album.at("/tracks/0");
        assertThat(first.path("liked").asBoolean()).isTrue();
        assertThat(first.path("rating").asInt()).isEqualTo(4);
        assertThat(first.path("playCount").asLong()).isEqualTo(restCounts.at("/items/0/playCount").asLong());
        assertThat(album.at("/tracks/1/liked").asBoolean()).isFalse();
        assertThat(album.at("/tracks/1/rating").asInt()).isZero();

        JsonNode liked = ok(api.graphql(ada, "{ liked(type: TRACK) { items { id name } } }", Map.of()));
        assertThat(liked.at("/liked/items/0/id").asLong()).isEqualTo(track);
        ok(api.graphql(ada, "mutation($id: ID!) { unlike(type: TRACK, id: $id) { liked } unrate(type: TRACK, id: $id) { rating } }",
                Map.of("id", Long.toString(track))));
        assertThat(api.get("v1/user/liked/track", ada).json().path("items")).isEmpty();
    }

    @Test
    void aUserWithoutThePermissionIsRefusedAsRestRefusesThem() {
        long bob = api.createUser("bob", "bob-password", "regular");
        api.auth.revoke(bob, Permission.LIKE_CONTENT, Optional.empty());
        String token = api.accessToken("bob", "bob-password", "browser");
        long track = firstTrack(small);
        assertThat(api.call("PUT", "v1/user/liked/track/" + track, token, null, null).status()).isEqualTo(403);
        JsonNode answer = api.graphql(token, "mutation($id: ID!) { like(type: TRACK, id: $id) { liked } }", Map.of("id", Long.toString(track)));
        assertThat(answer.path("data").path("like").isNull()).as(answer.toString()).isTrue();
        assertThat(answer.at("/errors/0/extensions/status").asInt()).isEqualTo(403);
        // a read the user may do still answers beside it
        assertThat(ok(api.graphql(token, "{ genres { id } liked(type: TRACK) { items { id } } }", Map.of())).path("genres").isArray()).isTrue();
        JsonNode stats = api.graphql(token, "{ serverStats }", Map.of());
        assertThat(stats.at("/errors/0/extensions/status").asInt()).isEqualTo(403);
        assertThat(api.get("v1/admin/stats", token).status()).isEqualTo(403);
    }

    @Test
    void aSubscriptionHearsWhatAnotherDeviceDoes() throws Exception {
        Feed playback = subscribe(ada, "subscription { playback }");
        Feed events = subscribe(ada, "subscription { events { seq type payload } }");
        try {
            long track = firstTrack(large);
            ok(api.graphql(adaPhone, "mutation($m: JSON!) { reportPlayback(message: $m) }", Map.of("m",
                    Map.of("trackId", track, "positionMs", 30000, "playing", true, "volume", 70))));
            JsonNode heard = playback.next("playback.state");
            assertThat(heard.at("/state/trackId").asLong()).isEqualTo(track);

            assertThat(api.call("PUT", "v1/user/liked/album/" + large, adaPhone, null, null).status()).isEqualTo(200);
            JsonNode event = events.next("like.added");
            assertThat(event.at("/payload/id").asLong()).isEqualTo(large);
        } finally {
            playback.cancel();
            events.cancel();
        }
    }

    @Test
    void eventsSinceASeqCatchUpThenFollowLiveWithNothingLostOrTwice() throws Exception {
        long since = api.get("v1/sync/state", ada).json().path("seq").asLong();
        long track = firstTrack(small);
        // before the subscription: only the catch-up can bring it
        assertThat(api.call("PUT", "v1/user/ratings/track/" + track, adaPhone, "application/json", "{\"rating\":2}").status()).isEqualTo(200);
        Feed events = subscribe(ada, "subscription { events(since: " + since + ") { seq type payload } }");
        try {
            JsonNode missed = events.next("rating.changed");
            assertThat(missed.path("seq").asLong()).isEqualTo(since + 1);
            assertThat(api.call("PUT", "v1/user/ratings/track/" + track, adaPhone, "application/json", "{\"rating\":3}").status()).isEqualTo(200);
            JsonNode live = events.next("rating.changed");
            assertThat(live.path("seq").asLong()).isEqualTo(since + 2);
            assertThat(live.at("/payload/rating").asInt()).isEqualTo(3);
            assertThat(events.received).as("nothing twice").isEmpty();
        } finally {
            events.cancel();
        }
        Feed unknown = subscribe(ada, "subscription { events(since: 999999) { seq } }");
        assertThat(unknown.next("error").path("message").asText()).contains("no longer kept");
    }

    @Test
    void theOwnersSubscriptionHearsACollaboratorsEditToTheirPlaylist() throws Exception {
        api.createUser("cleo", "cleo-password", "regular");
        String cleo = api.accessToken("cleo", "cleo-password", "laptop");
        JsonNode created = ok(api.graphql(ada, "mutation { createPlaylist(name: \"Road trip\", collaborative: true) { id } }", Map.of()));
        String playlist = created.at("/createPlaylist/id").asText();
        ok(api.graphql(ada, "mutation($id: ID!) { addPlaylistCollaborator(id: $id, username: \"cleo\") { __typename } }", Map.of("id", playlist)));
        Feed events = subscribe(ada, "subscription { events { seq type payload } }");
        try {
            ok(api.graphql(cleo, "mutation($id: ID!, $t: [ID!]!) { addPlaylistEntries(id: $id, trackIds: $t) { __typename } }",
                    Map.of("id", playlist, "t", List.of(Long.toString(firstTrack(large))))));
            JsonNode added = events.next("playlist.entries.added");
            assertThat(added.at("/payload/playlistId").asText()).isEqualTo(playlist);
        } finally {
            events.cancel();
        }
    }

    @Test
    void argumentsPassTheSameTextRulesAsRestBodies() {
        JsonNode answer = api.graphql(ada, "mutation($n: String!) { createPlaylist(name: $n) { id } }", Map.of("n", "bad\u0000name"));
        assertThat(answer.at("/data/createPlaylist").isNull()).as(answer.toString()).isTrue();
        assertThat(answer.at("/errors/0/extensions/code").asText()).isEqualTo("invalid_input");
        assertThat(api.post("v1/user/playlists", ada, Map.of("name", "bad\u0000name")).status()).isEqualTo(400);
    }

    /** A subscription's results, as a client of the socket would read them. */
    private static Feed subscribe(String token, String query) {
        ExecutionResult result = api.execute(token, query, Map.of());
        assertThat(result.getErrors()).isEmpty();
        Publisher<ExecutionResult> publisher = result.getData();
        Feed feed = new Feed();
        publisher.subscribe(feed);
        return feed;
    }

    private static final class Feed implements Subscriber<ExecutionResult> {
        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private volatile Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ExecutionResult result) {
            JsonNode data = ApiHarness.JSON.valueToTree(result.toSpecification()).path("data");
            received.add(data.elements().next());
        }

        @Override
        public void onError(Throwable t) {
            received.add(ApiHarness.JSON.createObjectNode().put("type", "error").put("message", t.toString()));
        }

        @Override
        public void onComplete() {
        }

        /** The next value of {@code type} (others are skipped); fails after 10 s without one. */
        JsonNode next(String type) throws InterruptedException {
            List<String> skipped = new java.util.ArrayList<>();
            while (true) {
                JsonNode value = received.poll(10, TimeUnit.SECONDS);
                assertThat(value).as("no %s within 10 s; skipped %s", type, skipped).isNotNull();
                if (type.equals(value.path("type").asText())) {
                    return value;
                }
                skipped.add(value.path("type").asText());
            }
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
