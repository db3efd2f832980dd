package dev.resonance.plugin.subsonic.items;

import dev.resonance.api.client.Album;
import dev.resonance.api.client.Artist;
import dev.resonance.api.client.ItemRef;
import dev.resonance.api.client.Marks;
import dev.resonance.api.client.ReplayGain;
import dev.resonance.api.client.Song;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core's items as Subsonic elements, following the OpenSubsonic schemas {@code Child}, {@code AlbumID3},
 * {@code ArtistID3} and {@code Artist}: what the core knows is sent with its type, what it does not know is left out
 * (never an empty string), and file paths are never sent. The element's name is the caller's ({@code song},
 * {@code child}, {@code album}, {@code entry}...), as each answer names its items.
 */
public final class Items {

    /** Subsonic's {@code type} of every song: the core has music only. */
    public static final String MUSIC = "music";

    private static final Pattern DATE = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

    private Items() {
    }

    /** A song as a {@code Child} (a file in Subsonic's folder view, a song in the ID3 view). */
    public static Node song(String element, Song song) {
        Node node = Node.of(element).attr("id", Ids.song(song.id()));
        song.albumId().ifPresent(album -> node.attr("parent", Ids.album(album)));
        node.attr("isDir", false).attr("title", song.title());
        if (song.albumId().isPresent()) {
            node.attrIfNotEmpty("album", song.album());
        }
        node.attrIfNotEmpty("artist", song.artist())
            .attr("track", song.track())
            .attr("year", song.year())
            .attr("genre", song.genres().stream().findFirst())
            .attr("coverArt", song.coverImageId().map(Ids::image));
        if (song.file().sizeBytes() > 0) {
            node.attr("size", song.file().sizeBytes());
        }
        node.attrIfNotEmpty("contentType", song.file().contentType())
            .attrIfNotEmpty("suffix", song.file().suffix())
            .attr("duration", seconds(song.durationMs()));
        positive(node, "bitRate", song.file().bitrateKbps());
        positive(node, "bitDepth", song.file().bitDepth());
        positive(node, "samplingRate", song.file().sampleRate());
        positive(node, "channelCount", song.file().channels());
        marks(node, song.marks());
        node.attr("discNumber", song.disc())
            .attr("created", song.addedAt())
            .attr("albumId", song.albumId().map(Ids::album))
            .attr("artistId", song.artists().stream().findFirst().map(a -> Ids.artist(a.id())))
            .attr("type", MUSIC)
            .attr("isVideo", false)
            // OpenSubsonic
            .attr("mediaType", "song")
            .attr("bpm", song.bpm().filter(Float::isFinite).map(Math::round))
            .attr("musicBrainzId", song.mbid().map(Object::toString))
            .attrIfNotEmpty("displayArtist", song.artist());
        if (song.albumId().isPresent()) {
            node.attrIfNotEmpty("displayAlbumArtist", song.albumArtist());
        }
        node.values("isrc", song.isrc().stream().toList())
            .list("genres", genres(song.genres()))
            .list("artists", refs("artists", song.artists()))
            .list("albumArtists", refs("albumArtists", song.albumArtists()));
        replayGain(song.replayGain()).ifPresent(node::child);
        return node;
    }

    /** An album as an {@code AlbumID3} (the ID3 view). */
    public static Node albumId3(String element, Album album) {
        Node node = Node.of(element).attr("id", Ids.album(album.id())).attr("name", album.title())
            .attrIfNotEmpty("artist", album.artist())
            .attr("artistId", album.artists().stream().findFirst().map(a -> Ids.artist(a.id())))
            .attr("coverArt", album.coverImageId().map(Ids::image))
            .attr("songCount", album.songCount())
            .attr("duration", seconds(album.durationMs()))
            .attr("playCount", album.marks().plays())
            .attr("created", album.addedAt())
            .attr("starred", album.marks().liked())
            .attr("year", album.year())
            .attr("genre", album.genres().stream().findFirst())
            // OpenSubsonic
            .attr("version", album.version())
            .attr("played", album.marks().lastPlayed())
            .attr("userRating", album.marks().rating())
            .attr("musicBrainzId", album.mbid().map(Object::toString))
            .attrIfNotEmpty("displayArtist", album.artist())
            .attr("isCompilation", album.compilation());
        node.list("recordLabels", album.label().stream().map(l -> Node.of("recordLabels").attr("name", l)).toList())
            .list("genres", genres(album.genres()))
            .list("artists", refs("artists", album.artists()));
        album.originalDate().flatMap(d -> date("originalReleaseDate", d)).ifPresent(node::child);
        album.releaseDate().flatMap(d -> date("releaseDate", d)).ifPresent(node::child);
        return node;
    }

