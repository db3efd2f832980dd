-- Bookmarks: a saved position in a song, per user (audiobooks, long mixes), as the Subsonic API's createBookmark,
-- getBookmarks and deleteBookmark keep them. One per user and track: saving again replaces the position and comment
-- (created_at stays, changed_at moves). Tied to the track's row like likes and ratings, so a purged track drops its
-- bookmarks; a track that is missing or in a library the user may no longer see keeps its row but is not listed.
CREATE TABLE bookmarks (
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    track_id    BIGINT      NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    position_ms BIGINT      NOT NULL CHECK (position_ms >= 0),
    -- the user's note; NULL when none (dev.resonance.api.client.ClientActions.MAX_BOOKMARK_COMMENT)
    comment     TEXT        CHECK (char_length(comment) BETWEEN 1 AND 1000),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    changed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, track_id)
);
CREATE INDEX bookmarks_track ON bookmarks (track_id);   -- purging a track
