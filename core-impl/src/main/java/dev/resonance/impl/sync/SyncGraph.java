package dev.resonance.impl.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.events.EventLog;
import dev.resonance.impl.graphql.GraphCall;
import dev.resonance.impl.graphql.GraphPart;
import dev.resonance.impl.graphql.GraphValues;
import dev.resonance.impl.graphql.GraphWiring;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.api.auth.Caller;
import dev.resonance.impl.input.PageLimit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Likes, ratings, settings, the sync state, Connect playback and the live feeds in GraphQL ({@code core.sync}),
 * through the same services as {@code /api/v1/user/liked|ratings|settings} and {@code /api/v1/sync/*}. Playback
 * mutations are the sync socket's playback messages. Subscriptions ride the sync socket's own machinery: each one is a
 * sync session of the caller's device on the node's hub, so they get exactly what a sync socket gets (events of the
 * user's other devices, playback, presence, scan progress), across nodes over the bus, and end when the token does.
 */
public final class SyncGraph implements GraphPart {

    private static final ObjectMapper JSON = EventLog.JSON;

    private final SyncServices services;
    private final PlaybackService playback;
    private final SyncHub hub;

    SyncGraph(SyncServices services, PlaybackService playback, SyncHub hub) {
        this.services = services;
        this.playback = playback;
        this.hub = hub;
    }

    /** The part over a node's sync services, playback and hub (the component and tests build it). */
    public static SyncGraph of(SyncServices services, PlaybackService playback, SyncHub hub) {
        return new SyncGraph(services, playback, hub);
    }

    @Override
    public String name() {
        return "core.sync";
    }

    @Override
    public String schema() {
        return GraphPart.resource(SyncGraph.class, "sync.graphqls");
    }

    @Override
    public void wire(GraphWiring w) {
        w.query("syncState", GraphWiring.rest(SyncResource.class, "state"), c -> GraphValues.map(services.sync().snapshot(c.caller())));
        w.query("settings", GraphWiring.rest(SettingsResource.class, "get"), c -> GraphValues.map(services.settings().get(c.caller())));
        w.query("liked", GraphWiring.rest(LikesResource.class, "list"), c -> GraphValues.page(services.likes().list(c.caller(),
                kind(c), c.optional("after"), c.limit(100))));
        w.query("rated", GraphWiring.rest(RatingsResource.class, "list"), c -> GraphValues.page(services.ratings().list(c.caller(),
                kind(c), c.optional("after"), c.limit(100))));

        w.mutation("like", GraphWiring.rest(LikesResource.class, "like"), c -> GraphValues.map(services.likes().like(c.caller(), kind(c), c.id("id"))));
        w.mutation("unlike", GraphWiring.rest(LikesResource.class, "unlike"),
                c -> GraphValues.map(services.likes().unlike(c.caller(), kind(c), c.id("id"))));
        w.mutation("rate", GraphWiring.rest(RatingsResource.class, "rate"), c -> {
            Integer rating = c.arg("rating");
            return GraphValues.map(services.ratings().rate(c.caller(), kind(c), c.id("id"), rating));
        });
        w.mutation("unrate", GraphWiring.rest(RatingsResource.class, "remove"),
                c -> GraphValues.map(services.ratings().rate(c.caller(), kind(c), c.id("id"), 0)));
        w.mutation("updateSettings", GraphWiring.rest(SettingsResource.class, "update"),
                c -> GraphValues.map(services.settings().update(c.caller(), JSON.valueToTree(c.arg("settings")))));

        // Connect playback: the sync socket's messages, for a signed-in caller (the socket admits any)
        var signedIn = GraphWiring.rest(SyncResource.class, "state");
        w.mutation("announceDevice", signedIn, c -> playback.announce(c.caller(), message(c)));
        w.mutation("reportPlayback", signedIn, c -> playback.report(c.caller(), message(c)));
        w.mutation("playbackCommand", signedIn, c -> playback.command(c.caller(), message(c)));
        w.mutation("transferPlayback", signedIn, c -> playback.transfer(c.caller(), message(c)));

        // what a track, album or artist is to the caller: one statement per kind and level, however many are asked
        for (LikeKind kind : LikeKind.values()) {
            String type = switch (kind) {
                case TRACK -> "Track";
                case ALBUM -> "Album";
                case ARTIST -> "Artist";
            };
            String liked = "sync.liked." + kind.apiName();
            String rated = "sync.rating." + kind.apiName();
            w.<Long, Boolean>batch(liked, (caller, ids) -> {
                Set<Long> yes = services.likes().likedAmong(caller, kind, ids);
                Map<Long, Boolean> answer = new java.util.HashMap<>();
                ids.forEach(id -> answer.put(id, yes.contains(id)));
                return answer;
            });
            w.<Long, Integer>batch(rated, (caller, ids) -> services.ratings().ratingsAmong(caller, kind, ids));
            w.field(type, "liked", c -> c.<Long, Boolean>load(liked, idOf(c)));
            w.field(type, "rating", c -> c.<Long, Integer>load(rated, idOf(c)).thenApply(r -> r == null ? 0 : r));
        }

        w.subscription("events", signedIn, this::events);
        w.subscription("playback", signedIn, c -> frames(c, t -> t.startsWith("playback."), frame -> JSON.convertValue(frame, Map.class)));
        w.subscription("devices", signedIn, c -> frames(c, "devices"::equals, frame -> JSON.convertValue(frame.get("devices"), java.util.List.class)));
        w.subscription("scan", GraphWiring.rest(dev.resonance.impl.library.LibraryResource.class, "status"),
                c -> frames(c, "library.scan"::equals, frame -> JSON.convertValue(frame.get("scan"), Map.class)));
    }

    /**
     * Your events: with {@code since}, first every event after it (the catch-up REST's {@code /sync/events} gives, your
     * own devices' included), then the live ones — none lost between the two, none twice: the live feed starts first
     * and what it brings while the catch-up runs waits, and is dropped when the catch-up had it. A {@code since} the
     * log no longer holds ends the subscription with {@code snapshot_required} (read {@code syncState}, subscribe again).
     */
    private Flux<Object> events(GraphCall c) {
        Number since = c.arg("since");
        Flux<Object> live = frames(c, "event"::equals, frame -> frame.get("event"));
        if (since == null) {
            return live.map(GraphValues::map);
        }
        Caller caller = c.caller();
        return Flux.defer(() -> {
            java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(since.longValue());
            Flux<Object> missed = Flux.defer(() -> Flux.fromIterable(missed(caller, since.longValue(), last)));
            // live subscribes first (its frames wait in the replay buffer while the catch-up is read), then filters by seq
            java.util.concurrent.atomic.AtomicReference<reactor.core.Disposable> session = new java.util.concurrent.atomic.AtomicReference<>();
            Flux<Object> buffered = live.replay().autoConnect(0, session::set);
            return Flux.concat(missed, buffered.filter(event -> ((JsonNode) event).path("seq").asLong() > last.get())
                    .map(GraphValues::map)).doFinally(signal -> session.get().dispose()); // the sync session ends with it
        });
    }

    private List<Object> missed(Caller caller, long since, java.util.concurrent.atomic.AtomicLong last) {
        List<Object> events = new java.util.ArrayList<>();
        long cursor = since;
        while (true) {
            SyncService.CatchUp page = services.sync().catchUp(caller, cursor, PageLimit.of(PageLimit.MAX));
            if (page instanceof SyncService.SnapshotRequired gone) {
                throw ResonanceException.gone("snapshot_required", "Events after " + since + " are no longer kept (kept after "
                        + gone.prunedThrough() + "): read syncState, then subscribe from its seq");
            }
            SyncService.Events found = ((SyncService.Missed) page).events();
            for (var event : found.events()) {
                events.add(GraphValues.map(event));
                cursor = event.seq();
            }
            last.set(Math.max(cursor, last.get()));
            if (!found.hasMore()) {
                return events;
            }
        }
    }

    private static long idOf(GraphCall c) {
        return ((Number) c.<Map<String, Object>>source().get("id")).longValue();
    }

    private static LikeKind kind(GraphCall c) {
        String type = c.arg("type");
        return LikeKind.parse(type.toLowerCase(Locale.ROOT));
    }

    private static JsonNode message(GraphCall c) {
        Object message = c.arg("message");
        if (!(message instanceof Map)) {
            throw new InvalidInput("message", "must be an object, as the sync socket's message of that type");
        }
        return JSON.valueToTree(message);
    }

    /**
     * The frames of {@code types} a sync session of the caller's device receives, as {@code value} maps them: the
     * session opens when the subscription starts and closes when it ends; the session's own end (the token expired,
     * the device was signed out, the node stops) ends the subscription with an error.
     */
    private Flux<Object> frames(GraphCall c, Predicate<String> types, Function<JsonNode, Object> value) {
        Optional<String> token = c.token();
        if (token.isEmpty()) {
            throw ResonanceException.unauthenticated("unauthenticated", "Subscriptions need the access token the socket was opened with");
        }
        return Flux.create(sink -> {
            SyncSession session = hub.open(new SyncSession.Transport() {
                @Override
                public void send(String text, java.util.function.Consumer<Throwable> done) {
                    try {
                        JsonNode frame = JSON.readTree(text);
                        if (types.test(frame.path("type").asText())) {
                            sink.next(value.apply(frame));
                        }
                        done.accept(null);
                    } catch (java.io.IOException | RuntimeException e) {
                        done.accept(e);
                    }
                }

                @Override
                public void close(int code, String reason) {
                    sink.error(ResonanceException.unavailable("sync_session_ended", "The live feed ended (" + code + " " + reason
                            + "): subscribe again"));
                }
            }, token);
            sink.onDispose(() -> session.close(1000, "subscription ended"));
        }, FluxSink.OverflowStrategy.BUFFER);
    }
}
