package dev.resonance.impl.graphql;

import dev.resonance.api.graphql.GraphQlContribution;
import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.http.HttpEndpoint;
import dev.resonance.api.http.SocketEndpoint;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.impl.http.HttpAccess;
import dev.resonance.impl.http.HttpRoute;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GraphQL at {@code /graphql} (HTTP) and {@code /graphql/ws} (subscriptions): a whiteboard like the REST API. The
 * core's features register their {@link GraphPart}s; plugins register {@link GraphQlContribution}s. Each change builds
 * a new schema beside the served one and swaps it in; requests in flight finish on theirs. Until every core part
 * ({@link #CORE_PARTS}) is there the endpoint answers 503 and the {@code graphql} check is DOWN; a plugin whose fields
 * do not build is refused and listed there, and the rest serves.
 */
@Component(immediate = true, service = {})
public final class GraphQlComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GraphQlComponent.class);

    /** The parts of the core's features: the schema is served once each is there. */
    public static final List<String> CORE_PARTS = List.of("core.auth", "core.library", "core.library.admin", "core.sync",
            "core.playlists", "core.history", "core.search");
    /** How long a plugin's field may take. */
    static final long PLUGIN_TIMEOUT_MILLIS = 5_000;

    private final Map<Long, GraphPart> parts = new TreeMap<>();
    private final Map<Long, PluginFields> plugins = new TreeMap<>();
    private final Map<Long, String> rejected = new TreeMap<>();
    private final ExecutorService pluginPool;
    private final ScheduledExecutorService timer;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private volatile Optional<GraphSchema> served = Optional.empty();
    private volatile String state = "starting";
    private Bundle core;

    @Activate
    public GraphQlComponent(BundleContext context, @Reference HttpAccess access, @Reference MeterRegistry metrics) {
        metrics.counter("resonance.component.activations", "component", "graphql").increment(); // docs/metrics.md
        AtomicInteger threads = new AtomicInteger();
        pluginPool = Executors.newFixedThreadPool(4, r -> daemon(r, "resonance-graphql-plugin-" + threads.incrementAndGet()));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "resonance-graphql-timer"));
        synchronized (this) {
            core = context.getBundle();
            rebuild();
        }
        registrations.add(context.registerService(HealthIndicator.class, new Readiness(), null));
        Hashtable<String, Object> http = HttpContribution.endpoint("/graphql", HttpContribution.SIGNED_IN);
        http.put(HttpContribution.NAME, "core.graphql");
        registrations.add(context.registerService(HttpEndpoint.class, new GraphQlServlet(this::schema, access.limiter()), http));
        Hashtable<String, Object> ws = HttpContribution.endpoint("/graphql/ws", HttpContribution.SIGNED_IN);
        ws.put(HttpContribution.NAME, "core.graphql.ws");
        ws.put(HttpRoute.SUBPROTOCOL, GraphQlSockets.PROTOCOL);
        registrations.add(context.registerService(SocketEndpoint.class, new GraphQlSockets(this::schema, access.limiter(), timer), ws));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The schema served now; empty while a core part is missing. */
    public Optional<GraphSchema> schema() {
        return served;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addPart(ServiceReference<GraphPart> reference, GraphPart part) {
        parts.put(id(reference), part);
        rebuild();
    }

    synchronized void removePart(ServiceReference<GraphPart> reference, GraphPart part) {
        parts.remove(id(reference));
        rebuild();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addContribution(ServiceReference<GraphQlContribution> reference, GraphQlContribution contribution) {
        Bundle bundle = reference.getBundle();
        String plugin = bundle == null ? "?" : Optional.ofNullable(bundle.getHeaders("").get(PluginDescriptor.HEADER))
                .orElse(bundle.getSymbolicName());
        try {
            plugins.put(id(reference), new PluginFields(plugin, contribution, pluginPool == null ? Runnable::run : pluginPool,
                    PLUGIN_TIMEOUT_MILLIS));
        } catch (IllegalArgumentException | LinkageError e) {
            rejected.put(id(reference), plugin + ": " + e.getMessage());
            LOG.error("GraphQL fields of {} refused: {}", plugin, e.getMessage());
        }
        rebuild();
    }

    synchronized void removeContribution(ServiceReference<GraphQlContribution> reference, GraphQlContribution contribution) {
        plugins.remove(id(reference));
        rejected.remove(id(reference));
        rebuild();
    }

    private static long id(ServiceReference<?> reference) {
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    /** Builds the schema of what is registered now (called with this locked). */
    private void rebuild() {
        if (core == null) {
            return; // bound before activation: the constructor builds
        }
        List<String> names = parts.values().stream().map(GraphPart::name).toList();
        List<String> missing = CORE_PARTS.stream().filter(n -> !names.contains(n)).toList();
        if (!missing.isEmpty()) {
            served = Optional.empty();
            state = "starting: " + String.join(", ", missing) + " not served yet";
            return;
        }
        try {
            GraphSchema schema = GraphSchema.build(List.copyOf(parts.values()), List.copyOf(plugins.values()));
            schema.refused().forEach(r -> LOG.error("GraphQL fields of {} refused: {}", r.plugin(), r.reason()));
            served = Optional.of(schema);
            List<String> refusals = new ArrayList<>(rejected.values());
            schema.refused().forEach(r -> refusals.add(r.plugin() + ": " + r.reason()));
            state = "serving " + String.join(", ", names) + (plugins.isEmpty() ? "" : " and the fields of "
                    + String.join(", ", plugins.values().stream().map(PluginFields::name).toList()))
                    + (refusals.isEmpty() ? "" : "; refused: " + String.join("; ", refusals));
        } catch (RuntimeException e) {
            LOG.error("The GraphQL schema of the core's parts does not build", e);
            served = Optional.empty();
            state = "the schema does not build: " + e.getMessage();
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        pluginPool.shutdownNow();
        timer.shutdownNow();
    }

    /** {@code graphql}: DOWN until every core part is served; lists refused plugin fields. */
    private final class Readiness implements HealthIndicator {
        @Override
        public String name() {
            return "graphql";
        }

        @Override
        public HealthCheck check() {
            return served.isPresent() ? HealthCheck.up(state) : HealthCheck.down(state);
        }
    }
}
