package dev.resonance.impl.auth;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.db.Database;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the account system once the database is ready and publishes it: {@link AuthService} (inside the core),
 * {@link Authenticator} (for any bundle), the {@link AccessPolicy} of the HTTP layer, and an "auth" health check.
 * Services are registered by hand so that configuration (secrets) never becomes service properties.
 */
@Component(service = {}, immediate = true, configurationPid = AuthConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AuthConfig.class)
public final class AuthComponent {

    private static final Logger LOG = LoggerFactory.getLogger(AuthComponent.class);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public AuthComponent(BundleContext context, @Reference Database db, @Reference MeterRegistry metrics, AuthConfig config) {
        AuthService service;
        try {
            byte[] secret = JwtSecret.resolve(config.jwtSecret(), db);
            service = new AuthService(db, new PasswordHasher(), secret, settings(config), Clock.systemUTC(), metrics);
        } catch (IllegalArgumentException e) {
            LOG.error("Accounts DOWN: {}", e.getMessage());
            registrations.add(context.registerService(HealthIndicator.class, health(HealthCheck.down(e.getMessage())), new Hashtable<>()));
            return;
        }
        if (!config.adminUser().isBlank()) {
            try {
                service.bootstrapAdmin(config.adminUser(), config.adminPassword());
            } catch (RuntimeException e) {
                LOG.error("RESONANCE_ADMIN_USER was not created: {}", e.getMessage());
            }
        }
        service.setupCode().ifPresent(code -> LOG.warn("No account exists yet. Register the first (administrator) account"
                + " in the web app on this machine, or from another one with the setup code {} (also shown by"
                + " resonance:setup-code; valid until the first account exists or the server restarts)", code));
        registrations.add(context.registerService(AuthService.class, service, new Hashtable<>()));
        registrations.add(context.registerService(Authenticator.class, service::authenticate, new Hashtable<>()));
        registrations.add(context.registerService(AccessPolicy.class, new AccessPolicy(rateLimits(config),
                Arrays.stream(config.corsOrigins().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                trustedProxies(config)), new Hashtable<>()));
        registrations.add(context.registerService(HealthIndicator.class, health(HealthCheck.up()), new Hashtable<>()));
    }

    /** The configured proxies; a list that does not parse is reported and none is trusted (the safe reading). */
    static dev.resonance.impl.http.ClientAddresses trustedProxies(AuthConfig config) {
        try {
            return dev.resonance.impl.http.ClientAddresses.parse(config.trustedProxies());
        } catch (IllegalArgumentException e) {
            LOG.error("{}: X-Forwarded-For is ignored until it is fixed", e.getMessage());
            return dev.resonance.impl.http.ClientAddresses.DIRECT;
        }
    }

    static AuthService.Settings settings(AuthConfig config) {
        return new AuthService.Settings(Duration.ofMinutes(config.accessTokenMinutes()), Duration.ofDays(config.refreshTokenDays()),
                new LoginThrottle.Policy(config.lockoutThreshold(), Duration.ofSeconds(config.lockoutBaseSeconds()),
                        Duration.ofSeconds(config.lockoutMaxSeconds()), Duration.ofHours(24)),
                Duration.ofMillis(config.sessionRecheckMillis()));
    }

    static Map<RateLimiter.Kind, Integer> rateLimits(AuthConfig config) {
        Map<RateLimiter.Kind, Integer> limits = new EnumMap<>(RateLimiter.Kind.class);
        limits.put(RateLimiter.Kind.LOGIN, config.loginPerMinute());
        limits.put(RateLimiter.Kind.READ, config.readPerMinute());
        limits.put(RateLimiter.Kind.WRITE, config.writePerMinute());
        limits.put(RateLimiter.Kind.SEARCH, config.searchPerMinute());
        limits.put(RateLimiter.Kind.STREAM, config.streamPerMinute());
        return limits;
    }

    private static HealthIndicator health(HealthCheck check) {
        return new HealthIndicator() {
            @Override
            public String name() {
                return "auth";
            }

            @Override
            public HealthCheck check() {
                return check;
            }
        };
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
