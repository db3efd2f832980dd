package dev.resonance.impl.http;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer's security settings as they are now — per-client budgets, the browser origins allowed to call the
 * API, the reverse proxies whose {@code X-Forwarded-For} names the client — and the one {@link RateLimiter} that
 * applies the budgets to the API and to {@code /stream}. Read from {@code resonance.core.auth} and applied in place
 * ({@code @Modified}): changing CORS origins or a budget restarts nothing, not even the API.
 */
@Component(service = HttpAccess.class, configurationPid = "resonance.core.auth", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class HttpAccess {

    private static final Logger LOG = LoggerFactory.getLogger(HttpAccess.class);

    private final RateLimiter limiter;
    private volatile AccessPolicy policy;

    @Activate
    public HttpAccess(HttpAccessConfig config, @Reference io.micrometer.core.instrument.MeterRegistry metrics) {
        this(policy(config));
        metrics.counter("resonance.component.activations", "component", "http-access").increment(); // docs/configuration.md
    }

    /** Fixed settings (tests). */
    public HttpAccess(AccessPolicy policy) {
        this.policy = policy;
        this.limiter = new RateLimiter(policy.perMinute());
    }

    @Modified
    void modified(HttpAccessConfig config) {
        update(policy(config));
        LOG.info("HTTP access reconfigured: rate limits, CORS origins and trusted proxies");
    }

    /** Applies {@code next} from the next request on. */
    public void update(AccessPolicy next) {
        policy = next;
        limiter.update(next.perMinute());
    }

    public AccessPolicy policy() {
        return policy;
    }

    public RateLimiter limiter() {
        return limiter;
    }

    static AccessPolicy policy(HttpAccessConfig config) {
        Map<RateLimiter.Kind, Integer> limits = new EnumMap<>(RateLimiter.Kind.class);
        limits.put(RateLimiter.Kind.LOGIN, config.loginPerMinute());
        limits.put(RateLimiter.Kind.READ, config.readPerMinute());
        limits.put(RateLimiter.Kind.WRITE, config.writePerMinute());
        limits.put(RateLimiter.Kind.SEARCH, config.searchPerMinute());
        limits.put(RateLimiter.Kind.STREAM, config.streamPerMinute());
        return new AccessPolicy(limits, Arrays.stream(config.corsOrigins().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                trustedProxies(config.trustedProxies()));
    }

    /** The configured proxies; a list that does not parse is reported and none is trusted (the safe reading). */
    static ClientAddresses trustedProxies(String configured) {
        try {
            return ClientAddresses.parse(configured);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: X-Forwarded-For is ignored until it is fixed", e.getMessage());
            return ClientAddresses.DIRECT;
        }
    }
}
