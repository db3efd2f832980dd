package dev.resonance.plugin.testkit;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginPermission;
import dev.resonance.api.storage.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plugin's own {@link KeyValueStore}, in memory, on a clock the test controls. As in the core: every call needs
 * the {@code storage} permission ({@code FORBIDDEN} without it); keys and values together may take the descriptor's
 * {@code maxBytes} (1 MiB when not given), counted as the keys' UTF-8 bytes plus the values' bytes, expired entries not
 * counted, and a {@link #put} past it throws {@code TOO_LARGE}; keys are 1 to {@value KeyValueStore#MAX_KEY_LENGTH}
 * characters; a value with a TTL is gone once the clock reaches its expiry. Thread-safe.
 *
 * <p>For the test: {@link #calls()} lists what the plugin called, and {@link #unavailable(boolean)} makes the store
 * fail as the core's does while its database is down.
 */
public final class TestKeyValueStore implements KeyValueStore {

    private record Entry(byte[] value, Optional<Instant> expires) {
    }

    private final Descriptor descriptor;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private boolean unavailable;

    public TestKeyValueStore(Descriptor descriptor, Clock clock) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * While {@code unavailable}, every call throws {@code ResonanceException} {@code UNAVAILABLE} (code
     * {@code unavailable}), as the core's store does while its database is down; what was stored stays.
     */
    public synchronized void unavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /**
     * The calls the plugin made so far, oldest first, by name ({@code "KeyValueStore.put"}), refused ones included:
     * to assert what it stores, or that it stores nothing.
     */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        require("KeyValueStore.get");
        checkKey(key);
        Entry entry = live(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value().clone());
    }

    @Override
    public synchronized void put(String key, byte[] value, Optional<Duration> ttl) {
        require("KeyValueStore.put");
        checkKey(key);
        Objects.requireNonNull(value, "value");
        if (ttl.isPresent() && (ttl.get().isNegative() || ttl.get().isZero())) {
            throw ResonanceException.invalid("invalid_ttl", "a TTL must be positive: " + ttl.get());
        }
        Entry old = live(key);
        long used = liveBytes() - (old == null ? 0 : size(key, old.value()));
        long max = descriptor.storageMaxBytes();
        if (used + size(key, value) > max) {
            throw ResonanceException.tooLarge("plugin_storage_full", "plugin \"" + descriptor.id() + "\" stores "
                + used + " of its " + max + " bytes; " + key + " needs " + size(key, value) + " more: raise "
                + "\"maxBytes\" of its \"storage\" permission (at most 64 MiB) or store less");
        }
        entries.put(key, new Entry(value.clone(), ttl.map(clock.instant()::plus)));
    }

    @Override
    public synchronized boolean delete(String key) {
        require("KeyValueStore.delete");
        checkKey(key);
        boolean present = live(key) != null;
        entries.remove(key);
        return present;
    }

    @Override
    public synchronized long usedBytes() {
        require("KeyValueStore.usedBytes");
        return liveBytes();
    }

    private long liveBytes() {
        Instant now = clock.instant();
        return entries.entrySet().stream().filter(e -> alive(e.getValue(), now))
            .mapToLong(e -> size(e.getKey(), e.getValue().value())).sum();
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        if (entry != null && !alive(entry, clock.instant())) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    private static boolean alive(Entry entry, Instant now) {
        return entry.expires().map(now::isBefore).orElse(true);
    }

    private static long size(String key, byte[] value) {
        return key.getBytes(StandardCharsets.UTF_8).length + (long) value.length;
    }

    private void require(String call) {
        calls.add(call);
        Permissions.require(descriptor, PluginPermission.STORAGE, call);
        if (unavailable) {
            throw ResonanceException.unavailable("unavailable", "the database is unavailable right now (the test made "
                + "plugin \"" + descriptor.id() + "\"'s store unavailable): " + call + " failed");
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ResonanceException.invalid("invalid_key", "a key is 1 to " + MAX_KEY_LENGTH + " characters: "
                + (key == null ? "null" : key.length() + " characters"));
        }
    }
}
