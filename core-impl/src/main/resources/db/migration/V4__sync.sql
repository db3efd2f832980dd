-- Real-time sync: the per-user event log, likes, user settings, Connect-style playback state and device presence.

-- One row per user: the last sequence number handed out and the highest one pruned. Appending an event does
-- `seq = seq + 1 RETURNING seq` on this row inside the transaction of the change, so writers of one user are
-- serialized by the row lock (writers of different users are not), a rollback gives the number back, and the
-- committed events of a user always form a gapless prefix 1..seq.
CREATE TABLE user_sync (
    user_id         BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    pruned_through  BIGINT NOT NULL DEFAULT 0     -- events 1..pruned_through are gone: older cursors get 410
);

CREATE TABLE user_events (
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seq        BIGINT      NOT NULL,
    type       TEXT        NOT NULL,              -- 'like.added', 'settings.changed', 'permissions.changed', ...
    payload    JSONB       NOT NULL,
    device_id  BIGINT,                            -- the device that caused it (no FK: a forgotten device keeps its history)
    at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, seq)
);
CREATE INDEX user_events_at ON user_events (at);

-- Likes, one table per kind so each row is tied to its catalog row (purged items drop their likes).
CREATE TABLE liked_tracks (
    user_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id   BIGINT      NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    liked_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_id)
);
CREATE INDEX liked_tracks_recent ON liked_tracks (user_id, liked_at DESC, item_id DESC);

CREATE TABLE liked_albums (
    user_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id   BIGINT      NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    liked_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_id)
);
CREATE INDEX liked_albums_recent ON liked_albums (user_id, liked_at DESC, item_id DESC);

CREATE TABLE liked_artists (
    user_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id   BIGINT      NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    liked_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_id)
);
CREATE INDEX liked_artists_recent ON liked_artists (user_id, liked_at DESC, item_id DESC);

-- Server-synced user settings (known keys only, validated by the server); absent = the default.
CREATE TABLE user_settings (
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key         TEXT        NOT NULL,
    value       JSONB       NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

-- Connect-style playback, shared by every node: one row per user, updated with an optimistic version check.
CREATE TABLE playback_state (
    user_id           BIGINT      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    version           BIGINT      NOT NULL DEFAULT 0,      -- bumped by every change of the row
    active_device_id  BIGINT      REFERENCES devices (id) ON DELETE SET NULL,
    track_id          BIGINT,
    position_ms       BIGINT      NOT NULL DEFAULT 0,      -- at updated_at
    playing           BOOLEAN     NOT NULL DEFAULT FALSE,
    volume            INTEGER     NOT NULL DEFAULT 100 CHECK (volume BETWEEN 0 AND 100),
    shuffle           BOOLEAN     NOT NULL DEFAULT FALSE,
    repeat            TEXT        NOT NULL DEFAULT 'off' CHECK (repeat IN ('off', 'all', 'one')),
    queue             JSONB       NOT NULL DEFAULT '[]',   -- track ids
    queue_index       INTEGER     NOT NULL DEFAULT 0,
    queue_version     BIGINT      NOT NULL DEFAULT 0,      -- bumped by every queue change; stale edits are refused
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What each device announced over the sync socket, and whether it is connected (to any node).
CREATE TABLE device_presence (
    device_id        BIGINT      PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    user_id          BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    capabilities     JSONB       NOT NULL DEFAULT '{}',
    connections      INTEGER     NOT NULL DEFAULT 0 CHECK (connections >= 0),
    last_seen_at     TIMESTAMPTZ NOT NULL DEFAULT now()   -- refreshed while connected; stale = offline (a dead node)
);
CREATE INDEX device_presence_user ON device_presence (user_id);
