-- Resonance schema v1: the foundation. Later capabilities add their tables in later versions
-- (accounts, catalog, playlists, sync, ...). Never edit a migration that has shipped: add a new one.

-- A music folder Resonance scans. Several may exist; each has its own path.
CREATE TABLE libraries (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT        NOT NULL,
    path        TEXT        NOT NULL,
    enabled     BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_scan_started_at   TIMESTAMPTZ,
    last_scan_finished_at  TIMESTAMPTZ,
    CONSTRAINT libraries_name_unique UNIQUE (name),
    CONSTRAINT libraries_path_unique UNIQUE (path),
    CONSTRAINT libraries_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT libraries_path_absolute CHECK (left(path, 1) = '/')
);

-- Server-wide settings that belong in the database rather than in Config Admin because every node of a
-- cluster must see the same value (e.g. "registration open"). Values are JSON.
CREATE TABLE server_settings (
    key         TEXT        PRIMARY KEY,
    value       JSONB       NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
