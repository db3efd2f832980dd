-- Playlists (issue 15): a user's ordered lists of tracks, shared with collaborators, edited concurrently by entry id.

-- One row per playlist. Every edit locks this row (SELECT … FOR UPDATE), so the edits of one playlist are applied one
-- after the other, and bumps `version` by exactly one, appending one event per member in the same transaction: a
-- device that holds version v expects the next event of the playlist to say v + 1 (else it fetches the playlist).
CREATE TABLE playlists (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id        BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            TEXT        NOT NULL CHECK (btrim(name) <> ''),
    description     TEXT        NOT NULL DEFAULT '',
    public          BOOLEAN     NOT NULL DEFAULT FALSE,    -- readable by anyone signed in
    collaborative   BOOLEAN     NOT NULL DEFAULT FALSE,    -- collaborators may edit the entries (and invites work)
    cover_image_id  BIGINT      REFERENCES images (id) ON DELETE SET NULL,   -- uploaded; absent = the album mosaic
    version         BIGINT      NOT NULL DEFAULT 1,
    track_count     INTEGER     NOT NULL DEFAULT 0,        -- kept current by every edit of the entries
    duration_ms     BIGINT      NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX playlists_owner ON playlists (owner_id, id);
CREATE INDEX playlists_public ON playlists (id) WHERE public;

-- The entries, in `position` order. `id` is the entry's stable identity: edits name entries by it, so two devices
-- editing at once never address the wrong row, and a track may be in a playlist any number of times. Positions are
-- gapped (2^32 apart when renumbered): an insert or a move takes numbers between its neighbours and renumbers the
-- playlist (one UPDATE, order unchanged, no event) only when the gap between two neighbours is used up.
CREATE TABLE playlist_entries (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    playlist_id  BIGINT      NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    position     BIGINT      NOT NULL,
    track_id     BIGINT      NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,   -- a purged track leaves its playlists
    added_by     BIGINT      REFERENCES users (id) ON DELETE SET NULL,            -- who added it (kept for the history)
    added_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX playlist_entries_order ON playlist_entries (playlist_id, position, id);
CREATE INDEX playlist_entries_track ON playlist_entries (track_id);

-- Who may edit a collaborative playlist besides its owner (and who gets its events).
CREATE TABLE playlist_collaborators (
    playlist_id  BIGINT      NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    since        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (playlist_id, user_id)
);
CREATE INDEX playlist_collaborators_user ON playlist_collaborators (user_id, playlist_id);

-- Invite links: whoever holds the token may join as a collaborator until it expires or is revoked. Only the SHA-256
-- of the token is stored (a database dump gives nobody a way in).
CREATE TABLE playlist_invites (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    playlist_id  BIGINT      NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    token_hash   BYTEA       NOT NULL UNIQUE,
    created_by   BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX playlist_invites_playlist ON playlist_invites (playlist_id, id);
