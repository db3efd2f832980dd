package dev.resonance.plugin.subsonic.bookmarks;

import dev.resonance.api.client.ClientActions;
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
 * Bookmarks, the user's saved positions in songs (audiobooks, long mixes), kept by the core per user and song
 * ({@code ClientActions.bookmarks}), so every app of the user sees the same ones: {@code getBookmarks} lists them, most
 * recently saved first, each song as an {@code entry} with its {@code bookmarkPosition}; {@code createBookmark}
 * ({@code id}, {@code position} in milliseconds, {@code comment}) saves or replaces the user's bookmark of a song;
 * {@code deleteBookmark} ({@code id}) deletes it, and answers ok when there was none (as Navidrome does: the app wants
 * it gone, and it is). A missing {@code id} or {@code position} is error 10; an id that is not a song the user can see
 * 70 (deleting: unless the user has a bookmark of it, which is deleted); a position that is not a whole number of 0 or
 * more, or a comment over the core's limit ({@code ClientActions.MAX_BOOKMARK_COMMENT}), 0. An empty comment is none.
 */
public final class BookmarkMethods implements MethodGroup {

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("getBookmarks", BookmarkMethods::getBookmarks),
            Method.signedIn("createBookmark", BookmarkMethods::createBookmark),
            Method.signedIn("deleteBookmark", BookmarkMethods::deleteBookmark));
    }

    private static Reply getBookmarks(Call call) {
        String username = call.user().caller().username();
        List<Node> bookmarks = call.user().actions().bookmarks().stream().map(b -> bookmark(b, username)).toList();
        return Reply.of(Node.of("bookmarks").list("bookmark", bookmarks));
    }

    private static Node bookmark(ClientActions.Bookmark bookmark, String username) {
        return Node.of("bookmark")
            .attr("position", bookmark.positionMs())
            .attr("username", username)
            .attr("comment", bookmark.comment())
            .attr("created", bookmark.created())
            .attr("changed", bookmark.changed())
            .child(Items.song("entry", bookmark.song()).attr("bookmarkPosition", bookmark.positionMs()));
    }

    private static Reply createBookmark(Call call) {
        Params params = call.params();
        long song = Ids.required(params, "id", Ids.Kind.SONG, "Song");
        long position = params.requiredMilliseconds("position");
        call.user().actions().bookmark(song, position, params.first("comment"));
        return Reply.empty();
    }

    private static Reply deleteBookmark(Call call) {
        call.user().actions().deleteBookmark(Ids.required(call.params(), "id", Ids.Kind.SONG, "Song"));
        return Reply.empty();
    }
}
