package dev.resonance.impl.sync.bus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@code resonance.core.redis}; defaults shipped in {@code etc/resonance.core.redis.cfg}. */
@ObjectClassDefinition(name = "Resonance Redis",
        description = "Redis pub/sub that fans sync events and playback messages out to the other Resonance nodes. "
                + "Leave the URL empty for a single node (in-process bus). The environment variable REDIS_URL maps onto it.")
public @interface RedisConfig {

    String PID = "resonance.core.redis";

    @AttributeDefinition(name = "Redis URL (REDIS_URL)", type = AttributeType.PASSWORD, required = false,
            description = "redis://[:password@]host[:port][/database] or rediss://... Empty: in-process bus, no cross-node sync.")
    String url() default "";

    @AttributeDefinition(name = "Outgoing messages held while Redis is slow", min = "100", max = "1000000",
            description = "Lettuce's request queue bound; past it (and whenever Redis is disconnected) cross-node copies are "
                    + "dropped and healed by the clients' catch-up.")
    int requestQueueSize() default 10_000;

    @AttributeDefinition(name = "Incoming messages queued for local delivery", min = "100", max = "1000000")
    int deliveryQueueSize() default 10_000;

    @AttributeDefinition(name = "Connect and command timeout (milliseconds)", min = "100", max = "60000")
    int timeoutMillis() default 2_000;
}
