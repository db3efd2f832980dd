-- The music catalog: artists, albums, tracks with roles, genres, images; scans and per-user library access.

CREATE TABLE images (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256      BYTEA       NOT NULL UNIQUE,          -- stored once by content
    mime_type   TEXT        NOT NULL,
    width       INTEGER     NOT NULL,
    height      INTEGER     NOT NULL,
    byte_size   INTEGER     NOT NULL,
    palette     TEXT[]      NOT NULL DEFAULT '{}',   -- dominant colours, '#rrggbb', most prominent first
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE artists (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT        NOT NULL,
    sort_name   TEXT        COLLATE "C" NOT NULL,     -- normalised (see Names.sortKey): byte order is the right order
    name_key    TEXT        NOT NULL UNIQUE,          -- normalised name: one artist per spelling, case-insensitively
    mbid        UUID,
    image_id    BIGINT      REFERENCES images (id) ON DELETE SET NULL,
    track_count INTEGER     NOT NULL DEFAULT 0,       -- present tracks crediting the artist (refreshed by scans)
    album_count INTEGER     NOT NULL DEFAULT 0,       -- albums with present tracks they are album artist of
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX artists_sort ON artists (sort_name, id);

CREATE TABLE genres (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT        NOT NULL,
    name_key    TEXT        COLLATE "C" NOT NULL UNIQUE,
    album_count INTEGER     NOT NULL DEFAULT 0,       -- refreshed by scans
    track_count INTEGER     NOT NULL DEFAULT 0
);

CREATE TABLE albums (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    library_id         BIGINT      NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
    album_key          TEXT        NOT NULL,          -- release mbid, or album artist + title + version
    title              TEXT        NOT NULL,
    sort_title         TEXT        COLLATE "C" NOT NULL,
    version            TEXT,
    artist_display     TEXT        NOT NULL,          -- "A & B", as credited
    release_date       TEXT,                          -- '2021', '2021-03' or '2021-03-04'
    year               INTEGER,
    original_date      TEXT,
    label              TEXT,
    compilation        BOOLEAN     NOT NULL DEFAULT FALSE,
    mbid               UUID,
    release_group_mbid UUID,
    cover_image_id     BIGINT      REFERENCES images (id) ON DELETE SET NULL,
    track_count        INTEGER     NOT NULL DEFAULT 0,
    duration_ms        BIGINT      NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),   -- first seen: "recently added"
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT albums_key_per_library UNIQUE (library_id, album_key)
);
CREATE INDEX albums_sort_title ON albums (sort_title, id);
CREATE INDEX albums_year ON albums ((coalesce(year, 0)) DESC, id DESC);
CREATE INDEX albums_created ON albums (created_at DESC, id DESC);
CREATE INDEX albums_release_date ON albums ((coalesce(release_date, '')) DESC, id DESC);

CREATE TABLE album_artists (
    album_id   BIGINT  NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    artist_id  BIGINT  NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (album_id, artist_id)
);
CREATE INDEX album_artists_artist ON album_artists (artist_id, album_id);

CREATE TABLE album_genres (
    album_id  BIGINT NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    genre_id  BIGINT NOT NULL REFERENCES genres (id) ON DELETE CASCADE,
    PRIMARY KEY (album_id, genre_id)
);
CREATE INDEX album_genres_genre ON album_genres (genre_id, album_id);

CREATE TABLE tracks (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    library_id          BIGINT      NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
    album_id            BIGINT      REFERENCES albums (id) ON DELETE SET NULL,
    pid                 TEXT        NOT NULL,          -- persistent identity from tags: survives renames and moves
    path                TEXT        NOT NULL,          -- relative to the library root, '/'-separated
    file_size           BIGINT      NOT NULL,
    file_mtime          BIGINT      NOT NULL,          -- epoch millis
    format              TEXT        NOT NULL,
    codec               TEXT        NOT NULL,
    duration_ms         BIGINT      NOT NULL,
    bitrate_kbps        INTEGER     NOT NULL,
    sample_rate         INTEGER     NOT NULL,
    bit_depth           INTEGER     NOT NULL,
    channels            INTEGER     NOT NULL,
    title               TEXT        NOT NULL,
    sort_title          TEXT        COLLATE "C" NOT NULL,
    artist_display      TEXT        NOT NULL,
    disc_number         INTEGER,
    disc_total          INTEGER,
    track_number        INTEGER,
    track_total         INTEGER,
    year                INTEGER,
    rg_track_gain       REAL,
    rg_track_peak       REAL,
    rg_album_gain       REAL,
    rg_album_peak       REAL,
    bpm                 REAL,
    isrc                TEXT,
    comment             TEXT,
    has_lyrics          BOOLEAN     NOT NULL DEFAULT FALSE,
    mbid_recording      UUID,
    mbid_track          UUID,
    missing_since       TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT tracks_path_per_library UNIQUE (library_id, path)
);
CREATE INDEX tracks_album ON tracks (album_id, disc_number, track_number, id);
CREATE INDEX tracks_pid ON tracks (library_id, pid);
CREATE INDEX tracks_sort_title ON tracks (sort_title, id);
CREATE INDEX tracks_created ON tracks (created_at DESC, id DESC);
CREATE INDEX tracks_missing ON tracks (missing_since) WHERE missing_since IS NOT NULL;

CREATE TABLE track_artists (
    track_id   BIGINT  NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    artist_id  BIGINT  NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (track_id, artist_id, role)
);
CREATE INDEX track_artists_artist ON track_artists (artist_id, role, track_id);

CREATE TABLE track_genres (
    track_id  BIGINT NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    genre_id  BIGINT NOT NULL REFERENCES genres (id) ON DELETE CASCADE,
    PRIMARY KEY (track_id, genre_id)
);
CREATE INDEX track_genres_genre ON track_genres (genre_id, track_id);

-- A regular user with rows here sees only those libraries; without rows, all. Admins see all.
CREATE TABLE user_library_access (
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    library_id  BIGINT NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, library_id)
);

CREATE TABLE library_scans (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    library_id      BIGINT      NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
    kind            TEXT        NOT NULL CHECK (kind IN ('quick', 'full')),
    started_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    files_seen      INTEGER     NOT NULL DEFAULT 0,
    files_read      INTEGER     NOT NULL DEFAULT 0,
    added           INTEGER     NOT NULL DEFAULT 0,
    updated         INTEGER     NOT NULL DEFAULT 0,
    moved           INTEGER     NOT NULL DEFAULT 0,
    missing         INTEGER     NOT NULL DEFAULT 0,
    errors          JSONB       NOT NULL DEFAULT '[]'   -- [{path, reason}], the first 1000
);
CREATE INDEX library_scans_library ON library_scans (library_id, started_at DESC);

-- Files the last scan could not read, so an unchanged broken file is not re-read by every quick scan.
CREATE TABLE unreadable_files (
    library_id  BIGINT NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
    path        TEXT   NOT NULL,
    file_size   BIGINT NOT NULL,
    file_mtime  BIGINT NOT NULL,
    reason      TEXT   NOT NULL,
    PRIMARY KEY (library_id, path)
);
