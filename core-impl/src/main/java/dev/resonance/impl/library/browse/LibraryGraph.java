package dev.resonance.impl.library.browse;

import dev.resonance.impl.graphql.GraphPart;
import dev.resonance.impl.graphql.GraphValues;
import dev.resonance.impl.graphql.GraphWiring;
import dev.resonance.impl.library.LibraryResource;
import dev.resonance.impl.library.LibraryService;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The library in GraphQL ({@code core.library}): the queries of {@code /api/v1/content/*} and the scan status, through
 * the same {@link CatalogQueries}. An album page costs the REST album's statements plus one per batch of the fields
 * other features add to its tracks (likes, ratings, play counts), however many tracks it has.
 */
public final class LibraryGraph implements GraphPart {

    private final CatalogQueries catalog;
    private final LibraryService library;

    public LibraryGraph(CatalogQueries catalog, LibraryService library) {
        this.catalog = catalog;
        this.library = library;
    }

    @Override
    public String name() {
        return "core.library";
    }

    @Override
    public String schema() {
        return GraphPart.resource(LibraryGraph.class, "library.graphqls");
    }

    @Override
    public void wire(GraphWiring w) {
        w.query("artists", GraphWiring.rest(ContentResource.class, "artists"), c -> GraphValues.page(catalog.artists(c.caller(),
                c.optionalId("genre"), c.optional("after"), c.limit(50))));
        w.query("artist", GraphWiring.rest(ContentResource.class, "artist"), c -> artist(catalog.artist(c.caller(), c.id("id"))));
        w.query("albums", GraphWiring.rest(ContentResource.class, "albums"), c -> GraphValues.page(catalog.albums(c.caller(),
                c.<String>optional("sort").orElse("TITLE").toLowerCase(Locale.ROOT), c.optionalId("genre"), c.optional("year"),
                c.optionalId("artist"), c.optional("after"), c.limit(50))));
        w.query("album", GraphWiring.rest(ContentResource.class, "album"), c -> album(catalog.album(c.caller(), c.id("id"))));
        w.query("tracks", GraphWiring.rest(ContentResource.class, "tracks"), c -> tracksPage(catalog.tracks(c.caller(),
                c.<String>optional("sort").orElse("TITLE").toLowerCase(Locale.ROOT), c.optionalId("genre"), c.optional("after"),
                c.limit(50))));
        w.query("track", GraphWiring.rest(ContentResource.class, "track"), c -> track(catalog.track(c.caller(), c.id("id"))));
        w.query("genres", GraphWiring.rest(ContentResource.class, "genres"), c -> GraphValues.maps(catalog.genres(c.caller())));
        w.query("scan", GraphWiring.rest(LibraryResource.class, "status"), c -> GraphValues.map(library.status()));

        // a track's album as an object: every album of one level in one statement
        w.<Long, Map<String, Object>>batch("library.albums", (caller, ids) -> catalog.albumsById(caller, List.copyOf(ids)).stream()
                .collect(Collectors.toMap(CatalogViews.Album::id, GraphValues::map)));
        w.field("Track", "album", c -> {
            Object albumId = c.<Map<String, Object>>source().get("albumId");
            return albumId == null ? null : c.load("library.albums", ((Number) albumId).longValue());
        });
        w.field("Artist", "albums", c -> artistDetail(c).get("albums"));
        w.field("Artist", "appearsOn", c -> artistDetail(c).get("appearsOn"));
        w.field("Artist", "roles", c -> artistDetail(c).get("roles"));
        // albums listed (not opened) get their tracks when asked: every album of the level in one statement
        w.<Long, List<Map<String, Object>>>batch("library.albumTracks", (caller, ids) -> {
            Map<Long, List<Map<String, Object>>> byAlbum = new HashMap<>();
            catalog.tracksOfAlbums(caller, ids).forEach((album, tracks) -> byAlbum.put(album, tracks.stream().map(LibraryGraph::track).toList()));
            ids.forEach(id -> byAlbum.putIfAbsent(id, List.of()));
            return byAlbum;
        });
        w.field("Album", "tracks", c -> {
            Map<String, Object> source = c.source();
            Object tracks = source.get("tracks");
            return tracks != null ? tracks : c.load("library.albumTracks", ((Number) source.get("id")).longValue());
        });
    }

    /** An album with its detail: the album's fields, the detail's, and its tracks (disc by disc) as one list. */
    static Map<String, Object> album(CatalogViews.AlbumDetail detail) {
        Map<String, Object> album = GraphValues.map(detail.album());
        Map<String, Object> rest = GraphValues.map(detail);
        rest.remove("album");
        album.putAll(rest);
        album.put("tracks", detail.discs().stream().flatMap(d -> d.tracks().stream()).map(LibraryGraph::track).toList());
        return album;
    }

    /** A track: REST's {@code album} (its title) is {@code albumTitle}; {@code album} is the album itself. */
    public static Map<String, Object> track(CatalogViews.Track track) {
        Map<String, Object> map = GraphValues.map(track);
        map.put("albumTitle", map.remove("album"));
        return map;
    }

    private static Map<String, Object> tracksPage(CatalogViews.Page<CatalogViews.Track> page) {
        Map<String, Object> map = new HashMap<>(GraphValues.page(page));
        map.put("items", page.items().stream().map(LibraryGraph::track).toList());
        return map;
    }

    /** The artist's detail: the source when the artist was opened, else the artist query (once per artist asked). */
    private Map<String, Object> artistDetail(dev.resonance.impl.graphql.GraphCall c) {
        Map<String, Object> source = c.source();
        return source.containsKey("albums") ? source : artist(catalog.artist(c.caller(), ((Number) source.get("id")).longValue()));
    }

    private static Map<String, Object> artist(CatalogViews.ArtistDetail detail) {
        return GraphValues.map(detail);
    }
}
