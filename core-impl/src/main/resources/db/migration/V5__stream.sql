-- Streaming (issue 5): each device's quality settings per network. A NULL format means "original" (play the file
-- as it is whenever the client can); a NULL max bitrate means no cap beyond the client's own.
CREATE TABLE device_stream_settings (
    device_id          BIGINT      PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    wifi_format        TEXT        CHECK (wifi_format IN ('opus', 'mp3', 'aac')),
    wifi_max_kbps      INTEGER     CHECK (wifi_max_kbps BETWEEN 32 AND 9999),
    cellular_format    TEXT        CHECK (cellular_format IN ('opus', 'mp3', 'aac')),
    cellular_max_kbps  INTEGER     CHECK (cellular_max_kbps BETWEEN 32 AND 9999),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
