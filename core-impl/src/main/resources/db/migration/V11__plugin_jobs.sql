-- Plugin jobs (dev.resonance.api.schedule.Scheduler): when each job last ran, for the whole cluster. A node runs a
-- job only after claiming it here (one conditional upsert: the row lock makes the claim exclusive).
CREATE TABLE plugin_jobs (
    plugin_id         TEXT        NOT NULL,
    name              TEXT        NOT NULL,
    scheduled_at      TIMESTAMPTZ NOT NULL,   -- first scheduled anywhere: the first run is one period later
    last_started_at   TIMESTAMPTZ,
    last_finished_at  TIMESTAMPTZ,
    last_node         TEXT,
    last_error        TEXT,
    PRIMARY KEY (plugin_id, name)
);
