package dev.resonance.impl.plugins;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.impl.plugins.Decisions.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins this server has: every bundle whose manifest names a {@link PluginDescriptor#HEADER}, its descriptor,
 * the admin's decision about it and the state that follows. A plugin runs (its bundle is started) only while it is
 * valid, compatible with this core-api, enabled by an admin, and everything it asks for was approved; otherwise its
 * bundle is stopped and the reason is shown. New plugins arrive disabled; an upgrade that asks for no new permission
 * keeps running, one that asks for more waits for an admin.
 *
 * <p>Bundle starts and stops run on one worker thread, never on the framework's event thread; the actions an admin
 * takes wait for the outcome (up to 30 s) so they can answer with the resulting state.
 */
public final class PluginManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginManager.class);
    private static final long WAIT_SECONDS = 30;

    /** Where a plugin stands. */
    public enum State {
        /** Running: bundle active. */
        ENABLED,
        /** Not running because no admin enabled it (or an upgrade awaits approval): see the reason. */
        DISABLED,
        /** Enabled, but its bundle could not start (unresolved imports, activator failure): see the reason. */
        FAILED,
        /** Never runs: invalid descriptor, incompatible core-api, or a taken id. */
        REFUSED
    }

    /** The last thing that went wrong in calls into a plugin. */
    public record Problem(String message, Instant at, long count) {
    }

    /** A plugin as the manager shows it. */
    public record Plugin(String id, long bundleId, String symbolicName, String version, State state,
                         Optional<String> reason, Optional<Descriptor> descriptor, boolean enabled,
                         Optional<String> approvedVersion, Map<String, Descriptor.Grant> approved,
                         Optional<Problem> problem) {
    }

    /** What happened, for the audit log and the event stream. */
    public record Action(String action, String pluginId, String version, Optional<Long> by) {
    }

    private final class Entry {
        final Bundle bundle;
        final String headerId;
        volatile Descriptor.Result descriptor;
        volatile State state = State.DISABLED;
        volatile Optional<String> reason = Optional.of("not enabled");
        volatile Version readVersion;

        Entry(Bundle bundle, String headerId) {
            this.bundle = bundle;
            this.headerId = headerId;
            reread();
        }

        void reread() {
            readVersion = bundle.getVersion();
            URL url = bundle.getEntry(PluginDescriptor.RESOURCE);
            Optional<InputStream> json;
            try {
                json = url == null ? Optional.empty() : Optional.of(url.openStream());
            } catch (IOException e) {
                json = Optional.empty();
            }
            descriptor = Descriptor.read(headerId, readVersion, json);
        }

        Optional<Descriptor> valid() {
            return descriptor instanceof Descriptor.Valid v ? Optional.of(v.descriptor()) : Optional.empty();
        }
    }

    private final BundleContext context;
    private final Decisions decisions;
    private final Clock clock;
    private final Consumer<Action> audit;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Decision> decided = new ConcurrentHashMap<>();
    private final Map<String, Problem> problems = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "resonance-plugin-manager");
        thread.setDaemon(true);
        return thread;
    });
    private final BundleTracker<Entry> tracker;

    PluginManager(BundleContext context, Decisions decisions, Clock clock, Consumer<Action> audit) {
        this.context = context;
        this.decisions = decisions;
        this.clock = clock;
        this.audit = audit;
        decided.putAll(decisions.all());
        int states = Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;
        tracker = new BundleTracker<>(context, states, null) {
            @Override
            public Entry addingBundle(Bundle bundle, BundleEvent event) {
                String id = bundle.getHeaders("").get(PluginDescriptor.HEADER);
                if (id == null || id.isBlank()) {
                    return null;
                }
                Entry entry = new Entry(bundle, id.strip());
                entries.put(bundle.getBundleId(), entry);
                worker.execute(() -> reconcileAll());
                return entry;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, Entry entry) {
                if (!bundle.getVersion().equals(entry.readVersion)
                    || (event != null && event.getType() == BundleEvent.UPDATED)) {
                    entry.reread();
                }
                worker.execute(() -> reconcileAll());
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Entry entry) {
                entries.remove(bundle.getBundleId());
                worker.execute(() -> reconcileAll());
            }
        };
        tracker.open();
    }

    /** Every plugin, by id. */
    public List<Plugin> list() {
        return entries.values().stream().map(this::view).sorted(Comparator.comparing(Plugin::id)
            .thenComparing(Plugin::bundleId)).toList();
    }

    /** Plugin {@code id}, or NOT_FOUND. */
    public Plugin get(String id) {
        return view(entry(id));
    }

    /** Approves what the plugin asks for and starts it; answers the resulting state. */
    public Plugin enable(String id, Optional<Long> by) {
        Entry entry = entry(id);
        Optional<String> refusal = refusal(entry);
        if (refusal.isPresent()) {
            throw ResonanceException.conflict("plugin_refused", "Plugin " + id + " cannot be enabled: " + refusal.get());
        }
        Descriptor descriptor = entry.valid().orElseThrow();
        decided.put(entry.headerId, decisions.save(entry.headerId, true, Optional.of(descriptor), by));
        audit.accept(new Action("plugin.enabled", id, descriptor.version(), by));
        return settle(id);
    }

    /** Stops the plugin and keeps it stopped across restarts; its configuration and store are kept. */
    public Plugin disable(String id, Optional<Long> by) {
        Entry entry = entry(id);
        decided.put(entry.headerId, decisions.save(entry.headerId, false, Optional.empty(), by));
        audit.accept(new Action("plugin.disabled", id, entry.bundle.getVersion().toString(), by));
        return settle(id);
    }

    /** Reconciles now (on the worker) and answers the plugin's state after it. */
    Plugin settle(String id) {
        reconcileNow();
        return get(id);
    }

    /** Applies every plugin's state now (on the worker) and waits for it. */
    void reconcileNow() {
        await(worker.submit(this::reconcileAll));
    }

    /**
     * The valid descriptor of a plugin bundle, whatever its state: the core services a plugin gets are shaped by it
     * (a plugin only runs once an admin approved what it declares, so a running plugin's declarations are approved).
     */
    public Optional<Descriptor> descriptor(Bundle bundle) {
        Entry entry = entries.get(bundle.getBundleId());
        return entry == null ? Optional.empty() : entry.valid();
    }

    /** The plugin id of a bundle, when it is a plugin. */
    public Optional<String> pluginId(Bundle bundle) {
        return Optional.ofNullable(entries.get(bundle.getBundleId())).map(e -> e.headerId);
    }

    /**
     * Whether the descriptor of plugin bundle {@code bundle} names {@code capability} (an SPI's simple name): the core
     * uses a plugin's services only of the SPIs it declared (and the admin saw).
     */
    public boolean declares(Bundle bundle, String capability) {
        return descriptor(bundle).map(d -> d.capabilities().contains(capability)).orElse(false);
    }

    /** Whether services of {@code bundle} may be used: it is a plugin that is enabled and running. */
    public boolean admits(Bundle bundle) {
        Entry entry = entries.get(bundle.getBundleId());
        return entry != null && entry.state == State.ENABLED;
    }

    /**
     * Records a failure of a call into a plugin: logged at WARN the first time a plugin fails with this message (then
     * counted quietly), kept as the plugin's last problem until a call succeeds again.
     */
    public void failed(Bundle bundle, String message) {
        String id = pluginId(bundle).orElse(bundle.getSymbolicName());
        Problem previous = problems.get(id);
        boolean repeat = previous != null && previous.message().equals(message);
        problems.put(id, new Problem(message, clock.instant(), repeat ? previous.count() + 1 : 1));
        if (!repeat) {
            LOG.warn("Plugin {}: {} (reported once; see the plugin manager)", id, message);
        }
    }

    /** A call into the plugin succeeded: its last problem is over. */
    public void succeeded(Bundle bundle) {
        pluginId(bundle).ifPresent(id -> {
            if (problems.remove(id) != null) {
                LOG.info("Plugin {} answers again", id);
            }
        });
    }

    /** Plugins with a problem or a refusal, for health. */
    public List<Plugin> troubled() {
        return list().stream().filter(p -> p.problem().isPresent() || p.state() == State.FAILED
            || p.state() == State.REFUSED).toList();
    }

    Optional<Bundle> bundle(String id) {
        return Optional.ofNullable(find(id)).map(e -> e.bundle);
    }

    /** Forgets the admin's decision and the plugin's store (after its bundle is uninstalled). */
    void forget(String id, Optional<Long> by, String version) {
        decisions.forget(id);
        decided.remove(id);
        problems.remove(id);
        audit.accept(new Action("plugin.uninstalled", id, version, by));
    }

    void audited(Action action) {
        audit.accept(action);
    }

    private Entry entry(String id) {
        Entry entry = find(id);
        if (entry == null) {
            throw ResonanceException.notFound("plugin_not_found", "No plugin " + id);
        }
        return entry;
    }

    private Entry find(String id) {
        return entries.values().stream().filter(e -> e.headerId.equals(id))
            .min(Comparator.comparingLong(e -> e.bundle.getBundleId())).orElse(null);
    }

    private synchronized void reconcileAll() {
        for (Entry entry : List.copyOf(entries.values())) {
            try {
                reconcile(entry);
            } catch (RuntimeException e) {
                LOG.warn("Plugin {}: could not apply its state: {}", entry.headerId, e.toString());
            }
        }
    }

    private void reconcile(Entry entry) {
        Optional<String> refusal = refusal(entry);
        if (refusal.isPresent()) {
            settle(entry, State.REFUSED, refusal, false);
            return;
        }
        Descriptor descriptor = entry.valid().orElseThrow();
        Decision decision = decided.getOrDefault(entry.headerId, Decision.NONE);
        if (!decision.enabled()) {
            settle(entry, State.DISABLED, Optional.of("not enabled"), false);
        } else if (!decision.covers(descriptor)) {
            settle(entry, State.DISABLED, Optional.of("version " + descriptor.version()
                + " asks for permissions not approved yet (" + String.join(", ", descriptor.permissionsByName().keySet())
                + "): enable it to approve them"), false);
        } else {
            settle(entry, State.ENABLED, Optional.empty(), true);
        }
    }

    private Optional<String> refusal(Entry entry) {
        if (entry.descriptor instanceof Descriptor.Invalid invalid) {
            return Optional.of(invalid.reason());
        }
        Descriptor descriptor = entry.valid().orElseThrow();
        Version api = Version.valueOf(PluginDescriptor.apiVersion());
        if (!descriptor.apiRange().includes(api)) {
            return Optional.of("needs core-api " + descriptor.api() + "; this server offers " + api);
        }
        Entry first = find(entry.headerId);
        if (first != null && first != entry) {
            return Optional.of("plugin id " + entry.headerId + " is taken by bundle " + first.bundle.getBundleId()
                + " (" + first.bundle.getSymbolicName() + ")");
        }
        return Optional.empty();
    }

    private void settle(Entry entry, State wanted, Optional<String> reason, boolean run) {
        Bundle bundle = entry.bundle;
        int state = bundle.getState();
        boolean running = (state & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
        if (run && state != Bundle.ACTIVE) {
            try {
                bundle.start();
            } catch (BundleException | IllegalStateException e) {
                entry.state = State.FAILED;
                entry.reason = Optional.of(firstLine(e.getMessage()));
                LOG.warn("Plugin {} could not start: {}", entry.headerId, entry.reason.get());
                return;
            }
            LOG.info("Plugin {} {} started", entry.headerId, bundle.getVersion());
        } else if (!run && running) {
            try {
                bundle.stop();
                LOG.info("Plugin {} {} stopped: {}", entry.headerId, bundle.getVersion(), reason.orElse(""));
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Plugin {} could not be stopped: {}", entry.headerId, e.getMessage());
            }
        }
        entry.state = wanted;
        entry.reason = reason;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "failed to start";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private Plugin view(Entry entry) {
        Decision decision = decided.getOrDefault(entry.headerId, Decision.NONE);
        return new Plugin(entry.headerId, entry.bundle.getBundleId(), Objects.toString(entry.bundle.getSymbolicName()),
            entry.bundle.getVersion().toString(), entry.state, entry.reason, entry.valid(), decision.enabled(),
            decision.approvedVersion(), decision.approved(), Optional.ofNullable(problems.get(entry.headerId)));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ResonanceException.unavailable("interrupted", "Interrupted while applying the plugin change");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw ResonanceException.unavailable("plugin_busy", "The plugin change is still being applied; look again shortly");
        }
    }

    @Override
    public void close() {
        tracker.close();
        worker.shutdownNow();
    }
}
