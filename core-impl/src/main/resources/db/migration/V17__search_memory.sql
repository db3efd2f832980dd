-- The in-memory search index (SearchMemory) reads, on every search, whether a scan is running anywhere: the scans
-- still running are a handful of rows among every scan ever recorded.
CREATE INDEX library_scans_running ON library_scans (id) WHERE state = 'running';
