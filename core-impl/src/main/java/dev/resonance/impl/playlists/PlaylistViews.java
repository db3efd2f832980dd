package dev.resonance.impl.playlists;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the playlist API and the playlist events show. */
public final class PlaylistViews {

    private PlaylistViews() {
    }

    /** A user as playlists name them (owner, collaborator, who added an entry). */
    public record UserRef(long id, String username) {
    }

    /**
     * A playlist without its entries (lists, the sync snapshot, events). {@code mosaic}: up to 4 distinct album cover
     * image ids of the first entries, in entry order, for clients to draw when there is no {@code coverImageId}.
     */
    public record Summary(long id, String name, String description, @JsonProperty("public") boolean isPublic,
                          boolean collaborative, UserRef owner, Optional<Long> coverImageId, List<Long> mosaic,
                          int trackCount, long durationMs, long version, Instant createdAt, Instant updatedAt) {
    }

    public record Collaborator(long id, String username, Instant since) {
    }

    /** One entry with its track (the fields a track list shows; the rest is at {@code /content/tracks/{id}}). */
    public record Entry(long entryId, long trackId, String title, String artist, Optional<Long> albumId, String album,
                        Optional<Long> coverImageId, long durationMs, Optional<UserRef> addedBy, Instant addedAt) {
    }

    /** A playlist with its collaborators and every entry the viewer may see, in order. */
    public record Detail(Summary playlist, List<Collaborator> collaborators, List<Entry> entries) {
    }

    /** One page of entries; {@code version} lets a client see that the playlist changed between its pages. */
    public record EntryPage(List<Entry> items, Optional<String> next, long version) {
    }

    /** An entry as the events carry it: ids only (a device looks the track up in its catalog). */
    public record EntryRef(long entryId, long trackId, Optional<Long> addedBy, Instant addedAt) {
    }

    /**
     * The result of an edit of the entries: the playlist's version after it, the entries it placed (added or moved,
     * in their new order), where they went ({@code after}: the entry they follow, empty = the start) and whether the
     * anchor the client named was gone (then they went to the end), or the entries it removed.
     */
    public record Edit(long playlistId, long version, List<EntryRef> entries, List<Long> removed, Optional<Long> after,
                       boolean anchorMissing, int trackCount, long durationMs) {
    }

    /** Who shares a playlist: the playlist (its version after the change) and its collaborators. */
    public record Sharing(Summary playlist, List<Collaborator> collaborators) {
    }

    /** An invite link; the token is shown once, when it is made. */
    public record Invite(long id, Optional<String> token, Instant createdAt, Instant expiresAt, Optional<Instant> revokedAt) {
    }

    /** A line of an M3U8 import that matched no track. */
    public record Unmatched(int line, String text, String reason) {
    }

    public record ImportReport(Summary playlist, int matched, List<Unmatched> unmatched) {
    }
}
