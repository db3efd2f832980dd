package dev.resonance.plugin.subsonic.items;

import dev.resonance.plugin.subsonic.protocol.ApiError;
import dev.resonance.plugin.subsonic.protocol.Params;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Subsonic ids of the core's items: {@code ar-<id>} artists, {@code al-<id>} albums, {@code tr-<id>} songs (tracks),
 * {@code im-<id>} cover art (the core's image ids), {@code pl-<id>} playlists; a music folder is the library's plain number (OpenSubsonic types
 * it as an integer). Read strictly: the prefix, a dash and the number in its one decimal form (no sign, no leading
 * zero); anything else — another kind included — is an id that names nothing (error 70).
 */
public final class Ids {

    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,18}");

    /** The kinds of ids, by prefix. */
    public enum Kind {
        ARTIST("ar"), ALBUM("al"), SONG("tr"), IMAGE("im"), PLAYLIST("pl");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String id(long id) {
            return prefix + "-" + id;
        }
    }

    /** An id read: its kind and the core's number. */
    public record Id(Kind kind, long id) {
    }

    private Ids() {
    }

    public static String artist(long id) {
        return Kind.ARTIST.id(id);
    }

    public static String album(long id) {
        return Kind.ALBUM.id(id);
    }

    public static String song(long id) {
        return Kind.SONG.id(id);
    }

    public static String image(long id) {
        return Kind.IMAGE.id(id);
    }

    public static String playlist(long id) {
        return Kind.PLAYLIST.id(id);
    }

    /** The id's kind and number, or empty when it is not one of ours. */
    public static Optional<Id> parse(String text) {
        for (Kind kind : Kind.values()) {
            if (text.startsWith(kind.prefix + "-")) {
                return number(text.substring(kind.prefix.length() + 1)).map(n -> new Id(kind, n));
            }
        }
        return Optional.empty();
    }

    /** The number of an id of this kind in parameter {@code name}: error 10 when absent, 70 when not such an id. */
    public static long required(Params params, String name, Kind kind, String what) {
        String text = params.required(name);
        return parse(text).filter(id -> id.kind() == kind).map(Id::id)
            .orElseThrow(() -> ApiError.notFound(what + " not found: " + shorten(text)));
    }

    /** The music folder (library) in {@code musicFolderId}, if given; error 70 when it is not a folder's id. */
    public static Optional<Long> musicFolder(Params params) {
        Optional<String> text = params.first("musicFolderId");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(number(text.get())
            .orElseThrow(() -> ApiError.notFound("Music folder not found: " + shorten(text.get()))));
    }

    private static Optional<Long> number(String text) {
        if (!NUMBER.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty(); // past Long.MAX_VALUE
        }
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
