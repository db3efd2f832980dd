package dev.resonance.api.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The catalog as one signed-in user sees it ({@link ClientSession#catalog()}): only the libraries they may see, each
 * item with their own {@link Marks}. Lists are paged by offset (as client protocols page) and ordered stably, so
 * paging through one while nothing changes yields every item once. Synchronous database reads that take milliseconds;
 * {@code ResonanceException} of kind {@code UNAVAILABLE} when the database is down. An id the user cannot see is
 * answered as one that does not exist.
 */
@ProviderType
public interface ClientCatalog {

    /** The most items one list call answers. */
    int MAX_LIST = 500;

    /** A library (a music folder). */
    record Library(long id, String name) {
        public Library {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A genre and how much of it the user can see. */
    record Genre(String name, long albumCount, long songCount) {
        public Genre {
            Objects.requireNonNull(name, "name");
        }
    }

    /** What a list is limited to; every part optional. */
    record Filter(Optional<Long> library, Optional<String> genre, Optional<Integer> fromYear, Optional<Integer> toYear) {

        /** No limits. */
        public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public Filter {
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(genre, "genre");
            Objects.requireNonNull(fromYear, "fromYear");
            Objects.requireNonNull(toYear, "toYear");
        }
    }

    /** A slice of a list: skip {@code offset} items, answer at most {@code count} (0 to {@link #MAX_LIST}). */
    record Window(int offset, int count) {
        public Window {
            if (offset < 0 || count < 0 || count > MAX_LIST) {
                throw new IllegalArgumentException("offset must be 0 or more and count 0 to " + MAX_LIST);
            }
        }
    }

    /** The orders of {@link #albums}. */
    enum AlbumOrder {
        /** A random choice, different at each call. */
        RANDOM,
        /** Most recently added first. */
        NEWEST,
        /** The user's highest rated first (only rated albums). */
        HIGHEST_RATED,
        /** The user's most played first (only played albums). */
        MOST_PLAYED,
        /** The user's most recently played first (only played albums). */
        RECENTLY_PLAYED,
        /** By title. */
        BY_TITLE,
        /** By album artist, then year and title. */
        BY_ARTIST,
        /** The albums the user likes, most recently liked first. */
        LIKED,
        /**
         * By year within the filter's {@code fromYear}..{@code toYear}; descending when {@code fromYear > toYear}
         * (as Subsonic's {@code byYear}).
         */
        BY_YEAR
    }

    /** An artist and their albums (as album artist), oldest first. */
    record ArtistAlbums(Artist artist, List<Album> albums) {
        public ArtistAlbums {
            Objects.requireNonNull(artist, "artist");
            albums = List.copyOf(albums);
        }
    }

    /** An album and its songs, in disc and track order. */
    record AlbumSongs(Album album, List<Song> songs) {
        public AlbumSongs {
            Objects.requireNonNull(album, "album");
            songs = List.copyOf(songs);
        }
    }

    /** What a search found, or what the user likes. */
    record Found(List<Artist> artists, List<Album> albums, List<Song> songs) {
        public Found {
            artists = List.copyOf(artists);
            albums = List.copyOf(albums);
            songs = List.copyOf(songs);
        }
    }

    /**
     * The library scan: whether one runs now, and how many files it has looked at so far (or, when none runs, how many
     * the last scans of the libraries found).
     */
    record ScanStatus(boolean scanning, long count) {
    }

    /** The library scan's status. */
    ScanStatus scanStatus();

    /** The libraries the user may see, by name. */
    List<Library> libraries();

    /** The artists who have an album the user can see (in {@code library}, when given), by sort name. */
    List<Artist> albumArtists(Optional<Long> library);

    Optional<ArtistAlbums> artist(long id);

    Optional<AlbumSongs> album(long id);

    Optional<Song> song(long id);

    /** The songs of {@code ids} the user can see, in the order of {@code ids} (each once); at most {@link #MAX_LIST}. */
    List<Song> songs(List<Long> ids);

    /**
     * A page of albums in {@code order}, limited by {@code filter} (its years apply to {@link AlbumOrder#BY_YEAR} only;
     * library and genre to every order).
     */
    List<Album> albums(AlbumOrder order, Filter filter, Window window);

    /** The genres the user can see, by name. */
    List<Genre> genres();

    /** {@code count} songs chosen at random within {@code filter}. */
    List<Song> randomSongs(Filter filter, int count);

    /** Songs of the filter's genre (required), by album artist, album, disc and track. */
    List<Song> songsByGenre(Filter filter, Window window);

    /**
     * Artists, albums and songs matching {@code query} by name (every word must match the start of a word of the
     * name, the artist's or the album's, ignoring case and accents), best match first; an empty query lists
     * everything by name (how apps copy a whole library page by page).
     */
    Found search(String query, Optional<Long> library, Window artists, Window albums, Window songs);

    /** What the user likes (in {@code library}, when given), most recently liked first. */
    Found liked(Optional<Long> library);

    /** The most played songs of the artist named {@code artist} (every user's plays), at most {@code count}. */
    List<Song> topSongs(String artist, int count);

    /**
     * Songs like {@code seedSongIds} (an artist's: pass some of theirs), as the server's recommender plugins suggest them,
     * the seeds left out, at most {@code count}; empty when no recommender plugin is enabled.
     */
    List<Song> similarSongs(List<Long> seedSongIds, int count);

    /**
     * The song's lyrics as the server's lyrics plugins find them (the file's tags, files next to it, online sources):
     * each language and copy they have, synced ones with line times and, where the source has them, word times.
     * Empty when there are none, when no lyrics plugin is enabled, or when the user cannot see the song.
     */
    List<dev.resonance.api.lyrics.Lyrics> lyrics(long songId);
}
