-- Ratings, listening history and stats (issue 15).

-- Ratings 1-5 of tracks, albums and artists, one table per kind (like the likes of V4) so that each row is tied to its
-- catalog row and purged items drop their ratings. No rating (0, or DELETE) is no row.
CREATE TABLE rated_tracks (
    user_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id   BIGINT      NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    rating    SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),     -- the last change of the rating
    PRIMARY KEY (user_id, item_id)
);
CREATE INDEX rated_tracks_recent ON rated_tracks (user_id, rated_at DESC, item_id DESC);

CREATE TABLE rated_albums (
    user_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id   BIGINT      NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    rating    SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_id)
);
CREATE INDEX rated_albums_recent ON rated_albums (user_id, rated_at DESC, item_id DESC);

CREATE TABLE rated_artists (
    user_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id   BIGINT      NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    rating    SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_id)
);
CREATE INDEX rated_artists_recent ON rated_artists (user_id, rated_at DESC, item_id DESC);

-- The play in progress that a device reports through POST /api/v1/user/plays, one row per (user, device), changed
-- under its row lock: whichever node takes a device's next report continues the same play (the play_* columns are
-- those of playback_state, V10, read and written by the same PlayTracker).
CREATE TABLE play_reports (
    user_id          BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id        BIGINT      NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    track_id         BIGINT,                              -- the reported track; NULL after finished/skipped
    position_ms      BIGINT      NOT NULL DEFAULT 0,      -- at updated_at
    playing          BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),  -- the last report (server time)
    play_track_id    BIGINT,
    play_duration_ms BIGINT      NOT NULL DEFAULT 0,
    play_started_at  TIMESTAMPTZ,
    play_played_ms   BIGINT      NOT NULL DEFAULT 0,
    play_noticed_at  TIMESTAMPTZ,
    play_scrobbled   BOOLEAN     NOT NULL DEFAULT FALSE,
    play_ended       BOOLEAN     NOT NULL DEFAULT FALSE,
    play_covered     BOOLEAN     NOT NULL DEFAULT FALSE,  -- the user's Connect playback plays it on this device: Connect counts it
    PRIMARY KEY (user_id, device_id)
);
CREATE INDEX play_reports_device ON play_reports (device_id);

-- Every play that became a listen (the ListenBrainz rule, dev.resonance.api.playback.Scrobble), once per play, written
-- in the transaction that made it one: from Connect playback (source 'connect') or from play reports ('report').
CREATE TABLE listens (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    track_id     BIGINT      NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    started_at   TIMESTAMPTZ NOT NULL,                  -- when the play started: the listen's time
    listened_ms  BIGINT      NOT NULL,                  -- heard; raised to the play's total when it ends
    device_id    BIGINT,                                -- the device that played it (no FK: a forgotten device keeps its history)
    source       TEXT        NOT NULL CHECK (source IN ('connect', 'report')),
    UNIQUE (user_id, started_at, track_id)              -- one listen per play, whichever path saw it first
);
CREATE INDEX listens_user_recent ON listens (user_id, started_at DESC, id DESC);
CREATE INDEX listens_recent ON listens (started_at, track_id);   -- server analytics per period
CREATE INDEX listens_track ON listens (track_id);                -- purging a track

-- Per user and track: how often it was listened to and when last (kept with each listen, in its transaction), so play
-- counts, "recently played" and all-time tops are index reads.
CREATE TABLE user_track_plays (
    user_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    track_id        BIGINT      NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    play_count      BIGINT      NOT NULL,
    last_played_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, track_id)
);
CREATE INDEX user_track_plays_recent ON user_track_plays (user_id, last_played_at DESC, track_id DESC);
CREATE INDEX user_track_plays_top ON user_track_plays (user_id, play_count DESC, track_id);
CREATE INDEX user_track_plays_track ON user_track_plays (track_id);

-- Per track, for everyone: listens and the last one (search ranks by it; server analytics' all-time top).
CREATE TABLE track_popularity (
    track_id        BIGINT      PRIMARY KEY REFERENCES tracks (id) ON DELETE CASCADE,
    play_count      BIGINT      NOT NULL,
    last_played_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX track_popularity_top ON track_popularity (play_count DESC, track_id);
