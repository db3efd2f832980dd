package dev.resonance.api.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The user's playlists as a client app manages them ({@link ClientSession#playlists()}): the same playlists as the web
 * app's (edits reach the user's devices and collaborators live). Songs are addressed by their index in the list the
 * app was given, as client protocols do. {@code ResonanceException}: {@code NOT_FOUND} for a playlist the user
 * cannot see, {@code FORBIDDEN} for one they may not change or without {@code OwnPlaylists}, {@code INVALID} for a bad
 * name or index, {@code CONFLICT} past the size limit.
 */
@ProviderType
public interface ClientPlaylists {

    /**
     * A playlist.
     *
     * @param comment its description, empty when none
     * @param owner the owner's username
     * @param isPublic whether every user may see it
     * @param editable whether this user may change its songs (owner or collaborator)
     * @param coverImageId its cover, or the first album cover in it, when there is one
     */
    record Playlist(long id, String name, String comment, String owner, boolean isPublic, boolean editable, int songCount,
                    long durationMs, Optional<Long> coverImageId, Instant created, Instant changed) {
        public Playlist {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(coverImageId, "coverImageId");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(changed, "changed");
        }
    }

    /** A playlist with the songs in it this user can see, in order. */
    record PlaylistSongs(Playlist playlist, List<Song> songs) {
        public PlaylistSongs {
            Objects.requireNonNull(playlist, "playlist");
            songs = List.copyOf(songs);
        }
    }

    /** The user's own and collaborative playlists, then other users' public ones, by name. */
    List<Playlist> playlists();

    Optional<PlaylistSongs> playlist(long id);

    /** A new playlist of the user's, private, with these songs ({@code NOT_FOUND}, and none made, for one the user cannot see). */
    PlaylistSongs create(String name, List<Long> songIds);

    /** Replaces every song of the playlist with {@code songIds}. */
    PlaylistSongs replaceSongs(long id, List<Long> songIds);

    /**
     * Changes what is given: name, comment, public; removes the songs at {@code removeIndexes} (indexes into
     * {@link #playlist}'s songs, as the app last read them) and then appends {@code addSongIds}.
     */
    void update(long id, Optional<String> name, Optional<String> comment, Optional<Boolean> isPublic, List<Long> addSongIds,
                List<Integer> removeIndexes);

    /** Deletes the user's own playlist. */
    void delete(long id);
}
