-- Accounts: users, per-user permission overrides, devices, sessions (rotating refresh tokens), login lockouts.

CREATE TABLE users (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             TEXT        NOT NULL,
    password_hash        TEXT        NOT NULL,
    role                 TEXT        NOT NULL CHECK (role IN ('ADMIN', 'REGULAR')),
    display_name         TEXT,
    disabled             BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    password_changed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT users_username_format CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$')
);
-- usernames are unique regardless of case ("Ada" and "ada" are one account)
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));

-- A permission granted beyond the role's defaults, or denied although the role has it. Expired rows no longer
-- count. Effective permissions = role defaults + live grants - live denials.
CREATE TABLE user_permissions (
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    permission  TEXT        NOT NULL,
    effect      TEXT        NOT NULL CHECK (effect IN ('GRANT', 'DENY')),
    expires_at  TIMESTAMPTZ,
    granted_by  BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, permission)
);

-- A client a user signed in from. The client names itself (device_key); at most 50 per user (LRU eviction).
CREATE TABLE devices (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_key    TEXT        NOT NULL,
    type          TEXT        NOT NULL CHECK (type IN ('web', 'android', 'ios', 'desktop', 'subsonic', 'other')),
    name          TEXT        NOT NULL,
    os            TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT devices_key_per_user UNIQUE (user_id, device_key)
);
CREATE INDEX devices_user_last_seen ON devices (user_id, last_seen_at);

-- One signed-in session per device. The refresh token rotates on every use; only its SHA-256 is stored.
-- Presenting an already rotated token (reuse = theft) revokes the session.
CREATE TABLE sessions (
    id                  UUID        PRIMARY KEY,
    user_id             BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id           BIGINT      NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    refresh_token_hash  BYTEA       NOT NULL UNIQUE,
    previous_token_hash BYTEA,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    refreshed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at          TIMESTAMPTZ NOT NULL,
    revoked_at          TIMESTAMPTZ,
    revoked_reason      TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_device ON sessions (device_id);
CREATE INDEX sessions_previous_token ON sessions (previous_token_hash) WHERE previous_token_hash IS NOT NULL;

-- Failed-login counters per user and per client address; a lock grows with every failure past the threshold.
CREATE TABLE login_failures (
    subject        TEXT        PRIMARY KEY,          -- 'user:<lower username>' or 'ip:<address>'
    failures       INTEGER     NOT NULL,
    last_failure   TIMESTAMPTZ NOT NULL,
    locked_until   TIMESTAMPTZ
);
