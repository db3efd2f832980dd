package dev.resonance.plugin.testkit;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.client.AudioFile;
import dev.resonance.api.client.ReplayGain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the server's catalog holds for client apps, in memory: libraries, artists, albums and songs the test adds, and
 * each user's marks on them (likes, ratings, plays). A {@link TestClientCatalog} is one user's view of it, as
 * {@code ClientSession.catalog()} is; {@link TestClientAccess} hands one to each session.
 *
 * <pre>{@code
 * TestClientLibrary library = harness.clientLibrary();
 * library.library(1, "Music");
 * library.artist(10, "The Beatles").sortName("Beatles");
 * library.album(20, "Help!", 10).year(1965).genres("Rock");
 * library.song(30, "Help!", 20).track(1).durationMs(138_000);
 * }</pre>
 *
 * The test gives the facts; what the server computes — an album's song count and duration, an artist's album count,
 * display names, a song's album title and cover, the user's marks, play counts summed up to albums and artists — the
 * view computes from them for the user who asks, over the libraries that user may see. Entries are changed in place
 * with their setters; everything is read when a view is asked. Thread-safe.
 */
public final class TestClientLibrary {

    /** When every item was added unless the test says otherwise. */
    public static final Instant ADDED = Instant.parse("2025-06-01T12:00:00Z");

    final Map<Long, String> libraries = new TreeMap<>();
    final Map<Long, ArtistEntry> artists = new LinkedHashMap<>();
    final Map<Long, AlbumEntry> albums = new LinkedHashMap<>();
    final Map<Long, SongEntry> songs = new LinkedHashMap<>();
    /** userId → the libraries they may see; absent: all. */
    final Map<Long, Set<Long>> visible = new HashMap<>();
    /** userId → "kind:id" → marks. */
    final Map<Long, Map<String, UserMarks>> marks = new HashMap<>();

    /** Adds (or renames) a library, a music folder in Subsonic's terms. */
    public synchronized void library(long id, String name) {
        libraries.put(id, Objects.requireNonNull(name, "name"));
    }

    /** Adds an artist; its sort name is its name until {@link ArtistEntry#sortName} says otherwise. */
    public synchronized ArtistEntry artist(long id, String name) {
        ArtistEntry artist = new ArtistEntry(id, name);
        artists.put(id, artist);
        return artist;
    }

    /**
     * Adds an album by its album artists (artists added before), in the first library unless
     * {@link AlbumEntry#library} says otherwise.
     */
    public synchronized AlbumEntry album(long id, String title, long... albumArtistIds) {
        for (long artist : albumArtistIds) {
            requireArtist(artist);
        }
        AlbumEntry album = new AlbumEntry(id, title, Arrays.stream(albumArtistIds).boxed().toList(), firstLibrary());
        albums.put(id, album);
        return album;
    }

    /**
     * Adds a song of an album added before, performed by the album's artists until {@link SongEntry#artists} says
     * otherwise; it is in its album's library.
     */
    public synchronized SongEntry song(long id, String title, long albumId) {
        AlbumEntry album = albums.get(albumId);
        if (album == null) {
            throw new IllegalArgumentException("no album " + albumId + ": add it first");
        }
        SongEntry song = new SongEntry(id, title, Optional.of(albumId), album.artistIds, album.library);
        songs.put(id, song);
        return song;
    }

    /** Adds a song on no album, by the given artists, in the first library. */
    public synchronized SongEntry single(long id, String title, long... artistIds) {
        for (long artist : artistIds) {
            requireArtist(artist);
        }
        SongEntry song = new SongEntry(id, title, Optional.empty(), Arrays.stream(artistIds).boxed().toList(),
            firstLibrary());
        songs.put(id, song);
        return song;
    }

    /** Limits what a user sees to these libraries (by default a user sees every library). */
    public synchronized void restrict(long userId, Long... libraryIds) {
        visible.put(userId, Set.of(libraryIds));
    }

    /** The user likes the artist, album or song since {@code at}. */
    public synchronized void like(long userId, Kind kind, long id, Instant at) {
        marks(userId, kind, id).liked = Optional.of(at);
    }

    /** The user no longer likes the artist, album or song. */
    public synchronized void unlike(long userId, Kind kind, long id) {
        marks(userId, kind, id).liked = Optional.empty();
    }

    /** The user's rating of the artist, album or song is removed. */
    public synchronized void unrate(long userId, Kind kind, long id) {
        marks(userId, kind, id).rating = Optional.empty();
    }

