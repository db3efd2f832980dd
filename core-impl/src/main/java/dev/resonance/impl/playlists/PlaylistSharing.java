package dev.resonance.impl.playlists;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.auth.AuthService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Who shares a playlist: the owner adds collaborators by username or hands out invite links; a collaborator may leave,
 * the owner may remove one. Collaborators exist only on collaborative playlists; when the owner turns collaboration
 * off they stay members (they read the playlist and get its events) but may no longer edit it.
 */
public final class PlaylistSharing {

    static final Duration DEFAULT_INVITE_LIFETIME = Duration.ofDays(7);
    static final int MAX_INVITE_HOURS = 30 * 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PlaylistsService playlists;
    private final Clock clock;

    public PlaylistSharing(PlaylistsService playlists, Clock clock) {
        this.playlists = playlists;
        this.clock = clock;
    }

    public PlaylistViews.Sharing collaborators(Caller caller, long id) {
        return playlists.change((c, outbox) -> {
            PlaylistStore.read(c, caller, id, PlaylistStore.Need.READ);
            return sharing(c, caller, id);
        });
    }

    /** Adds the user as a collaborator (owner only; the playlist must be collaborative). Adding one twice changes nothing. */
    public PlaylistViews.Sharing add(Caller caller, long id, String username) {
        if (username == null || username.isBlank()) {
            throw ResonanceException.invalid("invalid_field", "username must not be empty");
        }
        return playlists.change((c, outbox) -> {
            PlaylistStore.Row row = PlaylistStore.lock(c, caller, id, PlaylistStore.Need.OWNER);
            requireCollaborative(row);
            PlaylistViews.UserRef user = user(c, username);
            join(c, caller, outbox, row, user, "added");
            return sharing(c, caller, id);
        });
    }

