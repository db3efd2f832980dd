package dev.resonance.plugin.testkit;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.Album;
import dev.resonance.api.client.Artist;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ItemRef;
import dev.resonance.api.client.Marks;
import dev.resonance.api.client.Song;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.plugin.testkit.TestClientLibrary.AlbumEntry;
import dev.resonance.plugin.testkit.TestClientLibrary.ArtistEntry;
import dev.resonance.plugin.testkit.TestClientLibrary.Kind;
import dev.resonance.plugin.testkit.TestClientLibrary.SongEntry;
import dev.resonance.plugin.testkit.TestClientLibrary.UserMarks;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One user's {@link ClientCatalog} over a {@link TestClientLibrary}, keeping the contract core-api documents: only the
 * libraries the user may see, the user's own marks, ids they cannot see answered as absent, stable orders, windows.
 * A caller without {@link Permission#ACCESS_CATALOG} gets {@code ResonanceException} {@code FORBIDDEN} from every
 * call, as the server answers such a user. {@link #calls()} lists what was called.
 *
 * <p>Orders, where core-api leaves them open, are these (the server's may differ in ties): artists by sort name (case
 * and accents ignored) then id; an artist's albums by year (undated last), then title; albums by title; songs by album
 * artist, album, disc and track. Search ranks items whose own name matches before those found through their artist's
 * or album's name, then by name. {@link #topSongs} lists only songs someone played. Thread-safe.
 */
public final class TestClientCatalog implements ClientCatalog {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final TestClientLibrary library;
    private final Caller caller;
    private final List<String> calls = new ArrayList<>();
    private final Random random = new Random();

    public TestClientCatalog(TestClientLibrary library, Caller caller) {
        this.library = Objects.requireNonNull(library, "library");
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /** The calls made on this view so far, oldest first ({@code "ClientCatalog.albums"}), refused ones included. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public List<Library> libraries() {
        synchronized (library) {
            require("libraries");
            return library.libraries.entrySet().stream().filter(e -> sees(e.getKey()))
                .map(e -> new Library(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing((Library l) -> fold(l.name())).thenComparing(Library::id)).toList();
        }
    }

    @Override
    public List<Artist> albumArtists(Optional<Long> libraryId) {
        synchronized (library) {
            require("albumArtists");
            Set<Long> ids = new LinkedHashSet<>();
            visibleAlbums().filter(a -> libraryId.map(id -> a.library == id).orElse(true))
                .forEach(a -> ids.addAll(a.artistIds));
            return ids.stream().map(library.artists::get).map(this::artist).sorted(ARTISTS).toList();
        }
    }

    @Override
    public Optional<ArtistAlbums> artist(long id) {
        synchronized (library) {
            require("artist");
            ArtistEntry entry = library.artists.get(id);
            if (entry == null || !visibleArtist(id)) {
                return Optional.empty();
            }
            List<Album> albums = visibleAlbums().filter(a -> a.artistIds.contains(id)).map(this::album)
                .sorted(Comparator.comparing((Album a) -> a.year().orElse(Integer.MAX_VALUE))
                    .thenComparing(a -> fold(a.title())).thenComparing(Album::id))
                .toList();
            return Optional.of(new ArtistAlbums(artist(entry), albums));
        }
    }

    @Override
    public Optional<AlbumSongs> album(long id) {
        synchronized (library) {
            require("album");
            AlbumEntry entry = library.albums.get(id);
            if (entry == null || !sees(entry.library) || songsOf(entry).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AlbumSongs(album(entry), songsOf(entry).stream().map(this::song).toList()));
        }
    }

    @Override
    public Optional<Song> song(long id) {
        synchronized (library) {
            require("song");
            SongEntry entry = library.songs.get(id);
            return entry == null || !sees(entry.library) ? Optional.empty() : Optional.of(song(entry));
        }
    }

    @Override
    public List<Song> songs(List<Long> ids) {
        synchronized (library) {
            require("songs");
            if (ids.size() > MAX_LIST) {
                throw new IllegalArgumentException("at most " + MAX_LIST + " ids: " + ids.size());
            }
            return new LinkedHashSet<>(ids).stream().map(library.songs::get)
                .filter(s -> s != null && sees(s.library)).map(this::song).toList();
        }
    }

    @Override
    public List<Album> albums(AlbumOrder order, Filter filter, Window window) {
        synchronized (library) {
            require("albums");
            Stream<Album> albums = visibleAlbums().filter(a -> filter.library().map(l -> a.library == l).orElse(true))
                .filter(a -> filter.genre().map(g -> hasGenre(genres(a), g)).orElse(true))
                .map(this::album);
            List<Album> ordered = switch (order) {
                case RANDOM -> shuffled(albums.toList());
                case NEWEST -> albums.sorted(Comparator.comparing(Album::addedAt).reversed()
                    .thenComparing(Comparator.comparing(Album::id).reversed())).toList();
                case HIGHEST_RATED -> albums.filter(a -> a.marks().rating().isPresent())
                    .sorted(Comparator.comparing((Album a) -> a.marks().rating().orElseThrow()).reversed()
                        .thenComparing(BY_TITLE)).toList();
                case MOST_PLAYED -> albums.filter(a -> a.marks().plays() > 0)
                    .sorted(Comparator.comparing((Album a) -> a.marks().plays()).reversed().thenComparing(BY_TITLE))
                    .toList();
                case RECENTLY_PLAYED -> albums.filter(a -> a.marks().lastPlayed().isPresent())
                    .sorted(Comparator.comparing((Album a) -> a.marks().lastPlayed().orElseThrow()).reversed()
                        .thenComparing(BY_TITLE)).toList();
                case BY_TITLE -> albums.sorted(BY_TITLE).toList();
                case BY_ARTIST -> albums.sorted(Comparator.comparing(this::albumArtistSortKey)
                    .thenComparing(a -> a.year().orElse(Integer.MAX_VALUE)).thenComparing(BY_TITLE)).toList();
                case LIKED -> albums.filter(a -> a.marks().liked().isPresent())
                    .sorted(Comparator.comparing((Album a) -> a.marks().liked().orElseThrow()).reversed()
                        .thenComparing(BY_TITLE)).toList();
                case BY_YEAR -> byYear(albums, filter);
            };
            return window(ordered, window);
        }
    }

    @Override
    public List<Genre> genres() {
        synchronized (library) {
            require("genres");
            Map<String, long[]> counts = new LinkedHashMap<>();
            visibleAlbums().forEach(a -> a.genres.forEach(g -> counts.computeIfAbsent(g, k -> new long[2])[0]++));
            visibleSongs().forEach(s -> genres(s).forEach(g -> counts.computeIfAbsent(g, k -> new long[2])[1]++));
            return counts.entrySet().stream().map(e -> new Genre(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparing((Genre g) -> fold(g.name())).thenComparing(Genre::name)).toList();
        }
    }

    @Override
    public List<Song> randomSongs(Filter filter, int count) {
        synchronized (library) {
            require("randomSongs");
            if (count < 0 || count > MAX_LIST) {
                throw new IllegalArgumentException("count must be 0 to " + MAX_LIST + ": " + count);
            }
            List<Song> songs = shuffled(visibleSongs().filter(songFilter(filter, true)).map(this::song).toList());
            return songs.subList(0, Math.min(count, songs.size()));
        }
    }

    @Override
    public List<Song> songsByGenre(Filter filter, Window window) {
        synchronized (library) {
            require("songsByGenre");
            if (filter.genre().isEmpty()) {
                throw new IllegalArgumentException("songsByGenre needs the filter's genre");
            }
            return window(visibleSongs().filter(songFilter(filter, false)).map(this::song).sorted(SONGS).toList(),
                window);
        }
    }

    @Override
    public Found search(String query, Optional<Long> libraryId, Window artists, Window albums, Window songs) {
        synchronized (library) {
            require("search");
            List<String> words = words(query);
            Predicate<SongEntry> inSongLibrary = s -> libraryId.map(l -> s.library == l).orElse(true);
            Predicate<AlbumEntry> inAlbumLibrary = a -> libraryId.map(l -> a.library == l).orElse(true);

            Set<Long> artistIds = new LinkedHashSet<>();
            visibleAlbums().filter(inAlbumLibrary).forEach(a -> artistIds.addAll(a.artistIds));
            visibleSongs().filter(inSongLibrary).forEach(s -> artistIds.addAll(s.artistIds));
            List<Artist> foundArtists = artistIds.stream().map(library.artists::get)
                .filter(a -> matches(words, a.name)).map(this::artist).sorted(ARTISTS).toList();

            List<Album> foundAlbums = visibleAlbums().filter(inAlbumLibrary)
                .filter(a -> matches(words, a.title, names(a.artistIds)))
                .sorted(Comparator.comparing((AlbumEntry a) -> matches(words, a.title) ? 0 : 1)
                    .thenComparing(a -> fold(a.title)).thenComparing(a -> a.id))
                .map(this::album).toList();

            List<Song> foundSongs = visibleSongs().filter(inSongLibrary)
                .filter(s -> matches(words, s.title, names(s.artistIds), albumTitle(s)))
                .sorted(Comparator.comparing((SongEntry s) -> matches(words, s.title) ? 0 : 1)
                    .thenComparing(s -> fold(s.title)).thenComparing(s -> s.id))
                .map(this::song).toList();

            return new Found(window(foundArtists, artists), window(foundAlbums, albums), window(foundSongs, songs));
        }
    }

    @Override
    public Found liked(Optional<Long> libraryId) {
        synchronized (library) {
            require("liked");
            Comparator<Marks> recent = Comparator.comparing((Marks m) -> m.liked().orElseThrow()).reversed();
            Set<Long> artistIds = new LinkedHashSet<>();
            visibleAlbums().filter(a -> libraryId.map(l -> a.library == l).orElse(true))
                .forEach(a -> artistIds.addAll(a.artistIds));
            visibleSongs().filter(s -> libraryId.map(l -> s.library == l).orElse(true))
                .forEach(s -> artistIds.addAll(s.artistIds));
            List<Artist> artists = artistIds.stream().map(library.artists::get).map(this::artist)
                .filter(a -> a.marks().liked().isPresent()).sorted(Comparator.comparing(Artist::marks, recent)).toList();
            List<Album> albums = visibleAlbums().filter(a -> libraryId.map(l -> a.library == l).orElse(true))
                .map(this::album).filter(a -> a.marks().liked().isPresent())
                .sorted(Comparator.comparing(Album::marks, recent)).toList();
            List<Song> songs = visibleSongs().filter(s -> libraryId.map(l -> s.library == l).orElse(true))
                .map(this::song).filter(s -> s.marks().liked().isPresent())
                .sorted(Comparator.comparing(Song::marks, recent)).toList();
            return new Found(artists, albums, songs);
        }
    }

    @Override
    public List<Song> topSongs(String artist, int count) {
        synchronized (library) {
            require("topSongs");
            if (count < 0 || count > MAX_LIST) {
                throw new IllegalArgumentException("count must be 0 to " + MAX_LIST + ": " + count);
            }
            String wanted = fold(artist);
            return visibleSongs()
                .filter(s -> s.artistIds.stream().anyMatch(id -> fold(library.artists.get(id).name).equals(wanted)))
                .filter(s -> everyonesPlays(s.id) > 0)
                .sorted(Comparator.comparing((SongEntry s) -> everyonesPlays(s.id)).reversed()
                    .thenComparing(s -> fold(s.title)).thenComparing(s -> s.id))
                .limit(count).map(this::song).toList();
        }
    }

    // What the view computes

    /** Never scanning (a scan ends at once here); the count is every song of the library once a scan ran, else 0. */
    @Override
    public ScanStatus scanStatus() {
        synchronized (library) {
            require("scanStatus");
            return new ScanStatus(false, library.scans.isEmpty() ? 0 : library.songs.size());
        }
    }

    /** The suggestions {@link TestClientLibrary#similar} gave for the seeds, in seed order, without the seeds, once each. */
    @Override
    public List<Song> similarSongs(List<Long> seedSongIds, int count) {
        synchronized (library) {
            require("similarSongs");
            java.util.LinkedHashSet<Long> ids = new java.util.LinkedHashSet<>();
            for (long seed : seedSongIds) {
                ids.addAll(library.similar.getOrDefault(seed, List.of()));
            }
            ids.removeAll(seedSongIds);
            return songs(ids.stream().limit(count).toList());
        }
    }

    @Override
    public List<dev.resonance.api.lyrics.Lyrics> lyrics(long songId) {
        synchronized (library) {
            require("lyrics");
            return song(songId).isPresent() ? library.lyrics.getOrDefault(songId, List.of()) : List.of();
        }
    }

    private static final Comparator<Artist> ARTISTS =
        Comparator.comparing((Artist a) -> fold(a.sortName())).thenComparing(Artist::id);
    private static final Comparator<Album> BY_TITLE =
        Comparator.comparing((Album a) -> fold(a.title())).thenComparing(Album::id);
    private static final Comparator<Song> SONGS = Comparator.comparing((Song s) -> fold(s.albumArtist()))
        .thenComparing(s -> fold(s.album())).thenComparing(s -> s.disc().orElse(0))
        .thenComparing(s -> s.track().orElse(0)).thenComparing(Song::id);

    private Artist artist(ArtistEntry entry) {
        int albums = (int) visibleAlbums().filter(a -> a.artistIds.contains(entry.id)).count();
        // as the server: an artist's marks are likes and ratings, its plays are not counted
        return new Artist(entry.id, entry.name, entry.sortName, entry.mbid, entry.imageId, albums,
            marks(Kind.ARTIST, entry.id, 0, Optional.empty()));
    }

    private Album album(AlbumEntry entry) {
        List<SongEntry> songs = songsOf(entry);
        long plays = songs.stream().mapToLong(s -> own(Kind.SONG, s.id).plays).sum();
        return new Album(entry.id, entry.title, Optional.empty(), display(entry.artistIds), refs(entry.artistIds), entry.year,
            entry.releaseDate, entry.originalDate, entry.compilation, entry.genres, entry.coverImageId, songs.size(),
            songs.stream().mapToLong(s -> s.durationMs).sum(), entry.label, entry.mbid, entry.addedAt,
            marks(Kind.ALBUM, entry.id, plays, lastPlayed(songs.stream())));
    }

    private Song song(SongEntry entry) {
        Optional<AlbumEntry> album = entry.albumId.map(library.albums::get);
        UserMarks own = own(Kind.SONG, entry.id);
        return new Song(entry.id, entry.title, entry.artistName.orElse(display(entry.artistIds)), refs(entry.artistIds),
            entry.albumId, album.map(a -> a.title).orElse(""), album.map(a -> display(a.artistIds)).orElse(""),
            album.map(a -> refs(a.artistIds)).orElse(List.of()), entry.disc, entry.track,
            entry.year.or(() -> album.flatMap(a -> a.year)), genres(entry), entry.durationMs, entry.file,
            entry.coverImageId.or(() -> album.flatMap(a -> a.coverImageId)), entry.replayGain, entry.bpm, entry.isrc,
            entry.mbid, entry.hasLyrics, entry.library, entry.addedAt,
            new Marks(own.liked, own.rating, own.plays, own.lastPlayed));
    }

    private Marks marks(Kind kind, long id, long plays, Optional<Instant> lastPlayed) {
        UserMarks own = own(kind, id);
        return new Marks(own.liked, own.rating, plays, lastPlayed);
    }

    private Optional<Instant> lastPlayed(Stream<SongEntry> songs) {
        return songs.map(s -> own(Kind.SONG, s.id).lastPlayed).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    private UserMarks own(Kind kind, long id) {
        return library.marks.getOrDefault(caller.userId(), Map.of()).getOrDefault(kind + ":" + id, new UserMarks());
    }

    private long everyonesPlays(long songId) {
        return library.marks.values().stream().map(m -> m.get(Kind.SONG + ":" + songId)).filter(Objects::nonNull)
            .mapToLong(m -> m.plays).sum();
    }

    private String display(List<Long> artistIds) {
        return names(artistIds).stream().collect(Collectors.joining(" & "));
    }

    private List<String> names(List<Long> artistIds) {
        return artistIds.stream().map(id -> library.artists.get(id).name).toList();
    }

    private List<ItemRef> refs(List<Long> artistIds) {
        return artistIds.stream().map(id -> new ItemRef(id, library.artists.get(id).name)).toList();
    }

    private List<String> genres(SongEntry song) {
        if (!song.genres.isEmpty()) {
            return song.genres;
        }
        return song.albumId.map(library.albums::get).map(a -> a.genres).orElse(List.of());
    }

    private List<String> genres(AlbumEntry album) {
        return album.genres;
    }

    private String albumTitle(SongEntry song) {
        return song.albumId.map(library.albums::get).map(a -> a.title).orElse("");
    }

    private String albumArtistSortKey(Album album) {
        return album.artists().isEmpty() ? "" : fold(library.artists.get(album.artists().get(0).id()).sortName);
    }

    private List<SongEntry> songsOf(AlbumEntry album) {
        return library.songs.values().stream().filter(s -> s.albumId.equals(Optional.of(album.id)) && sees(s.library))
            .sorted(Comparator.comparing((SongEntry s) -> s.disc.orElse(0)).thenComparing(s -> s.track.orElse(0))
                .thenComparing(s -> s.id))
            .toList();
    }

    private Stream<AlbumEntry> visibleAlbums() {
        return library.albums.values().stream().filter(a -> sees(a.library) && !songsOf(a).isEmpty());
    }

    private Stream<SongEntry> visibleSongs() {
        return library.songs.values().stream().filter(s -> sees(s.library));
    }

    private boolean visibleArtist(long id) {
        return visibleAlbums().anyMatch(a -> a.artistIds.contains(id))
            || visibleSongs().anyMatch(s -> s.artistIds.contains(id));
    }

    private boolean sees(long libraryId) {
        Set<Long> allowed = library.visible.get(caller.userId());
        return library.libraries.containsKey(libraryId) && (allowed == null || allowed.contains(libraryId));
    }

    private Predicate<SongEntry> songFilter(Filter filter, boolean years) {
        return s -> filter.library().map(l -> s.library == l).orElse(true)
            && filter.genre().map(g -> hasGenre(genres(s), g)).orElse(true)
            && (!years || inYears(song(s).year(), filter.fromYear(), filter.toYear()));
    }

    private static boolean inYears(Optional<Integer> year, Optional<Integer> from, Optional<Integer> to) {
        if (from.isEmpty() && to.isEmpty()) {
            return true;
        }
        return year.isPresent() && from.map(f -> year.get() >= f).orElse(true) && to.map(t -> year.get() <= t).orElse(true);
    }

    private static List<Album> byYear(Stream<Album> albums, Filter filter) {
        int from = filter.fromYear().orElse(Integer.MIN_VALUE);
        int to = filter.toYear().orElse(Integer.MAX_VALUE);
        boolean descending = from > to;
        int low = Math.min(from, to);
        int high = Math.max(from, to);
        Comparator<Album> byYear = Comparator.comparing((Album a) -> a.year().orElseThrow());
        return albums.filter(a -> a.year().isPresent() && a.year().get() >= low && a.year().get() <= high)
            .sorted((descending ? byYear.reversed() : byYear).thenComparing(BY_TITLE)).toList();
    }

    private static boolean hasGenre(List<String> genres, String wanted) {
        return genres.stream().anyMatch(g -> fold(g).equals(fold(wanted)));
    }

    private <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static <T> List<T> window(List<T> items, Window window) {
        int from = Math.min(window.offset(), items.size());
        return List.copyOf(items.subList(from, Math.min(items.size(), from + window.count())));
    }

    /** Every query word starts a word of one of the names; no words (an empty query) match everything. */
    private static boolean matches(List<String> query, String... names) {
        return matches(query, List.of(names));
    }

    private static boolean matches(List<String> query, String name, List<String> more, String... others) {
        List<String> all = new ArrayList<>();
        all.add(name);
        all.addAll(more);
        all.addAll(List.of(others));
        return matches(query, all);
    }

    private static boolean matches(List<String> query, List<String> names) {
        List<String> words = names.stream().flatMap(n -> words(n).stream()).toList();
        return query.stream().allMatch(q -> words.stream().anyMatch(w -> w.startsWith(q)));
    }

    private static List<String> words(String text) {
        return Stream.of(NOT_WORD.split(fold(text))).filter(w -> !w.isEmpty()).toList();
    }

    /** Case and accents ignored. */
    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private void require(String call) {
        synchronized (calls) {
            calls.add("ClientCatalog." + call);
        }
        if (!caller.has(Permission.ACCESS_CATALOG)) {
            throw ResonanceException.forbidden("permission_required", "You need the AccessCatalog permission to "
                + "browse the catalog: ask an admin.");
        }
    }
}
