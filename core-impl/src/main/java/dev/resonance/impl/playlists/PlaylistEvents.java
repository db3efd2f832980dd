package dev.resonance.impl.playlists;

import dev.resonance.api.auth.Caller;
import dev.resonance.impl.events.EventLog;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The playlist events (docs/sync-protocol.md) and their delivery: appended to every member's log in the transaction
 * of the change, members in ascending user id (two transactions on different playlists with common members take the
 * members' log rows in the same order, so they cannot deadlock), and published after commit. Every payload carries the
 * playlist's version after the change: one change, one version, one event per member.
 */
final class PlaylistEvents {

    static final String CREATED = "playlist.created";
    static final String UPDATED = "playlist.updated";
    static final String DELETED = "playlist.deleted";
    static final String ENTRIES_ADDED = "playlist.entries.added";
    static final String ENTRIES_REMOVED = "playlist.entries.removed";
    static final String ENTRIES_MOVED = "playlist.entries.moved";
    static final String COLLABORATORS_CHANGED = "playlist.collaborators.changed";

    record Created(long playlistId, long version, PlaylistViews.Summary playlist, List<PlaylistViews.EntryRef> entries) {
    }

    record Updated(long playlistId, long version, PlaylistViews.Summary playlist) {
    }

    record Deleted(long playlistId, long version) {
    }

    /** {@code after}: the entry the new ones follow (null: at the start); {@code entries} in their order. */
    record EntriesAdded(long playlistId, long version, Optional<Long> after, List<PlaylistViews.EntryRef> entries,
                        int trackCount, long durationMs, List<Long> mosaic) {
    }

    record EntriesRemoved(long playlistId, long version, List<Long> entryIds, int trackCount, long durationMs, List<Long> mosaic) {
    }

    /** Take {@code entryIds} out and put them, in this order, after {@code after} (null: at the start). */
    record EntriesMoved(long playlistId, long version, Optional<Long> after, List<Long> entryIds, List<Long> mosaic) {
    }

    /** {@code change}: added, removed or left; {@code user}: who joined or went. */
    record CollaboratorsChanged(long playlistId, long version, String change, PlaylistViews.UserRef user,
                                PlaylistViews.Summary playlist, List<PlaylistViews.Collaborator> collaborators) {
    }

    /** Events appended in one transaction, to publish once it committed. */
    static final class Outbox {
        private record Appended(long userId, UserEvent event) {
        }

        private final List<Appended> appended = new ArrayList<>();

        /** Appends {@code payload} to the log of every member (ascending ids) as caused by the caller's device. */
        void append(Connection c, Caller caller, List<Long> members, String type, Object payload) throws SQLException {
            for (long member : members.stream().sorted().distinct().toList()) {
                appended.add(new Appended(member, EventLog.append(c, member, Optional.of(caller.deviceId()), type, payload)));
            }
        }

        void publish(EventPublisher publisher) {
            appended.forEach(a -> publisher.published(a.userId(), a.event()));
        }
    }

    private PlaylistEvents() {
    }
}
