package dev.resonance.plugin.subsonic.annotation;

import dev.resonance.api.client.ClientActions;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Extension;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Params;
import dev.resonance.plugin.subsonic.protocol.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a user marks and plays: {@code star}/{@code unstar} (songs by {@code id}, albums by {@code albumId}, artists by
 * {@code artistId}, each repeatable; an {@code id} of an album or artist is taken as one, as the folder view sends
 * them), {@code setRating} (0 removes it) and {@code scrobble} ({@code submission=false}: now playing; otherwise each
 * {@code id} with its {@code time}, in ms, becomes a listen). They are the core's likes, ratings and listens: the user's
 * other devices see a star at once.
 */
public final class AnnotationMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("star", call -> mark(call, true)),
            Method.signedIn("unstar", call -> mark(call, false)),
            Method.signedIn("setRating", AnnotationMethods::setRating),
            Method.signedIn("scrobble", AnnotationMethods::scrobble),
            Method.signedIn("reportPlayback", AnnotationMethods::reportPlayback));
    }

    @Override
    public List<Extension> extensions() {
        return List.of(new Extension("playbackReport", List.of(1)));
    }

    /**
     * {@code reportPlayback} (playbackReport): the app's player timeline as the core follows the web player's — a play
     * starts at {@code starting} (its clock waits for {@code playing}), heard time counts between reports, a
     * {@code stopped} ends it and it is a listen by the core's rule; {@code ignoreScrobble=true} tells only the start.
     * {@code playbackRate} is not used (the core counts wall-clock time); podcasts are not served (error 70).
     */
    private static Reply reportPlayback(Call call) {
        Params params = call.params();
        String mediaType = params.required("mediaType");
        if (!mediaType.equals("song")) {
            throw ApiError.notFound("Media not found: this server has songs only, not " + mediaType);
        }
        long song = typed(params.required("mediaId"), Ids.Kind.SONG, "Song");
        long position = params.requiredMilliseconds("positionMs");
        String text = params.required("state");
        ClientActions.PlayerState state;
        switch (text) {
            case "starting":
                state = ClientActions.PlayerState.STARTING;
                break;
            case "playing":
                state = ClientActions.PlayerState.PLAYING;
                break;
            case "paused":
                state = ClientActions.PlayerState.PAUSED;
                break;
            case "stopped":
                state = ClientActions.PlayerState.STOPPED;
                break;
            default:
                throw ApiError.invalid("state", text, "starting, playing, paused or stopped");
        }
        boolean ignoreScrobble = params.first("ignoreScrobble").map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
        call.user().actions().report(song, state, position, ignoreScrobble);
        return Reply.empty();
    }

    private record Item(ClientActions.Kind kind, long id) {
    }

    private static Reply mark(Call call, boolean star) {
        Params params = call.params();
        List<Item> items = new ArrayList<>();
        for (String id : params.all("id")) {
            items.add(any(id));
        }
        for (String id : params.all("albumId")) {
            items.add(new Item(ClientActions.Kind.ALBUM, typed(id, Ids.Kind.ALBUM, "Album")));
        }
        for (String id : params.all("artistId")) {
            items.add(new Item(ClientActions.Kind.ARTIST, typed(id, Ids.Kind.ARTIST, "Artist")));
        }
        if (items.isEmpty()) {
            throw ApiError.missing("id");
        }
        ClientActions actions = call.user().actions();
        for (Item item : items) {
            if (star) {
                actions.like(item.kind(), item.id());
            } else {
                actions.unlike(item.kind(), item.id());
            }
        }
        return Reply.empty();
    }

    private static Reply setRating(Call call) {
        Params params = call.params();
        Item item = any(params.required("id"));
        int rating = params.requiredInteger("rating");
        if (rating < 0 || rating > 5) {
            throw ApiError.invalid("rating", Integer.toString(rating), "0 (no rating) to 5");
        }
        call.user().actions().rate(item.kind(), item.id(), rating);
        return Reply.empty();
    }

    private static Reply scrobble(Call call) {
        Params params = call.params();
        List<String> ids = params.all("id");
        if (ids.isEmpty()) {
            throw ApiError.missing("id");
        }
        List<String> times = params.all("time");
        boolean submission = params.first("submission").map(s -> !s.strip().equalsIgnoreCase("false")).orElse(true);
        List<Long> songs = new ArrayList<>();
        for (String id : ids) {
            songs.add(typed(id, Ids.Kind.SONG, "Song"));
        }
        ClientActions actions = call.user().actions();
        if (!submission) {
            actions.nowPlaying(songs.get(songs.size() - 1));
            return Reply.empty();
        }
        for (int i = 0; i < songs.size(); i++) {
            Optional<Instant> at = Optional.empty();
            if (i < times.size()) {
                try {
                    at = Optional.of(Instant.ofEpochMilli(Long.parseLong(times.get(i).strip())));
                } catch (NumberFormatException e) {
                    throw ApiError.invalid("time", times.get(i), "milliseconds since 1970");
                }
            }
            actions.played(songs.get(i), at);
        }
        return Reply.empty();
    }

    /** A song, album or artist id, by its prefix. */
    private static Item any(String text) {
        Ids.Id id = Ids.parse(text).orElseThrow(() -> ApiError.notFound("Item not found: " + text));
        switch (id.kind()) {
            case SONG:
                return new Item(ClientActions.Kind.SONG, id.id());
            case ALBUM:
                return new Item(ClientActions.Kind.ALBUM, id.id());
            case ARTIST:
                return new Item(ClientActions.Kind.ARTIST, id.id());
            default:
                throw ApiError.notFound("Item not found: " + text);
        }
    }

    private static long typed(String text, Ids.Kind kind, String what) {
        return Ids.parse(text).filter(id -> id.kind() == kind).map(Ids.Id::id)
            .orElseThrow(() -> ApiError.notFound(what + " not found: " + text));
    }
}
