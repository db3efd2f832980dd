package dev.resonance.plugin.testkit;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.ClientActions;
import dev.resonance.api.error.ResonanceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One user's {@link ClientActions} over a {@link TestClientLibrary}, as the server keeps them: likes and ratings
 * become the user's marks (read back through {@link TestClientCatalog}); {@link #played} adds a play once per song and
 * start; {@link #nowPlaying} is recorded ({@link TestClientLibrary#nowPlaying()}) and, with {@link #report}, keeps the
 * session's player for {@link #playingNow}; bookmarks are kept per user in the library
 * ({@link TestClientLibrary#bookmark}) as the server keeps them. Items the user cannot see are
 * {@code NOT_FOUND}; liking and rating need {@code LikeContent}, the rest {@code AccessCatalog} ({@code FORBIDDEN});
 * a rating outside 0–5 is {@code INVALID}. Thread-safe.
 */
public final class TestClientActions implements ClientActions {

    private final TestClientLibrary library;
    private final TestClientCatalog view;
    private final Caller caller;
    private final Clock clock;

    public TestClientActions(TestClientLibrary library, TestClientCatalog view, Caller caller, Clock clock) {
        this.library = Objects.requireNonNull(library, "library");
        this.view = Objects.requireNonNull(view, "view");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private void require(Permission permission) {
        if (!caller.has(permission)) {
            throw ResonanceException.forbidden("permission_denied", "This needs the " + permission.apiName() + " permission");
        }
    }

    private TestClientLibrary.Kind visible(Kind kind, long id) {
        boolean sees = switch (kind) {
            case SONG -> view.song(id).isPresent();
            case ALBUM -> view.album(id).isPresent();
            case ARTIST -> view.artist(id).isPresent();
        };
        if (!sees) {
            throw ResonanceException.notFound("No " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id);
        }
        return TestClientLibrary.Kind.valueOf(kind.name());
    }

    @Override
    public void like(Kind kind, long id) {
        require(Permission.LIKE_CONTENT);
        TestClientLibrary.Kind k = visible(kind, id);
        synchronized (library) {
            if (library.marksOf(caller.userId(), k, id).liked.isEmpty()) {
                library.like(caller.userId(), k, id, clock.instant());
            }
        }
    }

    @Override
    public void unlike(Kind kind, long id) {
        require(Permission.LIKE_CONTENT);
        library.unlike(caller.userId(), visible(kind, id), id);
    }

    @Override
    public void rate(Kind kind, long id, int rating) {
        require(Permission.LIKE_CONTENT);
        if (rating < 0 || rating > 5) {
            throw ResonanceException.invalid("invalid_field", "rating must be a whole number from 0 (no rating) to 5");
        }
        TestClientLibrary.Kind k = visible(kind, id);
        if (rating == 0) {
            library.unrate(caller.userId(), k, id);
        } else {
            library.rate(caller.userId(), k, id, rating);
        }
    }

    @Override
    public void nowPlaying(long songId) {
        require(Permission.ACCESS_CATALOG);
        visible(Kind.SONG, songId);
        synchronized (library) {
            library.nowPlaying.add(caller.userId() + ":" + songId);
            library.player(caller.userId(), caller.deviceId(), device(), songId, true, 0, clock.instant());
        }
    }

    /**
     * Records the report ({@link TestClientLibrary#reports()}: "userId:songId:STATE:positionMs[:nowPlayingOnly]"); a
     * {@code STOPPED} play that reached half the song (or 4 minutes) counts one play, unless {@code nowPlayingOnly}.
     */
    @Override
    public void report(long songId, PlayerState state, long positionMs, boolean nowPlayingOnly) {
        require(Permission.ACCESS_CATALOG);
        visible(Kind.SONG, songId);
        if (positionMs < 0) {
            throw ResonanceException.invalid("invalid_position", "positionMs must not be negative");
        }
        synchronized (library) {
            library.reports.add(caller.userId() + ":" + songId + ":" + state + ":" + positionMs + (nowPlayingOnly ? ":nowPlayingOnly" : ""));
            if (state == PlayerState.STOPPED) {
                library.playerStopped(caller.userId(), caller.deviceId());
            } else if (!nowPlayingOnly || state == PlayerState.STARTING) {
                // as the server keeps it: a song loading is paused until it plays; nowPlayingOnly tells the start only
                library.player(caller.userId(), caller.deviceId(), device(), songId, state == PlayerState.PLAYING, positionMs,
                    clock.instant());
            }
            if (state == PlayerState.STOPPED && !nowPlayingOnly) {
                long duration = library.songs.get(songId).durationMs;
                if (positionMs >= Math.min(duration / 2, 240_000)) {
                    library.play(caller.userId(), songId, clock.instant());
                }
            }
        }
    }

    /**
     * The user's players ({@link TestClientLibrary#player}, and this session's own through {@link #nowPlaying} and
     * {@link #report}) as the server shows them: playing until the song's reckoned end plus a minute, paused for
     * {@value #PAUSED_SHOWN_MINUTES} minutes after their last report, songs the user can see only, latest first.
     */
    @Override
    public List<NowPlaying> playingNow() {
        require(Permission.ACCESS_CATALOG);
        Instant now = clock.instant();
        synchronized (library) {
            List<NowPlaying> playing = new ArrayList<>();
            for (TestClientLibrary.Player player : library.players.getOrDefault(caller.userId(), Map.of()).values()) {
                Optional<dev.resonance.api.client.Song> song = view.song(player.songId());
                if (song.isEmpty()) {
                    continue;
                }
                long elapsed = Math.max(0, Duration.between(player.at(), now).toMillis());
                long position = player.playing() ? player.positionMs() + elapsed : player.positionMs();
                boolean shown = player.playing() ? position <= song.get().durationMs() + 60_000
                    : elapsed <= Duration.ofMinutes(PAUSED_SHOWN_MINUTES).toMillis();
                if (shown) {
                    playing.add(new NowPlaying(song.get(), player.deviceId(), player.device(), player.at(),
                        player.playing() ? PlayerState.PLAYING : PlayerState.PAUSED, Math.min(position, song.get().durationMs())));
                }
            }
            playing.sort(Comparator.comparing(NowPlaying::updatedAt).reversed().thenComparing(NowPlaying::deviceId));
            return playing;
        }
    }

    private String device() {
        return "device " + caller.deviceId();
    }

    /** Records the scan ({@link TestClientLibrary#scans()}); needs {@code EditCatalog}. */
    @Override
    public void startScan(boolean full) {
        require(Permission.EDIT_CATALOG);
        synchronized (library) {
            library.scans.add(full ? "full" : "quick");
        }
    }

    /** The user's shared queue as {@link #savePlayQueue} left it (one per user, in the library). */
    @Override
    public Optional<PlayQueue> playQueue() {
        require(Permission.ACCESS_CATALOG);
        synchronized (library) {
            return Optional.ofNullable(library.queues.get(caller.userId()));
        }
    }

    /**
     * Saves the queue as the user's shared one, the session's device named {@code "device <id>"}; refused with
     * {@code CONFLICT} ({@code another_device_playing}) while {@link TestClientLibrary#playingElsewhere} says another
     * device of the user plays.
     */
    @Override
    public void savePlayQueue(java.util.List<Long> songIds, int current, long positionMs) {
        require(Permission.ACCESS_CATALOG);
        if (positionMs < 0 || !songIds.isEmpty() && (current < 0 || current >= songIds.size())) {
            throw ResonanceException.invalid("invalid_queue", "The current song must be one of the queue's, at 0 ms or more");
        }
        synchronized (library) {
            if (library.playingElsewhere.contains(caller.userId())) {
                throw ResonanceException.conflict("another_device_playing", "Another device is playing");
            }
            if (songIds.isEmpty()) {
                library.queues.remove(caller.userId());
            } else {
                library.queues.put(caller.userId(), new PlayQueue(songIds, Optional.of(current), positionMs, clock.instant(),
                    Optional.of("device " + caller.deviceId())));
            }
        }
    }

    /** The user's bookmarks of songs they can see, most recently saved first (then by song id), as the server lists them. */
    @Override
    public List<Bookmark> bookmarks() {
        require(Permission.ACCESS_CATALOG);
        synchronized (library) {
            List<Bookmark> found = new ArrayList<>();
            for (TestClientLibrary.BookmarkEntry entry : library.bookmarks.getOrDefault(caller.userId(), Map.of()).values()) {
                view.song(entry.songId()).ifPresent(song -> found.add(new Bookmark(song, entry.positionMs(), entry.comment(),
                    entry.created(), entry.changed())));
            }
            found.sort(Comparator.comparing(Bookmark::changed).reversed().thenComparing(b -> b.song().id()));
            return found;
        }
    }

    /**
     * Saves the bookmark at the clock's time, keeping the first save's {@code created}; a blank comment is none.
     * {@code INVALID} for a negative position or a comment over {@value #MAX_BOOKMARK_COMMENT} characters,
     * {@code NOT_FOUND} for a song the user cannot see.
     */
    @Override
    public void bookmark(long songId, long positionMs, Optional<String> comment) {
        require(Permission.ACCESS_CATALOG);
        if (positionMs < 0) {
            throw ResonanceException.invalid("invalid_position", "positionMs must not be negative");
        }
        Optional<String> note = comment.filter(text -> !text.isBlank());
        if (note.isPresent() && note.get().codePointCount(0, note.get().length()) > MAX_BOOKMARK_COMMENT) {
            throw ResonanceException.invalid("invalid_comment", "A bookmark's comment is at most " + MAX_BOOKMARK_COMMENT + " characters");
        }
        visible(Kind.SONG, songId);
        Instant now = clock.instant();
        synchronized (library) {
            TestClientLibrary.BookmarkEntry before = library.bookmarks.getOrDefault(caller.userId(), Map.of()).get(songId);
            library.bookmark(caller.userId(), songId, positionMs, note, before == null ? now : before.created(), now);
        }
    }

    /** Deletes the user's bookmark of the song; {@code NOT_FOUND} only when there was none and the user cannot see the song. */
    @Override
    public void deleteBookmark(long songId) {
        require(Permission.ACCESS_CATALOG);
        synchronized (library) {
            if (library.bookmarks.getOrDefault(caller.userId(), new java.util.HashMap<>()).remove(songId) == null) {
                visible(Kind.SONG, songId);
            }
        }
    }

    @Override
    public void played(long songId, Optional<Instant> startedAt) {
        require(Permission.ACCESS_CATALOG);
        visible(Kind.SONG, songId);
        Instant now = clock.instant();
        Instant start = startedAt.filter(t -> !t.isAfter(now)).orElse(now);
        synchronized (library) {
            if (library.listens.computeIfAbsent(caller.userId(), u -> new HashSet<>()).add(songId + "@" + start)) {
                library.play(caller.userId(), songId, start);
            }
        }
    }
}
