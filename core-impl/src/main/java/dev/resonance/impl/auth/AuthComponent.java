package dev.resonance.impl.auth;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.db.Database;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import dev.resonance.api.http.HttpContribution;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
 * Builds the account system once the database is ready and publishes it: {@link AuthService} (inside the core),
 * {@link Authenticator} (for any bundle), its REST resources (contributed to the API), and an "auth" health check.
 * Services are registered by hand so that configuration (secrets) never becomes service properties.
 */
@Component(service = {}, immediate = true, configurationPid = AuthConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AuthConfig.class)
public final class AuthComponent {

    private static final Logger LOG = LoggerFactory.getLogger(AuthComponent.class);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final BundleContext context;
    private final Database db;
    private final MeterRegistry metrics;
    private final AtomicReference<HealthCheck> health = new AtomicReference<>(HealthCheck.down("starting"));
    private AuthService service;

    @Activate
    public AuthComponent(BundleContext context, @Reference Database db, @Reference MeterRegistry metrics, AuthConfig config) {
        metrics.counter("resonance.component.activations", "component", "auth").increment(); // docs/configuration.md
        this.context = context;
        this.db = db;
        this.metrics = metrics;
        registrations.add(context.registerService(HealthIndicator.class, new HealthIndicator() {
            @Override
            public String name() {
                return "auth";
            }

            @Override
            public HealthCheck check() {
                return health.get();
            }
        }, new Hashtable<>()));
        apply(config);
    }

    /**
     * A configuration change, applied in place: the services stay registered, so nothing that uses accounts (the
     * API, streams, sync sockets) restarts. Rate limits, CORS and proxies are applied by the HTTP layer's
     * {@code HttpAccess}, which reads the same PID.
     */
    @Modified
    void modified(AuthConfig config) {
        apply(config);
    }

    private synchronized void apply(AuthConfig config) {
        byte[] secret;
        try {
            secret = JwtSecret.resolve(config.jwtSecret(), db);
        } catch (IllegalArgumentException e) {
            if (service == null) {
                LOG.error("Accounts DOWN: {}", e.getMessage());
                health.set(HealthCheck.down(e.getMessage()));
            } else {
                LOG.error("The new accounts configuration is not applied, the previous one stays: {}", e.getMessage());
            }
            return;
        }
        if (service != null) {
            service.reconfigure(secret, settings(config));
            LOG.info("Accounts reconfigured");
        } else {
            service = new AuthService(db, new PasswordHasher(), secret, settings(config), Clock.systemUTC(), metrics);
            publish(service);
        }
        if (!config.adminUser().isBlank()) {
            try {
                service.bootstrapAdmin(config.adminUser(), config.adminPassword());
            } catch (RuntimeException e) {
                LOG.error("RESONANCE_ADMIN_USER was not created: {}", e.getMessage());
            }
        }
        health.set(HealthCheck.up());
    }

    private void publish(AuthService auth) {
        auth.setupCode().ifPresent(code -> LOG.warn("No account exists yet. Register the first (administrator) account"
                + " in the web app on this machine, or from another one with the setup code {} (also shown by"
                + " resonance:setup-code; valid until the first account exists or the server restarts)", code));
        registrations.add(context.registerService(AuthService.class, auth, new Hashtable<>()));
        registrations.add(context.registerService(Authenticator.class, auth::authenticate, new Hashtable<>()));
        for (Object resource : resources(auth)) {
            registrations.add(context.registerService(Object.class, resource, HttpContribution.resource("core.auth")));
        }
        registrations.add(context.registerService(dev.resonance.impl.graphql.GraphPart.class, graph(auth), null));
    }

    /** The REST resources of accounts, contributed to the API (tests serve the same). */
    public static List<Object> resources(AuthService auth) {
        return List.of(new AuthResource(auth), new AccountResource(auth), new AdminUsersResource(auth));
    }

    /** The accounts' part of the GraphQL schema (tests build the same). */
    public static dev.resonance.impl.graphql.GraphPart graph(AuthService auth) {
        return new AuthGraph(auth);
    }

    static AuthService.Settings settings(AuthConfig config) {
        return new AuthService.Settings(Duration.ofMinutes(config.accessTokenMinutes()), Duration.ofDays(config.refreshTokenDays()),
                new LoginThrottle.Policy(config.lockoutThreshold(), Duration.ofSeconds(config.lockoutBaseSeconds()),
                        Duration.ofSeconds(config.lockoutMaxSeconds()), Duration.ofHours(24)),
                Duration.ofMillis(config.sessionRecheckMillis()));
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
