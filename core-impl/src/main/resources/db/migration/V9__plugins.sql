-- Plugins (issue 14): what the admin decided about each plugin, and the plugins' own key-value stores.

-- One row per plugin id the server has seen. A plugin runs only while enabled; the permissions the admin approved are
-- kept, so an upgrade that asks for more waits for the admin again (docs/plugins.md).
CREATE TABLE plugins (
    id                   TEXT        PRIMARY KEY,
    enabled              BOOLEAN     NOT NULL DEFAULT FALSE,
    approved_version     TEXT,
    approved_permissions JSONB       NOT NULL DEFAULT '{}'::jsonb,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by           BIGINT      REFERENCES users (id) ON DELETE SET NULL
);

-- dev.resonance.api.storage.KeyValueStore: each plugin sees only its own keys; uninstalling deletes them.
CREATE TABLE plugin_kv (
    plugin_id   TEXT        NOT NULL,
    key         TEXT        NOT NULL,
    value       BYTEA       NOT NULL,
    expires_at  TIMESTAMPTZ,
    PRIMARY KEY (plugin_id, key)
);
CREATE INDEX plugin_kv_expiry ON plugin_kv (expires_at) WHERE expires_at IS NOT NULL;

-- Every plugin action an admin (or the operator's shell) took, newest last.
CREATE TABLE plugin_audit (
    id         BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    action     TEXT        NOT NULL,
    plugin_id  TEXT        NOT NULL,
    version    TEXT        NOT NULL,
    user_id    BIGINT      REFERENCES users (id) ON DELETE SET NULL
);
