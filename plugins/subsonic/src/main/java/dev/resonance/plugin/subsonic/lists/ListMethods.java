package dev.resonance.plugin.subsonic.lists;

import dev.resonance.api.client.Album;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientCatalog.AlbumOrder;
import dev.resonance.api.client.ClientCatalog.Filter;
import dev.resonance.api.client.ClientCatalog.Found;
import dev.resonance.api.client.ClientCatalog.Window;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.items.Items;
import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Params;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Album and song lists: {@code getAlbumList}/{@code getAlbumList2} (every type of the API), {@code getRandomSongs},
 * {@code getSongsByGenre} and the user's likes ({@code getStarred}/{@code getStarred2}). Sizes default as the API
 * says and are cut to 500; {@code byYear} needs {@code fromYear} and {@code toYear}, {@code byGenre} needs
 * {@code genre} (error 10). {@code byGenre} lists the genre's albums by title. {@code getNowPlaying}: what the caller's
 * own players play (never other users').
 */
public final class ListMethods implements MethodGroup {

    /** The list types of getAlbumList(2) and the catalog's orders. */
    static final Map<String, AlbumOrder> TYPES = Map.of("random", AlbumOrder.RANDOM, "newest", AlbumOrder.NEWEST,
        "highest", AlbumOrder.HIGHEST_RATED, "frequent", AlbumOrder.MOST_PLAYED, "recent", AlbumOrder.RECENTLY_PLAYED,
        "alphabeticalByName", AlbumOrder.BY_TITLE, "alphabeticalByArtist", AlbumOrder.BY_ARTIST,
        "starred", AlbumOrder.LIKED, "byYear", AlbumOrder.BY_YEAR, "byGenre", AlbumOrder.BY_TITLE);

    private final Clock clock;

    /** {@code clock}: what {@code getNowPlaying}'s {@code minutesAgo} is counted by. */
    public ListMethods(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("getAlbumList", call -> albumList(call, "albumList", Items::albumDirectory)),
            Method.signedIn("getAlbumList2", call -> albumList(call, "albumList2", Items::albumId3)),
            Method.signedIn("getRandomSongs", ListMethods::randomSongs),
            Method.signedIn("getSongsByGenre", ListMethods::songsByGenre),
            Method.signedIn("getStarred", call -> starred(call, "starred", false)),
            Method.signedIn("getStarred2", call -> starred(call, "starred2", true)),
            Method.signedIn("getNowPlaying", this::nowPlaying));
    }

    /**
     * The caller's own players (Resonance shows nobody's listening to other users): each a {@code Child} with
     * {@code username}, {@code minutesAgo} (since the player's last report), {@code playerId} (its device),
     * {@code playerName} and, as {@code playbackReport} adds, {@code state} and {@code positionMs}. No
     * {@code playbackRate}: the server does not keep it.
     */
    private Reply nowPlaying(Call call) {
        String username = call.user().caller().username();
        Instant now = clock.instant();
        List<Node> entries = call.user().actions().playingNow().stream().map(playing -> Items.song("entry", playing.song())
            .attr("username", username)
            .attr("minutesAgo", (int) Math.max(0, Duration.between(playing.updatedAt(), now).toMinutes()))
            .attr("playerId", playerId(playing.deviceId()))
            .attr("playerName", playing.device())
            .attr("state", playing.state().name().toLowerCase(Locale.ROOT))
            .attr("positionMs", playing.positionMs())).toList();
        return Reply.of(Node.of("nowPlaying").requiredList("entry", entries));
    }

    /** A device id as Subsonic's integer {@code playerId}: itself (device ids stay far below 2^31), else folded into it. */
    static int playerId(long deviceId) {
        return (int) Math.floorMod(deviceId, (long) Integer.MAX_VALUE + 1);
    }

    private static Reply albumList(Call call, String element, BiFunction<String, Album, Node> item) {
        Params params = call.params();
        String type = params.required("type");
        AlbumOrder order = TYPES.get(type);
        if (order == null) {
            throw ApiError.invalid("type", type, "one of " + String.join(", ", new java.util.TreeSet<>(TYPES.keySet())));
        }
        Optional<Long> folder = Ids.musicFolder(params);
        Filter filter;
        if (type.equals("byYear")) {
            filter = new Filter(folder, Optional.empty(), Optional.of(params.requiredInteger("fromYear")),
                Optional.of(params.requiredInteger("toYear")));
        } else if (type.equals("byGenre")) {
            filter = new Filter(folder, Optional.of(params.required("genre")), Optional.empty(), Optional.empty());
        } else {
            filter = new Filter(folder, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Window window = new Window(params.offset("offset"), params.count("size", 10, ClientCatalog.MAX_LIST));
        return Reply.of(Node.of(element).list("album", call.catalog().albums(order, filter, window).stream()
            .map(a -> item.apply("album", a)).toList()));
    }

    private static Reply randomSongs(Call call) {
        Params params = call.params();
        Filter filter = new Filter(Ids.musicFolder(params), params.first("genre"), params.integer("fromYear"),
            params.integer("toYear"));
        int size = params.count("size", 10, ClientCatalog.MAX_LIST);
        return Reply.of(Node.of("randomSongs").list("song", call.catalog().randomSongs(filter, size).stream()
            .map(s -> Items.song("song", s)).toList()));
    }

    private static Reply songsByGenre(Call call) {
        Params params = call.params();
        Filter filter = new Filter(Ids.musicFolder(params), Optional.of(params.required("genre")), Optional.empty(),
            Optional.empty());
        Window window = new Window(params.offset("offset"), params.count("count", 10, ClientCatalog.MAX_LIST));
        return Reply.of(Node.of("songsByGenre").list("song", call.catalog().songsByGenre(filter, window).stream()
            .map(s -> Items.song("song", s)).toList()));
    }

    private static Reply starred(Call call, String element, boolean id3) {
        Found liked = call.catalog().liked(Ids.musicFolder(call.params()));
        return Reply.of(Node.of(element)
            .list("artist", liked.artists().stream()
                .map(a -> id3 ? Items.artistId3("artist", a) : Items.artist("artist", a)).toList())
            .list("album", liked.albums().stream()
                .map(a -> id3 ? Items.albumId3("album", a) : Items.albumDirectory("album", a)).toList())
            .list("song", liked.songs().stream().map(s -> Items.song("song", s)).toList()));
    }
}
