package dev.resonance.api.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a signed-in user does from a client app ({@link ClientSession#actions()}): the same likes, ratings, plays and
 * shared queue as the web app's, so each change reaches the user's other devices live through sync, and the user's
 * bookmarks (saved positions in songs). Each call is one short transaction. {@code ResonanceException}: {@code NOT_FOUND} for an item the user cannot see, {@code FORBIDDEN}
 * without the permission ({@code LikeContent} to like and rate, {@code AccessCatalog} for the rest),
 * {@code INVALID} for a value out of range, {@code UNAVAILABLE} when the database is down.
 */
@ProviderType
public interface ClientActions {

    /** What can be liked or rated. */
    enum Kind { SONG, ALBUM, ARTIST }

    /** Likes the item ("star"); liking it again changes nothing. */
    void like(Kind kind, long id);

    /** Takes the like back ("unstar"); nothing happens when there was none. */
    void unlike(Kind kind, long id);

    /** Rates the item 1 to 5, or removes the rating with 0. */
    void rate(Kind kind, long id, int rating);

    /**
     * The app started playing a song on this device: it shows as what the user is listening to (and plugins that
     * announce it hear of it); a song it then reports {@link #played} counts as heard from here.
     */
    void nowPlaying(long songId);

    /**
     * The app played a song to the end (or far enough to count, by its own rule), which started at {@code startedAt}
     * (when empty: it has just ended): it becomes a listen in the user's history, counts in play counts and reaches scrobbling
     * plugins (a repeated report of the same play, same song and start, is counted once).
     */
    void played(long songId, Optional<Instant> startedAt);

    /** Where an app's player is, as it reports it ({@link #report}). */
    enum PlayerState {
        /** Loading or buffering the song: a new play of it begins, its clock not running yet. */
        STARTING,
        /** Playing at the position. */
        PLAYING,
        /** Paused at the position. */
        PAUSED,
        /** Stopped: the play ends (a listen if enough of it was heard). */
        STOPPED
    }

    /**
     * The app's player timeline, as the web player reports it: the server follows the play (heard time between
     * reports, capped by the song; a seek earns nothing) and makes it a listen by its own rule when it ends, once; the
     * song shows as what the user is listening to. With {@code nowPlayingOnly}, only the start is told (what the user
     * listens to) and nothing is counted: no listen, no play count.
     */
    void report(long songId, PlayerState state, long positionMs, boolean nowPlayingOnly);

    /**
     * One of the user's players and the song it is on now ({@link #playingNow}).
     *
     * @param song the song
     * @param deviceId the player's device (an app password's, or a web or mobile app signed in)
     * @param device the device's name, as the user's device list shows it
     * @param updatedAt when the player last told the server about it (server time)
     * @param state where the player is: {@link PlayerState#PLAYING} or {@link PlayerState#PAUSED} (a song loading, or
     *     reported only as started, is paused until it plays)
     * @param positionMs how far into the song playback is now (reckoned from the last report while it plays)
     */
    record NowPlaying(Song song, long deviceId, String device, Instant updatedAt, PlayerState state, long positionMs) {
        public NowPlaying {
            Objects.requireNonNull(song, "song");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * What the user's own players play now, most recently updated first: each device of theirs (this app, the web app,
     * other apps) whose last report — {@link #nowPlaying}, {@link #report}, the web app's playback — names a song it has
     * not stopped, and is recent: while it plays, until the song would have ended (and a little longer); while paused,
     * for {@value #PAUSED_SHOWN_MINUTES} minutes. Only the user's own: other users' listening is never shown. Songs the
     * user can no longer see are left out.
     *
     * @since 1.1 of {@code dev.resonance.api.client}
     */
    List<NowPlaying> playingNow();

    /** How long a paused player still shows in {@link #playingNow}, in minutes. */
    int PAUSED_SHOWN_MINUTES = 10;

    /**
     * The queue the user's devices share (the web app's "Devices"): its songs, the current one's index and how far
     * into it playback is now, when it last changed and on which device.
     */
    record PlayQueue(List<Long> songIds, Optional<Integer> current, long positionMs, Instant changedAt, Optional<String> changedBy) {
        public PlayQueue {
            songIds = List.copyOf(songIds);
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(changedAt, "changedAt");
            Objects.requireNonNull(changedBy, "changedBy");
        }
    }

    /**
     * Starts a scan of every library (a full one reads every file again, a quick one what changed); needs
     * {@code EditCatalog}. Nothing happens while a scan runs already; {@code CONFLICT} when no library is set up.
     */
    void startScan(boolean full);

    /** The longest comment a {@link Bookmark} keeps, in characters (Unicode code points). */
    int MAX_BOOKMARK_COMMENT = 1000;

    /**
     * A saved position in a song, one per user and song ({@link #bookmark}): where to continue an audiobook chapter or
     * a long mix, on any of the user's apps. Only the user's own: no one else sees them.
     *
     * @param song the song, as {@link ClientCatalog#song} reads it now
     * @param positionMs where in the song, in milliseconds
     * @param comment the user's note, when they gave one
     * @param created when the user first bookmarked the song (server time)
     * @param changed when the bookmark was last saved (server time; {@code created} until it is saved again)
     * @since 1.1 of {@code dev.resonance.api.client}
     */
    record Bookmark(Song song, long positionMs, Optional<String> comment, Instant created, Instant changed) {
        public Bookmark {
            Objects.requireNonNull(song, "song");
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(changed, "changed");
            if (positionMs < 0) {
                throw new IllegalArgumentException("positionMs must not be negative");
            }
        }
    }

    /**
     * The user's bookmarks, most recently saved first. Bookmarks of songs the user can no longer see (a library taken
     * from them, a file gone missing) are left out, and come back when the song does.
     *
     * @since 1.1 of {@code dev.resonance.api.client}
     */
    List<Bookmark> bookmarks();

    /**
     * Saves the user's bookmark of a song at {@code positionMs}, with a comment or none; a bookmark the user had of the
     * song is replaced (position and comment; {@link Bookmark#created} stays, {@link Bookmark#changed} moves). A blank
     * comment is none. {@code NOT_FOUND} for a song the user cannot see; {@code INVALID} for a negative position or a
     * comment longer than {@value #MAX_BOOKMARK_COMMENT} characters. The position is not checked against the song's
     * duration (a file may be rescanned shorter; an app resumes at the end).
     *
     * @since 1.1 of {@code dev.resonance.api.client}
     */
    void bookmark(long songId, long positionMs, Optional<String> comment);

    /**
     * Deletes the user's bookmark of a song (never another user's); nothing happens when there was none.
     * {@code NOT_FOUND} only for a song the user has no bookmark of and cannot see (an id that names nothing), so a
     * bookmark of a song that became invisible can still be deleted.
     *
     * @since 1.1 of {@code dev.resonance.api.client}
     */
    void deleteBookmark(long songId);

    /** The shared queue; empty when there is none. */
    Optional<PlayQueue> playQueue();

    /**
     * Makes the app's queue the shared one (Connect's): the app's device becomes the active device, paused at
     * {@code positionMs} into the song at {@code current}, and the user's other devices show it and can continue from
     * there. {@code CONFLICT} while another device of the user is playing (the user listens there now); an empty list
     * clears the queue.
     */
    void savePlayQueue(List<Long> songIds, int current, long positionMs);
}
