-- App passwords: a secret per app that a user creates in their account, for the clients whose protocol needs the
-- server to know the secret (Subsonic's token: md5(secret + salt)). Never the account password, whose Argon2id hash
-- cannot answer such a check and must not be weakened for it.
-- Each one is the session of a device of its own (type 'subsonic', device_key 'app:<session id>'): it shows in the
-- user's devices, forgetting the device revokes it, and everything that ends sessions ends it too (a disabled user, a
-- password change or reset, a revocation), through the same live-session checks.
CREATE TABLE app_passwords (
    session_id   UUID        PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL CHECK (btrim(name) <> ''),
    -- AES-256-GCM under the server's app-password key: 12-byte nonce || ciphertext || 16-byte tag; the session id is
    -- the associated data, so a secret copied onto another row does not decrypt
    secret       BYTEA       NOT NULL,
    -- HMAC-SHA256 of the secret under the server's lookup key: finds the row of a secret presented alone (an API key)
    lookup       BYTEA       NOT NULL UNIQUE,
    -- the secret's last four characters, to tell app passwords apart in a list
    hint         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ
);
CREATE INDEX app_passwords_user ON app_passwords (user_id);
