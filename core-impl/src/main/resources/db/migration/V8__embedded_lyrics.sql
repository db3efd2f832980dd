-- Lyrics embedded in audio files, kept as the scanner found them, for plugins (the core-api Catalog): the core does not
-- parse lyrics. One row per entry, in file order; a track without lyrics has no row, and has_lyrics stays the flag the
-- browse API shows (true exactly when a track has rows). The scanner writes them with the track, in its transaction.
CREATE TABLE track_lyrics (
    track_id     BIGINT   NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    position     SMALLINT NOT NULL,                 -- 0, 1, ... in file order
    kind         TEXT     NOT NULL CHECK (kind IN ('ID3_USLT', 'ID3_SYLT', 'VORBIS_LYRICS', 'VORBIS_UNSYNCEDLYRICS', 'MP4_LYR')),
    language     TEXT     NOT NULL,                 -- ID3's three letters as written; '' where the format has none
    description  TEXT     NOT NULL,                 -- ID3's content descriptor; '' when none
    data         BYTEA    NOT NULL,                 -- SYLT: the frame body as stored; the others: the text as UTF-8 (at most 256 KiB)
    PRIMARY KEY (track_id, position)
);

-- What the plugins' catalog looks tracks up by: ISRC (case-insensitive), MusicBrainz recording, and the changes feed
-- in (updated_at, id) order.
CREATE INDEX tracks_isrc ON tracks (upper(isrc)) WHERE isrc IS NOT NULL;
CREATE INDEX tracks_recording ON tracks (mbid_recording) WHERE mbid_recording IS NOT NULL;
CREATE INDEX tracks_updated ON tracks (updated_at, id);

-- Files scanned before this version have has_lyrics but no rows yet: a size no file has makes the next quick scan read
-- exactly those again, which writes their rows and moves their updated_at (so plugins following changes see them).
UPDATE tracks SET file_size = -1 WHERE has_lyrics;
