package dev.resonance.impl.sync.bus;

import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the node's {@link SyncBus} as a service: the in-process {@link LocalBus} when {@code REDIS_URL} is empty,
 * a {@link RedisBus} (with a non-critical {@code redis} health indicator) when it is set. A URL that is not a Redis
 * URL is logged and reported DOWN in {@code /health}, and the node runs on the in-process bus: the core keeps
 * working, only cross-node sync is off. Sync code only ever sees {@link SyncBus}.
 */
// service = {}: the bus and the health indicator are registered by hand so the configuration (the URL may carry
// a password) never becomes service properties visible to every bundle and to `service:list`.
@Component(service = {}, immediate = true,
        configurationPid = RedisConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RedisConfig.class)
public final class BusComponent {

    private static final Logger LOG = LoggerFactory.getLogger(BusComponent.class);

    private final BundleContext context;
    private final MeterRegistry metrics;
    private RedisConfig config;
    private SyncBus bus;
    private ServiceRegistration<SyncBus> registration;
    private ServiceRegistration<HealthIndicator> health;

    @Activate
    public BusComponent(BundleContext context, @Reference MeterRegistry metrics, RedisConfig config) {
        metrics.counter("resonance.component.activations", "component", "bus").increment(); // docs/configuration.md
        this.context = context;
        this.metrics = metrics;
        start(config);
    }

    /**
     * A configuration change. Without Redis before and after, there is nothing to change: the in-process bus stays
     * and nothing notices. Otherwise the bus is replaced: sync restarts with the new one, open sync sockets are
     * closed with 1001 (going away) and clients reconnect and catch up from the event log.
     */
    @Modified
    synchronized void modified(RedisConfig next) {
        if (config.url().strip().isEmpty() && next.url().strip().isEmpty()) {
            config = next;
            LOG.info("Sync bus reconfigured: still in-process, nothing to change");
            return;
        }
        stop();
        start(next);
    }

    private synchronized void start(RedisConfig config) {
        this.config = config;
        String url = config.url().strip();
        HealthIndicator indicator = null;
        if (url.isEmpty()) {
            bus = new LocalBus();
            LOG.info("Sync bus: in-process (REDIS_URL not set): real-time sync reaches the devices connected to this node");
        } else {
            Optional<RedisURI> uri = RedisUrls.parse(url);
            if (uri.isPresent()) {
                RedisBus redis = new RedisBus(new RedisBus.Settings(uri.get(), config.requestQueueSize(),
                        config.deliveryQueueSize(), Duration.ofMillis(config.timeoutMillis())), metrics);
                bus = redis;
                indicator = new RedisHealth(redis::health);
                LOG.info("Sync bus: Redis pub/sub at {} (node {})", RedisUrls.redact(uri.get()), redis.nodeId());
            } else {
                bus = new LocalBus();
                String problem = "REDIS_URL is not a Redis URL (expected redis://[:password@]host[:port][/database] or "
                        + "rediss://...): cross-node sync is OFF, this node uses its in-process bus";
                LOG.error("Sync bus: {}", problem);
                indicator = new RedisHealth(() -> HealthCheck.down(problem));
            }
        }
        registration = context.registerService(SyncBus.class, bus, new Hashtable<>());
        health = indicator == null ? null : context.registerService(HealthIndicator.class, indicator, new Hashtable<>());
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    private void stop() {
        if (health != null) {
            health.unregister();
            health = null;
        }
        registration.unregister();
        bus.close();
    }
}
