-- How each scan ended, so a scan killed mid-way is shown as interrupted instead of staying "unfinished" forever, and
-- enough of it to answer GET /api/v1/library/scan from the table. A watcher's folder scan is a kind of its own: the
-- API shows the latest ended scan of each kind, so a folder scan no longer hides a full scan's result.
ALTER TABLE library_scans ADD COLUMN state TEXT NOT NULL DEFAULT 'running'
    CHECK (state IN ('running', 'done', 'failed', 'cancelled', 'interrupted'));
UPDATE library_scans SET state = 'done' WHERE finished_at IS NOT NULL;
ALTER TABLE library_scans ADD COLUMN to_read INTEGER NOT NULL DEFAULT 0;
ALTER TABLE library_scans ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0;
UPDATE library_scans SET error_count = jsonb_array_length(errors);
-- json, not jsonb: the phases' order (the order they ran in) is kept
ALTER TABLE library_scans ADD COLUMN phase_millis JSON NOT NULL DEFAULT '{}';
ALTER TABLE library_scans DROP CONSTRAINT library_scans_kind_check;
ALTER TABLE library_scans ADD CONSTRAINT library_scans_kind_check CHECK (kind IN ('quick', 'full', 'folder'));
CREATE INDEX library_scans_library_kind ON library_scans (library_id, kind, started_at DESC);
