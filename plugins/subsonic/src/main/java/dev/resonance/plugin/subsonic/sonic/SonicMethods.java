package dev.resonance.plugin.subsonic.sonic;

import dev.resonance.api.client.ClientAccess;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.Song;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.items.Items;
import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Extension;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sonicSimilarity} 1: {@code getSonicSimilarTracks} and {@code findSonicPath}, answered with top-level
 * {@code sonicMatch} lists of {@code {entry, similarity}}.
 *
 * <p>The core analyses no audio: the songs come from the server's recommender plugins
 * ({@link ClientCatalog#similarSongs}), which may judge by sound, by tags or by listening habits. So the extension is
 * offered — listed by {@code getOpenSubsonicExtensions}, its methods served — only while a recommender plugin is
 * enabled ({@link ClientAccess#recommends}); otherwise both methods answer as methods the server does not implement
 * (HTTP 404, error 0). No similarity is measured, so every {@code similarity} is {@value #UNMEASURED}, as the spec says
 * for a server that does not support it — except the start of a path, the song itself, {@code 1.0}.
 *
 * <p>A path is a heuristic bridge, not a walk through an audio space: the start song, songs the recommenders find
 * like the start (the first half), songs they find like the end (the second half, the most like it last), the end
 * song; at most {@code count} songs, none twice.
 */
public final class SonicMethods implements MethodGroup {

    /** The similarity sent for every song but a path's start: not measured. */
    static final double UNMEASURED = -1;

    /** The extension, while it is offered. */
    static final Extension SONIC_SIMILARITY = new Extension("sonicSimilarity", List.of(1));

    private final ClientAccess access;

    public SonicMethods(ClientAccess access) {
        this.access = access;
    }

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("getSonicSimilarTracks", SonicMethods::similarTracks).servedWhile(access::recommends),
            Method.signedIn("findSonicPath", SonicMethods::path).servedWhile(access::recommends));
    }

    @Override
    public List<Extension> extensions() {
        return access.recommends() ? List.of(SONIC_SIMILARITY) : List.of();
    }

    private static Reply similarTracks(Call call) {
        Song song = song(call, "id");
        int count = call.params().count("count", 10, ClientCatalog.MAX_LIST);
        List<Node> matches = call.catalog().similarSongs(List.of(song.id()), count).stream()
            .map(s -> match(s, UNMEASURED)).toList();
        return response -> response.requiredList("sonicMatch", matches);
    }

    private static Reply path(Call call) {
        Song start = song(call, "startSongId");
        Song end = song(call, "endSongId");
        int count = call.params().count("count", 25, ClientCatalog.MAX_LIST);
        List<Node> matches = new ArrayList<>();
        if (start.id() == end.id()) {
            if (count < 1) {
                throw ApiError.invalid("count", Integer.toString(count), "1 or more: the path holds its start");
            }
            matches.add(match(start, 1.0));
        } else {
            if (count < 2) {
                throw ApiError.invalid("count", Integer.toString(count), "2 or more: the path holds its start and its end");
            }
            matches.add(match(start, 1.0));
            for (Song between : bridge(call.catalog(), start, end, count - 2)) {
                matches.add(match(between, UNMEASURED));
            }
            matches.add(match(end, UNMEASURED));
        }
        return response -> response.requiredList("sonicMatch", matches);
    }

    /**
     * At most {@code slots} songs between {@code start} and {@code end}: the first half like the start (best first),
     * the second like the end (best last, next to it); a half the recommenders cannot fill leaves its slots to the
     * other. Neither end, nor any song twice.
     */
    static List<Song> bridge(ClientCatalog catalog, Song start, Song end, int slots) {
        if (slots == 0) {
            return List.of();
        }
        List<Song> likeStart = catalog.similarSongs(List.of(start.id()), slots);
        List<Song> likeEnd = catalog.similarSongs(List.of(end.id()), slots);
        Set<Long> used = new LinkedHashSet<>(List.of(start.id(), end.id()));
        List<Song> first = take(likeStart, (slots + 1) / 2, used);
        List<Song> second = take(likeEnd, slots - first.size(), used);
        first.addAll(take(likeStart, slots - first.size() - second.size(), used));
        Collections.reverse(second);
        first.addAll(second);
        return first;
    }

    /** Up to {@code n} of {@code songs} in order that are not {@code used} yet, marking them used. */
    private static List<Song> take(List<Song> songs, int n, Set<Long> used) {
        List<Song> taken = new ArrayList<>();
        for (Song song : songs) {
            if (taken.size() >= n) {
                break;
            }
            if (used.add(song.id())) {
                taken.add(song);
            }
        }
        return taken;
    }

    /** The song of the id in parameter {@code name}: error 10 when absent, 70 when not a song the user can see. */
    private static Song song(Call call, String name) {
        long id = Ids.required(call.params(), name, Ids.Kind.SONG, "Song");
        return call.catalog().song(id).orElseThrow(() -> ApiError.notFound("Song not found: " + Ids.song(id)));
    }

    private static Node match(Song song, double similarity) {
        return Node.of("sonicMatch").child(Items.song("entry", song)).attr("similarity", similarity);
    }
}
