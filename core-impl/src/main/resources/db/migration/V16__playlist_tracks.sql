-- What a playlist shows of each of its tracks, kept beside the playlist (issue 15: a 10,000-track playlist loads in
-- < 50 ms). Reading the title, artist, album and cover of every entry through tracks and albums cost two primary-key
-- lookups per entry: ~60 ms of a 10,000-entry playlist's ~80 ms at 200k tracks, where reading the entries alone took
-- ~10 ms. With this table a playlist is two range scans on playlist_id joined by hash.
--
-- One row per (playlist, track), not per entry: a rescan that renames a track updates these rows and never an entry's,
-- so it takes no lock an edit of the entries holds (per-entry copies would let a scan batch and a multi-entry move lock
-- the same entries in opposite orders: a deadlock). Rows are added with the entries (PlaylistEntries.insert, ON
-- CONFLICT DO NOTHING) and removed when the last entry of their track goes (PlaylistEntries.delete); a purged track or
-- a deleted playlist takes its rows along.
--
-- Kept current here, in the database, by the statements that change the originals — the scanner, a removed library,
-- a new cover — whatever node or code path makes them:
--   tracks: title, artist_display, album_id, duration_ms, library_id and missing_since (present);
--   albums: title and cover_image_id.
-- The triggers fire only when one of those values changes (the scanner updates changed rows only), so an unchanged
-- rescan costs nothing, and a cold scan (inserts into an empty catalog) fires none.
CREATE TABLE playlist_tracks (
    playlist_id    BIGINT  NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    track_id       BIGINT  NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    title          TEXT    NOT NULL,
    artist_display TEXT    NOT NULL,
    album_id       BIGINT,
    album_title    TEXT,
    cover_image_id BIGINT,
    duration_ms    BIGINT  NOT NULL,
    library_id     BIGINT  NOT NULL,
    present        BOOLEAN NOT NULL,            -- the track's missing_since IS NULL
    PRIMARY KEY (playlist_id, track_id)
);
CREATE INDEX playlist_tracks_track ON playlist_tracks (track_id);

INSERT INTO playlist_tracks (playlist_id, track_id, title, artist_display, album_id, album_title, cover_image_id, duration_ms,
                             library_id, present)
SELECT DISTINCT ON (e.playlist_id, e.track_id) e.playlist_id, e.track_id, t.title, t.artist_display, t.album_id, al.title,
       al.cover_image_id, t.duration_ms, t.library_id, t.missing_since IS NULL
  FROM playlist_entries e JOIN tracks t ON t.id = e.track_id LEFT JOIN albums al ON al.id = t.album_id;

CREATE FUNCTION playlist_tracks_follow_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_album_title TEXT;
    new_cover BIGINT;
BEGIN
    SELECT al.title, al.cover_image_id INTO new_album_title, new_cover FROM albums al WHERE al.id = NEW.album_id;
    UPDATE playlist_tracks
       SET title = NEW.title, artist_display = NEW.artist_display, album_id = NEW.album_id, album_title = new_album_title,
           cover_image_id = new_cover, duration_ms = NEW.duration_ms, library_id = NEW.library_id,
           present = NEW.missing_since IS NULL
     WHERE track_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER playlist_tracks_follow_track
    AFTER UPDATE OF title, artist_display, album_id, duration_ms, library_id, missing_since ON tracks
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.artist_display IS DISTINCT FROM NEW.artist_display
          OR OLD.album_id IS DISTINCT FROM NEW.album_id OR OLD.duration_ms IS DISTINCT FROM NEW.duration_ms
          OR OLD.library_id IS DISTINCT FROM NEW.library_id OR (OLD.missing_since IS NULL) <> (NEW.missing_since IS NULL))
    EXECUTE FUNCTION playlist_tracks_follow_track();

CREATE FUNCTION playlist_tracks_follow_album() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE playlist_tracks SET album_title = NEW.title, cover_image_id = NEW.cover_image_id WHERE album_id = NEW.id;
    RETURN NULL;
END $$;

CREATE INDEX playlist_tracks_album ON playlist_tracks (album_id);

CREATE TRIGGER playlist_tracks_follow_album
    AFTER UPDATE OF title, cover_image_id ON albums
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.cover_image_id IS DISTINCT FROM NEW.cover_image_id)
    EXECUTE FUNCTION playlist_tracks_follow_album();
