-- Playback notifications (issue 14): the play in progress of each user, from which the core derives the events and
-- scrobbles plugins get (dev.resonance.impl.sync.PlayTracker). It lives in the playback row, changed under the same
-- row lock as the state it follows, so whichever node handles a user's next change continues the same play: a play is
-- started, ended and scrobbled once in a cluster, whichever nodes its reports went through.
ALTER TABLE playback_state
    ADD COLUMN play_track_id    BIGINT,                          -- the play's track; NULL: no play
    ADD COLUMN play_duration_ms BIGINT      NOT NULL DEFAULT 0,  -- the track's duration when the play began
    ADD COLUMN play_started_at  TIMESTAMPTZ,                     -- when it first played; NULL: cued, never played yet
    ADD COLUMN play_played_ms   BIGINT      NOT NULL DEFAULT 0,  -- heard so far, counted up to updated_at
    ADD COLUMN play_noticed_at  TIMESTAMPTZ,                     -- its last event (progress events are spaced by it)
    ADD COLUMN play_scrobbled   BOOLEAN     NOT NULL DEFAULT FALSE, -- it was delivered as a listen
    ADD COLUMN play_ended       BOOLEAN     NOT NULL DEFAULT FALSE; -- it finished (stopped at the end); playing again starts a new play
