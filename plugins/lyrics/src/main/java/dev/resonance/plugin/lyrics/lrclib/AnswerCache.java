package dev.resonance.plugin.lyrics.lrclib;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.storage.KeyValueStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LRCLIB answers kept in the plugin's {@link KeyValueStore} (shared by every node of the server), each with its time
 * to live. The cache only saves requests: when the store fails (database down, or full — its {@code maxBytes}), a
 * lookup goes on without it. The first time the store is full is logged at info (answers expire, so it empties
 * again); the rest at debug.
 */
final class AnswerCache {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerCache.class);

    private final KeyValueStore store;
    private final AtomicBoolean toldFull = new AtomicBoolean();

    AnswerCache(KeyValueStore store) {
        this.store = store;
    }

    Optional<Answer> get(String key) {
        try {
            return store.get(key).flatMap(Answer::decode);
        } catch (ResonanceException e) {
            LOG.debug("LRCLIB cache not read: {}", e.getMessage());
            return Optional.empty();
        }
    }

    void put(String key, Answer answer, Duration ttl) {
        try {
            store.put(key, answer.encode(), Optional.of(ttl));
        } catch (ResonanceException e) {
            if (e.kind() == ResonanceException.Kind.TOO_LARGE && toldFull.compareAndSet(false, true)) {
                LOG.info("The LRCLIB cache is full ({}): new answers are not kept until older ones expire",
                    e.getMessage());
            } else {
                LOG.debug("LRCLIB answer not cached: {}", e.getMessage());
            }
        }
    }
}
