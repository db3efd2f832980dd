package dev.resonance.plugin.lyrics.testing;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.storage.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory {@link KeyValueStore} keeping the core's promises: values expire after their TTL by the given clock,
 * {@link #usedBytes()} counts keys (UTF-8) and values of live entries, a put past {@code maxBytes} throws
 * {@code TOO_LARGE} and stores nothing, keys are at most {@link #MAX_KEY_LENGTH} characters. Can be switched
 * "down" to throw {@code UNAVAILABLE} as the real one does when the database is.
 */
public final class MemoryKeyValueStore implements KeyValueStore {

    private record Entry(byte[] value, Optional<Instant> expires) {
    }

    private final Clock clock;
    private final long maxBytes;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean down;
    private int puts;

    public MemoryKeyValueStore(Clock clock, long maxBytes) {
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** A store as big as the plugin's descriptor asks. */
    public static MemoryKeyValueStore forThisPlugin(Clock clock) {
        return new MemoryKeyValueStore(clock, PluginJson.storageMaxBytes());
    }

    public synchronized void down(boolean down) {
        this.down = down;
    }

    /** Successful puts so far. */
    public synchronized int puts() {
        return puts;
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        check(key);
        return Optional.ofNullable(live().get(key)).map(e -> e.value().clone());
    }

    @Override
    public synchronized void put(String key, byte[] value, Optional<Duration> ttl) {
        check(key);
        Map<String, Entry> live = live();
        long used = usedBytes() - (live.containsKey(key) ? size(key, live.get(key).value()) : 0);
        if (used + size(key, value) > maxBytes) {
            throw ResonanceException.tooLarge("storage_full", "the plugin's store holds at most " + maxBytes + " bytes");
        }
        entries.put(key, new Entry(value.clone(), ttl.map(clock.instant()::plus)));
        puts++;
    }

    @Override
    public synchronized boolean delete(String key) {
        check(key);
        return live().containsKey(key) & entries.remove(key) != null;
    }

    @Override
    public synchronized long usedBytes() {
        if (down) {
            throw unavailable();
        }
        return live().entrySet().stream().mapToLong(e -> size(e.getKey(), e.getValue().value())).sum();
    }

    private Map<String, Entry> live() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.expires().filter(at -> !at.isAfter(now)).isPresent());
        return entries;
    }

    private void check(String key) {
        if (down) {
            throw unavailable();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ResonanceException.invalid("storage_key", "a key is 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    private static long size(String key, byte[] value) {
        return key.getBytes(StandardCharsets.UTF_8).length + (long) value.length;
    }

    private static ResonanceException unavailable() {
        return ResonanceException.unavailable("database_unavailable", "the database does not answer");
    }
}
