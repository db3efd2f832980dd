package dev.resonance.api.storage;

import java.time.Duration;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A plugin's own key-value store, kept in the core's database and shared by every node, registered by the core as a
 * bundle-scoped OSGi service: each plugin sees only its own keys. Needs the {@code storage} permission; the
 * descriptor's {@code maxBytes} (default 1 MiB, at most 64 MiB) bounds the sum of key and value sizes, and a
 * {@link #put} past it throws {@code ResonanceException} of kind {@code TOO_LARGE}. Uninstalling the plugin deletes
 * its store; disabling or upgrading keeps it.
 *
 * <p>Synchronous, thread-safe; each call is one short database statement. Throws {@code ResonanceException} of kind
 * {@code UNAVAILABLE} when the database is down.
 */
@ProviderType
public interface KeyValueStore {

    /** The longest key, in characters. */
    int MAX_KEY_LENGTH = 512;

    /** The value stored under {@code key}, unless absent or expired. */
    Optional<byte[]> get(String key);

    /**
     * Stores {@code value} under {@code key}, replacing what was there.
     *
     * @param ttl how long the value lives; empty for until deleted
     */
    void put(String key, byte[] value, Optional<Duration> ttl);

    /** Removes {@code key}; whether it was there. */
    boolean delete(String key);

    /** Bytes in use (keys + values, expired ones not counted). */
    long usedBytes();
}
