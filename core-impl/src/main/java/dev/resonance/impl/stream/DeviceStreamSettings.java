package dev.resonance.impl.stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.stream.transcode.TranscodeFormat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/** Each device's quality settings per network ({@code device_stream_settings}); only the device's owner reads or writes them. */
public final class DeviceStreamSettings {

    /** One network's setting: a format ({@code original} = the file as it is) and an optional bitrate cap. */
    public record Quality(String format, Optional<Integer> maxBitrate) {

        public static final Quality ORIGINAL = new Quality(StreamParameters.ORIGINAL, Optional.empty());

        public Quality {
            if (format == null || !(format.equals(StreamParameters.ORIGINAL) || TranscodeFormat.byName(format).isPresent())) {
                throw ResonanceException.invalid("invalid_setting", "format must be original, opus, mp3 or aac");
            }
            maxBitrate = maxBitrate == null ? Optional.empty() : maxBitrate;
            if (maxBitrate.isPresent() && (maxBitrate.get() < StreamParameters.MIN_CAP_KBPS || maxBitrate.get() > StreamParameters.MAX_CAP_KBPS)) {
                throw ResonanceException.invalid("invalid_setting", "maxBitrate must be " + StreamParameters.MIN_CAP_KBPS + "-"
                        + StreamParameters.MAX_CAP_KBPS + " kbit/s");
            }
        }

        Optional<TranscodeFormat> transcodeFormat() {
            return TranscodeFormat.byName(format);
        }
    }

    /** A device's settings; {@code cellular} defaults to opus at most 128 kbit/s, {@code wifi} to the original. */
    public record Settings(Quality wifi, Quality cellular) {

        public static final Settings DEFAULTS = new Settings(Quality.ORIGINAL, new Quality("opus", Optional.of(128)));

        public Settings {
            if (wifi == null || cellular == null) {
                throw ResonanceException.invalid("invalid_setting", "give both wifi and cellular");
            }
        }

        Quality on(ClientHints.Network network) {
            return network == ClientHints.Network.CELLULAR ? cellular : wifi;
        }
    }

    /** How long a device's settings are reused by streams without asking the database (a PUT on this node clears them). */
    static final java.time.Duration CACHE_FOR = java.time.Duration.ofSeconds(10);

    private record Cached(long userId, Settings settings) {
    }

    private final Database db;
    private final Cache<Long, Cached> recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_FOR)
            .executor(Runnable::run).build();

    public DeviceStreamSettings(Database db) {
        this.db = db;
    }

    /** The settings of the caller's device {@code deviceId}; empty if it is not the caller's. */
    public Optional<Settings> get(long userId, long deviceId) {
        return db.inTransaction(c -> owned(c, userId, deviceId) ? Optional.of(read(c, deviceId)) : Optional.<Settings>empty());
    }

    /** Replaces the settings of the caller's device; empty if it is not the caller's. */
    public Optional<Settings> put(long userId, long deviceId, Settings settings) {
        try {
            return write(userId, deviceId, settings);
        } finally {
            recent.invalidate(deviceId); // after the commit: a stream that read the old row meanwhile must not keep it
        }
    }

    private Optional<Settings> write(long userId, long deviceId, Settings settings) {
        return db.inTransaction(c -> {
            if (!owned(c, userId, deviceId)) {
                return Optional.<Settings>empty();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_stream_settings (device_id, wifi_format, wifi_max_kbps,"
                    + " cellular_format, cellular_max_kbps) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
                    + " wifi_format = excluded.wifi_format, wifi_max_kbps = excluded.wifi_max_kbps, cellular_format = excluded.cellular_format,"
                    + " cellular_max_kbps = excluded.cellular_max_kbps, updated_at = now()")) {
                ps.setLong(1, deviceId);
                bind(ps, 2, settings.wifi());
                bind(ps, 4, settings.cellular());
                ps.executeUpdate();
            }
            return Optional.of(read(c, deviceId));
        });
    }

    private static void bind(PreparedStatement ps, int index, Quality quality) throws SQLException {
        if (quality.transcodeFormat().isPresent()) {
            ps.setString(index, quality.format());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
        if (quality.maxBitrate().isPresent()) {
            ps.setInt(index + 1, quality.maxBitrate().get());
        } else {
            ps.setNull(index + 1, Types.INTEGER);
        }
    }

    private static boolean owned(Connection c, long userId, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM devices WHERE id = ? AND user_id = ?")) {
            ps.setLong(1, deviceId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Settings read(Connection c, long deviceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT wifi_format, wifi_max_kbps, cellular_format, cellular_max_kbps"
                + " FROM device_stream_settings WHERE device_id = ?")) {
            ps.setLong(1, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Settings.DEFAULTS;
                }
                return new Settings(quality(rs, 1), quality(rs, 3));
            }
        }
    }

    private static Quality quality(ResultSet rs, int column) throws SQLException {
        String format = rs.getString(column);
        int max = rs.getInt(column + 1);
        return new Quality(format == null ? StreamParameters.ORIGINAL : format, rs.wasNull() ? Optional.empty() : Optional.of(max));
    }

    /**
     * The settings used for a stream by {@code deviceId} (the caller's own device), remembered for a few seconds so
     * that a burst of range requests costs one query. Another node's change is seen within {@link #CACHE_FOR}.
     */
    Settings forCaller(long userId, long deviceId) {
        Cached cached = recent.getIfPresent(deviceId);
        if (cached != null && cached.userId() == userId) {
            return cached.settings();
        }
        Settings settings = get(userId, deviceId).orElse(Settings.DEFAULTS);
        recent.put(deviceId, new Cached(userId, settings));
        return settings;
    }
}