    /** Removes a collaborator: the owner removes anyone, a collaborator removes themself (leaves). */
    public PlaylistViews.Sharing remove(Caller caller, long id, long userId) {
        return playlists.change((c, outbox) -> {
            PlaylistStore.Row row = PlaylistStore.lock(c, caller, id, userId == caller.userId() ? PlaylistStore.Need.READ : PlaylistStore.Need.OWNER);
            if (userId == row.ownerId()) {
                throw ResonanceException.invalid("owner_cannot_leave", "The owner cannot leave playlist " + id + ": delete it instead");
            }
            List<Long> members = PlaylistStore.members(c, id);
            String username;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM playlist_collaborators pc USING users u"
                    + " WHERE pc.playlist_id = ? AND pc.user_id = ? AND u.id = pc.user_id RETURNING u.username")) {
                ps.setLong(1, id);
                ps.setLong(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ResonanceException.notFound("not_a_collaborator", "User " + userId + " is not a collaborator of playlist " + id);
                    }
                    username = rs.getString(1);
                }
            }
            changed(c, caller, outbox, id, members, userId == caller.userId() ? "left" : "removed", new PlaylistViews.UserRef(userId, username));
            return userId == caller.userId() ? new PlaylistViews.Sharing(PlaylistStore.summary(c, id), PlaylistStore.collaborators(c, id))
                    : sharing(c, caller, id);
        });
    }

    /** A new invite link (owner only; the playlist must be collaborative). The token is shown only here. */
    public PlaylistViews.Invite invite(Caller caller, long id, Optional<Integer> expiresInHours) {
        Duration lifetime = expiresInHours.map(h -> {
            if (h < 1 || h > MAX_INVITE_HOURS) {
                throw ResonanceException.invalid("invalid_field", "expiresInHours must be from 1 to " + MAX_INVITE_HOURS);
            }
            return Duration.ofHours(h);
        }).orElse(DEFAULT_INVITE_LIFETIME);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expires = clock.instant().plus(lifetime);
        return playlists.change((c, outbox) -> {
            requireCollaborative(PlaylistStore.lock(c, caller, id, PlaylistStore.Need.OWNER));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO playlist_invites (playlist_id, token_hash, created_by, expires_at)"
                    + " VALUES (?, ?, ?, ?) RETURNING id, created_at")) {
                ps.setLong(1, id);
                ps.setBytes(2, AuthService.sha256(token));
                ps.setLong(3, caller.userId());
                ps.setTimestamp(4, Timestamp.from(expires));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new PlaylistViews.Invite(rs.getLong(1), Optional.of(token), rs.getTimestamp(2).toInstant(), expires, Optional.empty());
                }
            }
        });
    }

    /** The playlist's invite links, newest first, without their tokens (owner only). */
    public List<PlaylistViews.Invite> invites(Caller caller, long id) {
        return playlists.change((c, outbox) -> {
            PlaylistStore.read(c, caller, id, PlaylistStore.Need.OWNER);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, created_at, expires_at, revoked_at FROM playlist_invites"
                    + " WHERE playlist_id = ? ORDER BY id DESC")) {
                ps.setLong(1, id);
                List<PlaylistViews.Invite> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp revoked = rs.getTimestamp(4);
                        found.add(new PlaylistViews.Invite(rs.getLong(1), Optional.empty(), rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant(), Optional.ofNullable(revoked).map(Timestamp::toInstant)));
                    }
                }
                return found;
            }
        });
    }

    /** Revokes an invite link (owner only); revoking it again changes nothing. */
    public void revoke(Caller caller, long id, long inviteId) {
        playlists.change((c, outbox) -> {
            PlaylistStore.lock(c, caller, id, PlaylistStore.Need.OWNER);
            try (PreparedStatement ps = c.prepareStatement("UPDATE playlist_invites SET revoked_at = coalesce(revoked_at, now())"
                    + " WHERE id = ? AND playlist_id = ?")) {
                ps.setLong(1, inviteId);
                ps.setLong(2, id);
                if (ps.executeUpdate() == 0) {
                    throw ResonanceException.notFound("invite_not_found", "Playlist " + id + " has no invite " + inviteId);
                }
            }
            return null;
        });
    }

    /** Joins the playlist of an invite link as a collaborator (its owner joining changes nothing). */
    public PlaylistViews.Sharing join(Caller caller, String token) {
        if (token == null || token.isBlank()) {
            throw ResonanceException.invalid("invalid_field", "token must not be empty");
        }
        Instant now = clock.instant();
        return playlists.change((c, outbox) -> {
            long playlistId;
            try (PreparedStatement ps = c.prepareStatement("SELECT playlist_id, expires_at, revoked_at FROM playlist_invites WHERE token_hash = ?")) {
                ps.setBytes(1, AuthService.sha256(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ResonanceException.notFound("invite_not_found", "This invite link is not valid");
                    }
                    if (rs.getTimestamp(3) != null) {
                        throw ResonanceException.gone("invite_revoked", "This invite link was revoked by the playlist's owner");
                    }
                    if (!rs.getTimestamp(2).toInstant().isAfter(now)) {
                        throw ResonanceException.gone("invite_expired", "This invite link has expired: ask the owner for a new one");
                    }
                    playlistId = rs.getLong(1);
                }
            }
            PlaylistStore.Row row = lockForJoin(c, caller, playlistId);
            requireCollaborative(row);
            if (!row.owner()) {
                join(c, caller, outbox, row, new PlaylistViews.UserRef(caller.userId(), caller.username()), "added");
            }
            return sharing(c, caller, playlistId);
        });
    }

    /** The invite is the caller's right to see the playlist: lock it as its owner would see it. */
    private static PlaylistStore.Row lockForJoin(Connection c, Caller caller, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner_id, public, collaborative, version, track_count, duration_ms"
                + " FROM playlists WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ResonanceException.notFound("invite_not_found", "This invite link is not valid");
                }
                return new PlaylistStore.Row(id, rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3), rs.getLong(4), rs.getInt(5),
                        rs.getLong(6), rs.getLong(1) == caller.userId(), false);
            }
        }
    }

    private static void join(Connection c, Caller caller, PlaylistEvents.Outbox outbox, PlaylistStore.Row row,
                             PlaylistViews.UserRef user, String change) throws SQLException {
        if (user.id() == row.ownerId()) {
            throw ResonanceException.conflict("already_owner", user.username() + " owns playlist " + row.id());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO playlist_collaborators (playlist_id, user_id) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            ps.setLong(1, row.id());
            ps.setLong(2, user.id());
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        changed(c, caller, outbox, row.id(), PlaylistStore.members(c, row.id()), change, user);
    }

    /** Bumps the version and tells {@code members} (before and after the change) who joined or went. */
    private static void changed(Connection c, Caller caller, PlaylistEvents.Outbox outbox, long id, List<Long> members, String change,
                                PlaylistViews.UserRef user) throws SQLException {
        PlaylistStore.Bumped bumped = PlaylistStore.bump(c, id, 0, 0);
        outbox.append(c, caller, members, PlaylistEvents.COLLABORATORS_CHANGED, new PlaylistEvents.CollaboratorsChanged(id,
                bumped.version(), change, user, PlaylistStore.summary(c, id), PlaylistStore.collaborators(c, id)));
    }

    private static void requireCollaborative(PlaylistStore.Row row) {
        if (!row.collaborative()) {
            throw ResonanceException.conflict("not_collaborative", "Playlist " + row.id() + " is not collaborative: make it collaborative first");
        }
    }

    private static PlaylistViews.UserRef user(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, username FROM users WHERE lower(username) = lower(?) AND NOT disabled")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ResonanceException.notFound("unknown_user", "No user " + username);
                }
                return new PlaylistViews.UserRef(rs.getLong(1), rs.getString(2));
            }
        }
    }

    private static PlaylistViews.Sharing sharing(Connection c, Caller caller, long id) throws SQLException {
        return new PlaylistViews.Sharing(PlaylistsService.viewed(c, caller, id), PlaylistStore.collaborators(c, id));
    }
}
