package dev.resonance.plugin.subsonic.search;

import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientCatalog.Found;
import dev.resonance.api.client.ClientCatalog.Window;
import dev.resonance.plugin.subsonic.items.Ids;
import dev.resonance.plugin.subsonic.items.Items;
import dev.resonance.plugin.subsonic.protocol.Call;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Params;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.List;

/**
 * {@code search2} (folder view) and {@code search3} (ID3 view): artists, albums and songs whose names start with the
 * query's words, each list with its own count (default 20, at most 500) and offset. An empty query — also written
 * {@code ""}, as Symfonium and others send it — lists everything, so that apps can copy a whole library page by page
 * (OpenSubsonic requires it). {@code query} itself is required (error 10).
 */
public final class SearchMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("search2", call -> search(call, false)),
            Method.signedIn("search3", call -> search(call, true)));
    }

    private static Reply search(Call call, boolean id3) {
        Params params = call.params();
        String query = query(params.required("query"));
        Found found = call.catalog().search(query, Ids.musicFolder(params), window(params, "artist"),
            window(params, "album"), window(params, "song"));
        return Reply.of(Node.of(id3 ? "searchResult3" : "searchResult2")
            .list("artist", found.artists().stream()
                .map(a -> id3 ? Items.artistId3("artist", a) : Items.artist("artist", a)).toList())
            .list("album", found.albums().stream()
                .map(a -> id3 ? Items.albumId3("album", a) : Items.albumDirectory("album", a)).toList())
            .list("song", found.songs().stream().map(s -> Items.song("song", s)).toList()));
    }

    /** The query without the double quotes some clients wrap it in ({@code ""} is the empty query). */
    static String query(String query) {
        String text = query.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static Window window(Params params, String kind) {
        return new Window(params.offset(kind + "Offset"), params.count(kind + "Count", 20, ClientCatalog.MAX_LIST));
    }
}