    /** The audio a song's stream and download send ({@link TestClientMedia}); a song without any has none to send. */
    public synchronized void audio(long songId, byte[] bytes, String contentType) {
        if (!songs.containsKey(songId)) {
            throw new IllegalArgumentException("no song " + songId);
        }
        audio.put(songId, new Media(bytes.clone(), contentType));
    }

    /** An image of the catalog (a cover, an artist's picture) by its id, as {@code ClientMedia.image} answers it. */
    public synchronized void image(long imageId, byte[] bytes, String contentType) {
        images.put(imageId, new Media(bytes.clone(), contentType));
    }

    /** The lyrics the server's lyrics plugins find for a song ({@code ClientCatalog.lyrics}). */
    public synchronized void lyrics(long songId, dev.resonance.api.lyrics.Lyrics... lyrics) {
        if (!songs.containsKey(songId)) {
            throw new IllegalArgumentException("no song " + songId);
        }
        this.lyrics.put(songId, List.of(lyrics));
    }

    final Map<Long, List<dev.resonance.api.lyrics.Lyrics>> lyrics = new HashMap<>();
    final Map<Long, List<Long>> similar = new HashMap<>();
    /** Scans started through {@code ClientActions.startScan}, as "quick" or "full". */
    final List<String> scans = new java.util.ArrayList<>();

    /** The scans plugins started, oldest first ("quick", "full"); each ends at once, having found every song. */
    public synchronized List<String> scans() {
        return List.copyOf(scans);
    }

    /** What the recommender plugins suggest as like {@code songId} ({@code ClientCatalog.similarSongs}), best first. */
    public synchronized void similar(long songId, Long... like) {
        similar.put(songId, List.of(like));
    }

    /** Whether a recommender plugin is enabled ({@code ClientAccess.recommends}); off until the test says so. */
    public synchronized void recommenders(boolean enabled) {
        recommending = enabled;
    }

    synchronized boolean recommending() {
        return recommending;
    }

    /**
     * One of the user's players is on a song ({@code ClientActions.playingNow}): playing, or paused, at
     * {@code positionMs} at {@code at}. For players other than the plugin's own sessions (the web app, another app);
     * a session's {@code nowPlaying} and {@code report} keep its own player, named {@code "device <id>"}, the same way.
     */
    public synchronized void player(long userId, long deviceId, String device, long songId, boolean playing, long positionMs,
                                    Instant at) {
        if (!songs.containsKey(songId)) {
            throw new IllegalArgumentException("no song " + songId);
        }
        players.computeIfAbsent(userId, u -> new LinkedHashMap<>())
            .put(deviceId, new Player(deviceId, Objects.requireNonNull(device, "device"), songId, playing, positionMs, at));
    }

    /** The player stopped: it no longer shows. */
    public synchronized void playerStopped(long userId, long deviceId) {
        players.getOrDefault(userId, new LinkedHashMap<>()).remove(deviceId);
    }

    /** A player as {@link #player} set it. */
    record Player(long deviceId, String device, long songId, boolean playing, long positionMs, Instant at) {
    }

    boolean recommending;
    /** userId → deviceId → the player's last state. */
    final Map<Long, Map<Long, Player>> players = new HashMap<>();

    /** The playlists, by id (what the test set up and what plugins made through {@link TestClientPlaylists}). */
    public synchronized List<PlaylistEntry> playlists() {
        return List.copyOf(playlists.values());
    }

    /** Adds a playlist of {@code ownerId}'s. */
    public synchronized PlaylistEntry playlist(long id, long ownerId, String ownerName, String name, Long... songIds) {
        PlaylistEntry playlist = new PlaylistEntry(id, ownerId, ownerName, name, List.of(songIds), ADDED);
        playlists.put(id, playlist);
        nextPlaylistId = Math.max(nextPlaylistId, id + 1);
        return playlist;
    }

    /** The songs each user's apps said they started ({@code nowPlaying}), oldest first, as "userId:songId". */
    public synchronized List<String> nowPlaying() {
        return List.copyOf(nowPlaying);
    }

    /** What was streamed or downloaded through {@link TestClientMedia}, oldest first: "stream 30 StreamOptions[…]", "download 30". */
    public synchronized List<String> streams() {
        return List.copyOf(streams);
    }

    record Media(byte[] bytes, String contentType) {
    }

