package dev.resonance.impl.sync;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@code resonance.core.sync}; defaults shipped in {@code etc/resonance.core.sync.cfg}. */
@ObjectClassDefinition(name = "Resonance sync", description = "Event log retention and the real-time sync WebSocket.")
public @interface SyncConfig {

    String PID = "resonance.core.sync";

    @AttributeDefinition(name = "Keep sync events for (days)", description = "Older events are pruned; clients behind that take the snapshot",
            min = "1", max = "3650")
    int retentionDays() default 30;

    @AttributeDefinition(name = "Prune every (minutes)", min = "1", max = "1440")
    int pruneIntervalMinutes() default 60;

    @AttributeDefinition(name = "Largest WebSocket message (bytes)", min = "1024", max = "1048576")
    int maxMessageBytes() default 65536;

    @AttributeDefinition(name = "WebSocket messages per second per socket (burst twice that)", min = "1", max = "1000")
    int messagesPerSecond() default 20;

    @AttributeDefinition(name = "Messages queued for a slow socket before it is closed", min = "8", max = "100000")
    int sendQueue() default 512;

    @AttributeDefinition(name = "Seconds a socket may wait before authenticating", min = "1", max = "300")
    int authTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Seconds between checks that a socket's session is still valid", min = "1", max = "3600")
    int recheckSeconds() default 30;

    @AttributeDefinition(name = "Seconds without any message before a socket is closed", min = "10", max = "3600")
    int idleTimeoutSeconds() default 120;

    @AttributeDefinition(name = "Most sockets on this node (0 = what the heap holds)",
            description = "Beyond it new sockets are closed with 1013 (try again later). 0 derives it from the heap: (max heap - 96 MiB) / 24 KiB,"
                    + " about 2,700 with the default 160M heap and 17,000 with 512M", min = "0", max = "1000000")
    int maxSockets() default 0;
}
