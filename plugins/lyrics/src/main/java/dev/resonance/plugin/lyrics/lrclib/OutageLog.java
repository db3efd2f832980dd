package dev.resonance.plugin.lyrics.lrclib;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warning per outage, not per call: the first failure after a success (or after start) is logged as a warning,
 * the next ones at debug, and the first success after an outage says so at info. An outage is anything that keeps
 * LRCLIB from answering: the network, a timeout, a 5xx, an answer that is not LRCLIB's JSON, or a host the plugin may
 * not reach.
 */
final class OutageLog {

    private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger warnings = new AtomicInteger();

    void failed(String server, String cause) {
        if (down.compareAndSet(false, true)) {
            warnings.incrementAndGet();
            LOG.warn("LRCLIB at {} does not answer ({}): lookups give no lyrics until it does", server, cause);
        } else {
            LOG.debug("LRCLIB at {} still does not answer ({})", server, cause);
        }
    }

    void answered(String server) {
        if (down.compareAndSet(true, false)) {
            LOG.info("LRCLIB at {} answers again", server);
        }
    }

    /** Warnings logged since the start: one per outage. */
    int warnings() {
        return warnings.get();
    }
}
