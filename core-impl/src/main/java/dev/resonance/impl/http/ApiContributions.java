package dev.resonance.impl.http;

import dev.resonance.api.health.HealthCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.servlet.ServletException;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST resources the API serves, as they come and go: each change builds a new application beside the running
 * one and swaps it in ({@link ApiServletContainer#replace}), so nothing restarts and no request in flight fails.
 * Changes that arrive while a build runs are applied together by the next one (one build thread). A contribution
 * whose resource model Jersey rejects — alone or beside the ones contributed before it (a path already served) — is
 * refused and reported; the others are served.
 */
public final class ApiContributions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiContributions.class);

    /** A contributed resource object: {@code id} orders contributions (older first) and identifies them. */
    public record Contribution(String name, Object resource, long id) {
    }

    private final ApiServletContainer container;
    private final Function<Collection<Object>, ResourceConfig> application;
    private final List<String> required;
    private final Map<Long, Contribution> wanted = new ConcurrentHashMap<>();
    private final Map<Long, String> refused = new ConcurrentHashMap<>();
    private final ExecutorService builds;
    private final AtomicReference<Future<?>> queued = new AtomicReference<>();
    private volatile List<Contribution> served = List.of();

    /** Serves, through {@code container}, the application {@code application} makes of the contributed resources. */
    public ApiContributions(ApiServletContainer container, Function<Collection<Object>, ResourceConfig> application) {
        this(container, application, List.of());
    }

    /**
     * While any of the contributions named in {@code required} is missing (the core is starting, or its database is
     * being replaced), a path no resource serves answers 503 {@code unavailable} with {@code Retry-After}, not 404:
     * the resource that serves it is coming back.
     */
    public ApiContributions(ApiServletContainer container, Function<Collection<Object>, ResourceConfig> application,
                            List<String> required) {
        this.container = container;
        this.application = application;
        this.required = List.copyOf(required);
        ClassLoader loader = ApiContributions.class.getClassLoader();
        this.builds = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "resonance-api-contributions");
            thread.setDaemon(true);
            thread.setContextClassLoader(loader); // Jersey finds its own providers through it
            return thread;
        });
    }

    /** Serves {@code contribution} from the next build on. */
    public Future<?> add(Contribution contribution) {
        wanted.put(contribution.id(), contribution);
        return rebuild();
    }

    /** Stops serving the contribution {@code id} from the next build on. */
    public Future<?> remove(long id) {
        wanted.remove(id);
        refused.remove(id);
        return rebuild();
    }

    /** Reports a contribution that never reached the API (its service could not be obtained). */
    public void refuse(long id, String name, String reason) {
        refused.put(id, name + ": " + reason);
        LOG.error("REST contribution {} refused: {}", name, reason);
    }

    /** One build after now; changes already queued share it. Completes when the API serves them. */
    private Future<?> rebuild() {
        while (true) {
            Future<?> pending = queued.get();
            if (pending != null && !pending.isDone()) {
                return pending; // not started yet: it will read this change
            }
            java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
                queued.set(null); // from here on a change needs another build
                build();
                return null;
            });
            if (queued.compareAndSet(pending, task)) {
                builds.execute(task);
                return task;
            }
        }
    }

    private void build() {
        List<Contribution> candidates = new ArrayList<>(wanted.values());
        candidates.removeIf(c -> refused.containsKey(c.id()));
        candidates.sort(Comparator.comparingLong(Contribution::id));
        try {
            container.replace(applicationOf(candidates));
            served = List.copyOf(candidates);
            LOG.debug("API serves {}", names(candidates));
            return;
        } catch (ServletException | RuntimeException whole) {
            LOG.debug("The API did not build with {}: {}", names(candidates), whole.toString());
        }
        List<Contribution> accepted = new ArrayList<>();
        for (Contribution c : candidates) {
            List<Contribution> trial = new ArrayList<>(accepted);
            trial.add(c);
            Optional<String> problem = problem(trial);
            if (problem.isPresent()) {
                refuse(c.id(), c.name(), problem.get());
            } else {
                accepted.add(c);
            }
        }
        try {
            container.replace(applicationOf(accepted));
            served = List.copyOf(accepted);
        } catch (ServletException | RuntimeException e) {
            LOG.error("The API could not be rebuilt with {}; it keeps serving {}", names(accepted), names(served), e);
        }
    }

    private ResourceConfig applicationOf(List<Contribution> contributions) {
        List<Object> resources = new ArrayList<>(contributions.stream().map(Contribution::resource).toList());
        List<String> names = contributions.stream().map(Contribution::name).toList();
        if (!names.containsAll(required)) {
            resources.add(new Unavailable());
        }
        return application.apply(resources);
    }

    /** Every path no resource serves, while a required contribution is missing: 503, try again shortly. */
    @javax.ws.rs.Path("{path: .*}")
    @dev.resonance.api.auth.Public
    public static final class Unavailable {
        private static dev.resonance.api.error.ResonanceException unavailable() {
            return dev.resonance.api.error.ResonanceException.unavailable("unavailable",
                    "Resonance is starting or its database is down: see /health", java.time.Duration.ofSeconds(5));
        }

        @javax.ws.rs.GET
        public void get() {
            throw unavailable();
        }

        @javax.ws.rs.POST
        public void post() {
            throw unavailable();
        }

        @javax.ws.rs.PUT
        public void put() {
            throw unavailable();
        }

        @javax.ws.rs.PATCH
        public void patch() {
            throw unavailable();
        }

        @javax.ws.rs.DELETE
        public void delete() {
            throw unavailable();
        }
    }

    /** Why Jersey refuses the application of {@code contributions}, if it does. */
    private Optional<String> problem(List<Contribution> contributions) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(contributions.get(contributions.size() - 1).resource().getClass().getClassLoader());
        try {
            new ApplicationHandler(applicationOf(contributions));
            return Optional.empty();
        } catch (org.glassfish.jersey.server.model.ModelValidationException e) {
            return Optional.of("Jersey rejects its resource model: " + e.getIssues().stream().filter(i -> i.getSeverity() == org.glassfish.jersey.Severity.FATAL)
                    .map(i -> i.getMessage()).collect(Collectors.joining("; ")));
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(e.toString());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static String names(List<Contribution> contributions) {
        return contributions.stream().map(Contribution::name).distinct().collect(Collectors.joining(", "));
    }

    /** The names of the contributions served now. */
    public List<String> servedNames() {
        return served.stream().map(Contribution::name).distinct().toList();
    }

    /** Why each refused contribution was refused. */
    public List<String> refusals() {
        return List.copyOf(refused.values());
    }

    /** UP once every one of {@code required} is served, listing refusals either way. */
    public HealthCheck check(List<String> required) {
        List<String> names = servedNames();
        List<String> missing = required.stream().filter(n -> !names.contains(n)).toList();
        String refusals = refused.isEmpty() ? "" : "; refused: " + String.join("; ", refusals());
        return missing.isEmpty() ? HealthCheck.up("serving " + String.join(", ", names) + refusals)
                : HealthCheck.down("starting: " + String.join(", ", missing) + " not served yet" + refusals);
    }

    @Override
    public void close() {
        builds.shutdownNow();
        try {
            builds.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