    final List<String> streams = new java.util.ArrayList<>();
    final List<String> reports = new java.util.ArrayList<>();
    final Map<Long, dev.resonance.api.client.ClientActions.PlayQueue> queues = new HashMap<>();
    final Set<Long> playingElsewhere = new java.util.HashSet<>();

    /** Whether another device of the user is playing now (a play queue save is then refused). */
    public synchronized void playingElsewhere(long userId, boolean playing) {
        if (playing) {
            playingElsewhere.add(userId);
        } else {
            playingElsewhere.remove(userId);
        }
    }

    /**
     * The user has a bookmark of the song ({@code ClientActions.bookmarks}), saved first at {@code created} and last at
     * {@code changed}; replaces one the user had of it. For bookmarks made before the test; a session's
     * {@code bookmark} keeps them the same way.
     */
    public synchronized void bookmark(long userId, long songId, long positionMs, Optional<String> comment, Instant created,
                                      Instant changed) {
        if (!songs.containsKey(songId) || positionMs < 0) {
            throw new IllegalArgumentException("no song " + songId + ", or a negative position");
        }
        bookmarks.computeIfAbsent(userId, u -> new LinkedHashMap<>())
            .put(songId, new BookmarkEntry(songId, positionMs, comment, created, changed));
    }

    /** A bookmark as {@link #bookmark} or a session's {@code bookmark} left it. */
    record BookmarkEntry(long songId, long positionMs, Optional<String> comment, Instant created, Instant changed) {
        BookmarkEntry {
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(changed, "changed");
        }
    }

    /** userId → songId → the user's bookmark of it. */
    final Map<Long, Map<Long, BookmarkEntry>> bookmarks = new HashMap<>();

    /** The player reports of {@code ClientActions.report}, oldest first, as "userId:songId:STATE:positionMs[:nowPlayingOnly]". */
    public synchronized List<String> reports() {
        return List.copyOf(reports);
    }

    final Map<Long, Media> audio = new HashMap<>();
    final Map<Long, Media> images = new HashMap<>();
    final Map<Long, PlaylistEntry> playlists = new java.util.TreeMap<>();
    final List<String> nowPlaying = new java.util.ArrayList<>();
    /** userId → "songId@startedAt" of the listens reported: one listen per play. */
    final Map<Long, Set<String>> listens = new HashMap<>();
    long nextPlaylistId = 1;

    /** A playlist: its owner, name, comment, whether public, and its songs in order. Changed in place; read by views. */
    public static final class PlaylistEntry {
        final long id;
        final long ownerId;
        final String ownerName;
        String name;
        String comment = "";
        boolean isPublic;
        final List<Long> songIds;
        final Instant created;
        Instant changed;

        PlaylistEntry(long id, long ownerId, String ownerName, String name, List<Long> songIds, Instant created) {
            this.id = id;
            this.ownerId = ownerId;
            this.ownerName = ownerName;
            this.name = name;
            this.songIds = new java.util.ArrayList<>(songIds);
            this.created = created;
            this.changed = created;
        }

        public long id() {
            return id;
        }

        public String name() {
            return name;
        }

        public String comment() {
            return comment;
        }

        public boolean isPublic() {
            return isPublic;
        }

        /** The songs, in order. */
        public List<Long> songIds() {
            return List.copyOf(songIds);
        }

        public PlaylistEntry makePublic(boolean isPublic) {
            this.isPublic = isPublic;
            return this;
        }
    }