    /** An album as a directory {@code Child} (Subsonic's folder view: album lists, search2, getStarred). */
    public static Node albumDirectory(String element, Album album) {
        Node node = Node.of(element).attr("id", Ids.album(album.id()));
        album.artists().stream().findFirst().ifPresent(a -> node.attr("parent", Ids.artist(a.id())));
        node.attr("isDir", true).attr("title", album.title()).attr("album", album.title())
            .attrIfNotEmpty("artist", album.artist())
            .attr("year", album.year())
            .attr("genre", album.genres().stream().findFirst())
            .attr("coverArt", album.coverImageId().map(Ids::image))
            .attr("duration", seconds(album.durationMs()));
        marks(node, album.marks());
        node.attr("created", album.addedAt())
            .attr("albumId", Ids.album(album.id()))
            .attr("artistId", album.artists().stream().findFirst().map(a -> Ids.artist(a.id())))
            // OpenSubsonic
            .attr("mediaType", "album");
        return node;
    }

    /** An artist as an {@code ArtistID3}. */
    public static Node artistId3(String element, Artist artist) {
        return Node.of(element).attr("id", Ids.artist(artist.id())).attr("name", artist.name())
            .attr("coverArt", artist.imageId().map(Ids::image))
            .attr("albumCount", artist.albumCount())
            .attr("starred", artist.marks().liked())
            // OpenSubsonic
            .attr("musicBrainzId", artist.mbid().map(Object::toString))
            .attrIfNotEmpty("sortName", artist.sortName());
    }

    /** An artist as an {@code Artist} (the folder view: getIndexes, search2, getStarred). */
    public static Node artist(String element, Artist artist) {
        return Node.of(element).attr("id", Ids.artist(artist.id())).attr("name", artist.name())
            .attr("starred", artist.marks().liked())
            .attr("userRating", artist.marks().rating());
    }

    /** Whole seconds, rounded: Subsonic durations are in seconds. */
    public static int seconds(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round(millis / 1000.0));
    }

    /** A count as an {@code xs:int}. */
    public static int count(long count) {
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    private static void marks(Node node, Marks marks) {
        node.attr("userRating", marks.rating()).attr("playCount", marks.plays()).attr("starred", marks.liked())
            .attr("played", marks.lastPlayed());
    }

    private static void positive(Node node, String name, int value) {
        if (value > 0) {
            node.attr(name, value);
        }
    }

    private static List<Node> genres(List<String> genres) {
        return genres.stream().map(g -> Node.of("genres").attr("name", g)).toList();
    }

    /** Artists as the OpenSubsonic lists of {@code ArtistID3} with only the required fields. */
    private static List<Node> refs(String element, List<ItemRef> artists) {
        return artists.stream().map(a -> Node.of(element).attr("id", Ids.artist(a.id())).attr("name", a.name()))
            .toList();
    }

    private static Optional<Node> replayGain(ReplayGain gain) {
        if (gain.trackGain().isEmpty() && gain.trackPeak().isEmpty() && gain.albumGain().isEmpty()
            && gain.albumPeak().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Node.of("replayGain")
            .attr("trackGain", gain.trackGain().filter(Float::isFinite))
            .attr("albumGain", gain.albumGain().filter(Float::isFinite))
            .attr("trackPeak", gain.trackPeak().filter(Float::isFinite))
            .attr("albumPeak", gain.albumPeak().filter(Float::isFinite)));
    }

    /** A tagged date ({@code 2010}, {@code 2010-05}, {@code 2010-05-17}) as an {@code ItemDate}. */
    static Optional<Node> date(String element, String date) {
        Matcher parts = DATE.matcher(date.strip());
        if (!parts.matches()) {
            return Optional.empty();
        }
        Node node = Node.of(element).attr("year", Integer.parseInt(parts.group(1)));
        if (parts.group(2) != null) {
            node.attr("month", Integer.parseInt(parts.group(2)));
        }
        if (parts.group(3) != null) {
            node.attr("day", Integer.parseInt(parts.group(3)));
        }
        return Optional.of(node);
    }
}
