package dev.resonance.plugin.subsonic.queue;

import dev.resonance.api.client.ClientActions;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.Song;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.items.Items;
import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Extension;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Params;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The play queue is the user's shared one — the queue the web app plays and hands between devices (Connect):
 * {@code getPlayQueue}/{@code getPlayQueueByIndex} read it where playback has got to now, {@code changedBy} naming the
 * device that had it; {@code savePlayQueue} ({@code current} as a song id) and {@code savePlayQueueByIndex}
 * ({@code currentIndex}, the {@code indexBasedQueue} extension) make the app's queue the shared one, with the app's
 * device active and paused there, so the user continues on another device from where the app was. While another
 * device of the user is playing, a save is refused (error 0: "… is playing") and the queue stays with it. No {@code id}
 * clears the queue; no queue answers without a {@code playQueue}.
 */
public final class PlayQueueMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("getPlayQueue", call -> get(call, false)),
            Method.signedIn("getPlayQueueByIndex", call -> get(call, true)),
            Method.signedIn("savePlayQueue", call -> save(call, false)),
            Method.signedIn("savePlayQueueByIndex", call -> save(call, true)));
    }

    @Override
    public List<Extension> extensions() {
        return List.of(new Extension("indexBasedQueue", List.of(1)));
    }

    private static Reply get(Call call, boolean byIndex) {
        Optional<ClientActions.PlayQueue> found = call.user().actions().playQueue();
        if (found.isEmpty()) {
            return Reply.empty();
        }
        ClientActions.PlayQueue queue = found.get();
        Node node = Node.of(byIndex ? "playQueueByIndex" : "playQueue");
        if (byIndex) {
            node.attr("currentIndex", queue.current());
        } else {
            node.attr("current", queue.current().map(i -> Ids.song(queue.songIds().get(i))));
        }
        node.attr("position", queue.positionMs()).attr("username", call.user().caller().username())
            .attr("changed", queue.changedAt()).attr("changedBy", queue.changedBy().orElse(""));
        return Reply.of(node.list("entry", songs(call.catalog(), queue.songIds()).stream().map(s -> Items.song("entry", s)).toList()));
    }

    /** The queue's songs the user can see, in queue order (a song queued twice twice), read a page at a time. */
    private static List<Song> songs(ClientCatalog catalog, List<Long> ids) {
        Map<Long, Song> found = new HashMap<>();
        List<Long> distinct = ids.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i += ClientCatalog.MAX_LIST) {
            for (Song song : catalog.songs(distinct.subList(i, Math.min(distinct.size(), i + ClientCatalog.MAX_LIST)))) {
                found.put(song.id(), song);
            }
        }
        List<Song> songs = new ArrayList<>(ids.size());
        for (long id : ids) {
            Optional.ofNullable(found.get(id)).ifPresent(songs::add);
        }
        return songs;
    }

    private static Reply save(Call call, boolean byIndex) {
        Params params = call.params();
        List<Long> ids = new ArrayList<>();
        for (String id : params.all("id")) {
            ids.add(Ids.parse(id).filter(i -> i.kind() == Ids.Kind.SONG).map(Ids.Id::id)
                .orElseThrow(() -> ApiError.notFound("Song not found: " + id)));
        }
        int current = 0;
        if (byIndex && !ids.isEmpty()) {
            current = params.requiredInteger("currentIndex");
            if (current < 0 || current >= ids.size()) {
                throw ApiError.invalid("currentIndex", Integer.toString(current), "0 to " + (ids.size() - 1));
            }
        } else if (!byIndex && params.first("current").isPresent() && !ids.isEmpty()) {
            long song = Ids.required(params, "current", Ids.Kind.SONG, "Song");
            current = Math.max(0, ids.indexOf(song));
        }
        long position = params.milliseconds("position").orElse(0L);
        call.user().actions().savePlayQueue(ids, current, position);
        return Reply.empty();
    }
}
