package dev.resonance.impl.http;

import dev.resonance.impl.auth.AccessPolicy;
import dev.resonance.impl.auth.AccountResource;
import dev.resonance.impl.auth.AdminUsersResource;
import dev.resonance.impl.auth.AuthResource;
import dev.resonance.impl.auth.AuthService;
import dev.resonance.impl.auth.RateLimiter;
import dev.resonance.api.db.Database;
import dev.resonance.impl.library.LibraryResource;
import dev.resonance.impl.library.LibraryService;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.ContentResource;
import dev.resonance.impl.stream.StreamResource;
import dev.resonance.impl.stream.StreamServices;
import dev.resonance.impl.sync.LikesResource;
import dev.resonance.impl.sync.SettingsResource;
import dev.resonance.impl.sync.SyncResource;
import dev.resonance.impl.sync.SyncServices;
import org.glassfish.jersey.server.ResourceConfig;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The REST API at {@code /api/*}. It needs the account system, which needs the database, so it exists only while
 * they are up; meanwhile the {@link Site} answers 503. Immediate: a delayed Jersey servlet is built twice.
 */
@Component(immediate = true, service = {})
public final class ApiServlet {

    private final ServiceRegistration<HttpRoute> registration;

    @Activate
    public ApiServlet(BundleContext context, @Reference AuthService auth, @Reference AccessPolicy policy,
                      @Reference LibraryService library, @Reference Database db, @Reference SyncServices sync,
                      @Reference StreamServices stream) {
        ServerInfoResource.Version version = new ServerInfoResource.Version(context.getBundle().getVersion().toString());
        registration = JerseyServlets.route(context, "resonance-api", "/api",
                new ApiServletContainer(api(auth, policy, version, library,
                        new CatalogQueries(db, library::catalogGeneration, java.time.Duration.ofSeconds(30)), sync, stream),
                        policy.clients()));
    }

    /**
     * Every resource class of the REST API, in one list: the application registers them, and the OpenAPI document
     * ({@code openapi.json}, served by {@link OpenApiResource}) is generated from them by a test that fails on drift.
     */
    public static final java.util.List<Class<?>> RESOURCES = java.util.List.of(
            ServerInfoResource.class,
            OpenApiResource.class,
            AuthResource.class,
            AccountResource.class,
            AdminUsersResource.class,
            LibraryResource.class,
            dev.resonance.impl.library.AdminLibraryResource.class,
            ContentResource.class,
            dev.resonance.impl.library.browse.ImageResource.class,
            LikesResource.class,
            SettingsResource.class,
            SyncResource.class,
            StreamResource.class,
            dev.resonance.impl.stream.DeviceStreamingResource.class);

    /** Every resource and filter of the REST API; tests build the same application in memory. */
    public static ResourceConfig api(AuthService auth, AccessPolicy policy, ServerInfoResource.Version version,
                                     LibraryService library, CatalogQueries catalog, SyncServices sync, StreamServices stream) {
        ResourceConfig config = JerseyServlets.application()
                .register(ServerTiming.class)
                .register(RouteTemplateFilter.class)
                .register(new CorsFilter(policy.corsOrigins()))
                .register(new CsrfFilter(policy.corsOrigins()))
                .register(new AuthenticationFilter(auth::authenticate))
                .register(new AccessControl(new RateLimiter(policy.perMinute())));
        RESOURCES.forEach(config::register);
        return config
                .register(JerseyServlets.services(auth, version, auth.settings(), library, catalog, library.images(),
                        sync.sync(), sync.likes(), sync.settings(), stream));
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