    /** The user rates the artist, album or song (1 to 5). */
    public synchronized void rate(long userId, Kind kind, long id, int rating) {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("a rating is 1 to 5: " + rating);
        }
        marks(userId, kind, id).rating = Optional.of(rating);
    }

    /** The user played the song (once more) at {@code at}; albums and artists count the plays of their songs. */
    public synchronized void play(long userId, long songId, Instant at) {
        if (!songs.containsKey(songId)) {
            throw new IllegalArgumentException("no song " + songId);
        }
        UserMarks song = marks(userId, Kind.SONG, songId);
        song.plays++;
        if (song.lastPlayed.isEmpty() || song.lastPlayed.get().isBefore(at)) {
            song.lastPlayed = Optional.of(at);
        }
    }

    /** The catalog as this user sees it (what a session of theirs hands out). */
    public TestClientCatalog catalogFor(Caller caller) {
        return new TestClientCatalog(this, caller);
    }

    /** What a mark is on. */
    public enum Kind { ARTIST, ALBUM, SONG }

    /** The user's marks on an item (made when missing). */
    UserMarks marksOf(long userId, Kind kind, long id) {
        return marks(userId, kind, id);
    }

    private UserMarks marks(long userId, Kind kind, long id) {
        boolean exists = switch (kind) {
            case ARTIST -> artists.containsKey(id);
            case ALBUM -> albums.containsKey(id);
            case SONG -> songs.containsKey(id);
        };
        if (!exists) {
            throw new IllegalArgumentException("no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id);
        }
        return marks.computeIfAbsent(userId, u -> new HashMap<>()).computeIfAbsent(kind + ":" + id, k -> new UserMarks());
    }

    private long firstLibrary() {
        if (libraries.isEmpty()) {
            libraries.put(1L, "Music");
        }
        return libraries.keySet().iterator().next();
    }

    private void requireArtist(long id) {
        if (!artists.containsKey(id)) {
            throw new IllegalArgumentException("no artist " + id + ": add it first");
        }
    }

    static final class UserMarks {
        Optional<Instant> liked = Optional.empty();
        Optional<Integer> rating = Optional.empty();
        long plays;
        Optional<Instant> lastPlayed = Optional.empty();
    }

    /** An artist as the test describes it. */
    public final class ArtistEntry {
        final long id;
        final String name;
        String sortName;
        Optional<UUID> mbid = Optional.empty();
        Optional<Long> imageId = Optional.empty();

        ArtistEntry(long id, String name) {
            this.id = id;
            this.name = Objects.requireNonNull(name, "name");
            this.sortName = name;
        }

        public ArtistEntry sortName(String sortName) {
            synchronized (TestClientLibrary.this) {
                this.sortName = Objects.requireNonNull(sortName, "sortName");
            }
            return this;
        }

        public ArtistEntry mbid(UUID mbid) {
            synchronized (TestClientLibrary.this) {
                this.mbid = Optional.of(mbid);
            }
            return this;
        }

        public ArtistEntry imageId(long imageId) {
            synchronized (TestClientLibrary.this) {
                this.imageId = Optional.of(imageId);
            }
            return this;
        }
    }

    /** An album as the test describes it. */
    public final class AlbumEntry {
        final long id;
        final String title;
        final List<Long> artistIds;
        long library;
        Optional<Integer> year = Optional.empty();
        Optional<String> releaseDate = Optional.empty();
        Optional<String> originalDate = Optional.empty();
        boolean compilation;
        List<String> genres = List.of();
        Optional<Long> coverImageId = Optional.empty();
        Optional<String> label = Optional.empty();
        Optional<UUID> mbid = Optional.empty();
        Instant addedAt = ADDED;

        AlbumEntry(long id, String title, List<Long> artistIds, long library) {
            this.id = id;
            this.title = Objects.requireNonNull(title, "title");
            this.artistIds = List.copyOf(artistIds);
            this.library = library;
        }

        /** Moves the album, and the songs added after this call, to another library (added before). */
        public AlbumEntry library(long libraryId) {
            synchronized (TestClientLibrary.this) {
                if (!libraries.containsKey(libraryId)) {
                    throw new IllegalArgumentException("no library " + libraryId + ": add it first");
                }
                this.library = libraryId;
            }
            return this;
        }

        public AlbumEntry year(int year) {
            synchronized (TestClientLibrary.this) {
                this.year = Optional.of(year);
            }
            return this;
        }

        /** As tagged: {@code 2010}, {@code 2010-05} or {@code 2010-05-17}. */
        public AlbumEntry releaseDate(String date) {
            synchronized (TestClientLibrary.this) {
                this.releaseDate = Optional.of(date);
            }
            return this;
        }

        public AlbumEntry originalDate(String date) {
            synchronized (TestClientLibrary.this) {
                this.originalDate = Optional.of(date);
            }
            return this;
        }

        public AlbumEntry compilation(boolean compilation) {
            synchronized (TestClientLibrary.this) {
                this.compilation = compilation;
            }
            return this;
        }

        public AlbumEntry genres(String... genres) {
            synchronized (TestClientLibrary.this) {
                this.genres = List.of(genres);
            }
            return this;
        }

        public AlbumEntry coverImageId(long imageId) {
            synchronized (TestClientLibrary.this) {
                this.coverImageId = Optional.of(imageId);
            }
            return this;
        }

        public AlbumEntry label(String label) {
            synchronized (TestClientLibrary.this) {
                this.label = Optional.of(label);
            }
            return this;
        }

        public AlbumEntry mbid(UUID mbid) {
            synchronized (TestClientLibrary.this) {
                this.mbid = Optional.of(mbid);
            }
            return this;
        }

        public AlbumEntry addedAt(Instant at) {
            synchronized (TestClientLibrary.this) {
                this.addedAt = Objects.requireNonNull(at, "at");
            }
            return this;
        }
    }

    /** A song as the test describes it. */
    public final class SongEntry {
        final long id;
        final String title;
        final Optional<Long> albumId;
        List<Long> artistIds;
        final long library;
        Optional<String> artistName = Optional.empty();
        Optional<Integer> disc = Optional.empty();
        Optional<Integer> track = Optional.empty();
        Optional<Integer> year = Optional.empty();
        List<String> genres = List.of();
        long durationMs = 180_000;
        AudioFile file = new AudioFile("flac", "audio/flac", "flac", 20_000_000, 880, 44_100, 16, 2);
        Optional<Long> coverImageId = Optional.empty();
        ReplayGain replayGain = new ReplayGain(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Optional<Float> bpm = Optional.empty();
        Optional<String> isrc = Optional.empty();
        Optional<UUID> mbid = Optional.empty();
        boolean hasLyrics;
        Instant addedAt = ADDED;

        SongEntry(long id, String title, Optional<Long> albumId, List<Long> artistIds, long library) {
            this.id = id;
            this.title = Objects.requireNonNull(title, "title");
            this.albumId = albumId;
            this.artistIds = List.copyOf(artistIds);
            this.library = library;
        }

        /** The credited performers (artists added before), in order. */
        public SongEntry artists(long... artistIds) {
            synchronized (TestClientLibrary.this) {
                List<Long> ids = new ArrayList<>();
                for (long artist : artistIds) {
                    requireArtist(artist);
                    ids.add(artist);
                }
                this.artistIds = List.copyOf(ids);
            }
            return this;
        }

        /** The display artist as tagged ({@code A feat. B}); by default the credited names joined by " & ". */
        public SongEntry displayArtist(String artist) {
            synchronized (TestClientLibrary.this) {
                this.artistName = Optional.of(artist);
            }
            return this;
        }

        public SongEntry disc(int disc) {
            synchronized (TestClientLibrary.this) {
                this.disc = Optional.of(disc);
            }
            return this;
        }

        public SongEntry track(int track) {
            synchronized (TestClientLibrary.this) {
                this.track = Optional.of(track);
            }
            return this;
        }

        /** The song's year; by default its album's. */
        public SongEntry year(int year) {
            synchronized (TestClientLibrary.this) {
                this.year = Optional.of(year);
            }
            return this;
        }

        /** The song's genres; by default its album's. */
        public SongEntry genres(String... genres) {
            synchronized (TestClientLibrary.this) {
                this.genres = List.of(genres);
            }
            return this;
        }

        public SongEntry durationMs(long durationMs) {
            synchronized (TestClientLibrary.this) {
                this.durationMs = durationMs;
            }
            return this;
        }

        /** The original file; by default a 20 MB 16-bit 44.1 kHz stereo FLAC at 880 kbit/s. */
        public SongEntry file(AudioFile file) {
            synchronized (TestClientLibrary.this) {
                this.file = Objects.requireNonNull(file, "file");
            }
            return this;
        }

        /** The song's own cover; by default its album's. */
        public SongEntry coverImageId(long imageId) {
            synchronized (TestClientLibrary.this) {
                this.coverImageId = Optional.of(imageId);
            }
            return this;
        }

        public SongEntry replayGain(ReplayGain gain) {
            synchronized (TestClientLibrary.this) {
                this.replayGain = Objects.requireNonNull(gain, "gain");
            }
            return this;
        }

        public SongEntry bpm(float bpm) {
            synchronized (TestClientLibrary.this) {
                this.bpm = Optional.of(bpm);
            }
            return this;
        }

        public SongEntry isrc(String isrc) {
            synchronized (TestClientLibrary.this) {
                this.isrc = Optional.of(isrc);
            }
            return this;
        }

        public SongEntry mbid(UUID mbid) {
            synchronized (TestClientLibrary.this) {
                this.mbid = Optional.of(mbid);
            }
            return this;
        }

        public SongEntry hasLyrics(boolean hasLyrics) {
            synchronized (TestClientLibrary.this) {
                this.hasLyrics = hasLyrics;
            }
            return this;
        }

        public SongEntry addedAt(Instant at) {
            synchronized (TestClientLibrary.this) {
                this.addedAt = Objects.requireNonNull(at, "at");
            }
            return this;
        }
    }
}
