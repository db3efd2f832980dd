package dev.resonance.impl.plugins;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins' services of one SPI, as the core's features ask them (the calling conventions of
 * {@code dev.resonance.api.plugin}): tracked dynamically and greedily (a service registered while a request runs is
 * asked by the next request; one unregistered mid-call just gives nothing), in service-ranking order (higher first),
 * and only while their plugin is enabled and its descriptor names the SPI among its {@code capabilities}. A service of
 * an SPI its plugin did not declare is never used; that is logged once per plugin bundle and SPI.
 *
 * <p>Every call goes through {@link PluginCalls}: off the caller's thread, with the plugin call timeout, failures
 * reported to the plugin manager and turned into "no answer from this plugin".
 */
public final class Providers<S> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

    /** What one plugin answered. */
    public record Answer<T>(String plugin, T value) {
    }

    /** A question to one provider. */
    @FunctionalInterface
    public interface Ask<S, T> {
        T ask(S provider) throws Exception;
    }

    private record Usable<S>(Bundle bundle, String plugin, S service) {
    }

    private final Class<S> type;
    private final PluginManager manager;
    private final PluginCalls calls;
    private final ServiceTracker<S, S> tracker;
    private final Set<String> undeclaredReported = ConcurrentHashMap.newKeySet();

    private Providers(BundleContext context, Class<S> type, PluginManager manager, PluginCalls calls) {
        this.type = type;
        this.manager = manager;
        this.calls = calls;
        this.tracker = new ServiceTracker<>(context, type, null);
    }

    /** Starts tracking the services of {@code type} registered in {@code context}'s framework. */
    public static <S> Providers<S> track(BundleContext context, Class<S> type, PluginManager manager, PluginCalls calls) {
        Providers<S> providers = new Providers<>(context, type, manager, calls);
        providers.tracker.open();
        return providers;
    }

    /** The SPI's simple name, as descriptors name it among their capabilities. */
    public String capability() {
        return type.getSimpleName();
    }

    /** The usable providers now, highest ranking first. */
    private List<Usable<S>> usable() {
        ServiceReference<S>[] references = tracker.getServiceReferences();
        if (references == null) {
            return List.of();
        }
        Arrays.sort(references, Collections.reverseOrder()); // natural order: ranking, then registration order
        List<Usable<S>> usable = new ArrayList<>(references.length);
        for (ServiceReference<S> reference : references) {
            Bundle bundle = reference.getBundle();
            if (bundle == null || !manager.admits(bundle) || !declares(bundle)) {
                continue;
            }
            S service = tracker.getService(reference);
            Optional<String> plugin = manager.pluginId(bundle);
            if (service != null && plugin.isPresent()) {
                usable.add(new Usable<>(bundle, plugin.get(), service));
            }
        }
        return usable;
    }

    private boolean declares(Bundle bundle) {
        boolean declared = manager.declares(bundle, capability());
        if (!declared && undeclaredReported.add(bundle.getBundleId() + "/" + bundle.getVersion())) {
            LOG.warn("Plugin {} registers a {} but does not name it in its descriptor's capabilities: not used",
                manager.pluginId(bundle).orElse(bundle.getSymbolicName()), capability());
        }
        return declared;
    }

    /**
     * Asks the providers one after the other in ranking order until one gives a {@code useful} answer.
     *
     * @param method the SPI method asked, for reports ("lyrics")
     */
    public <T> Optional<Answer<T>> first(String method, Ask<S, T> ask, Predicate<? super T> useful) {
        for (Usable<S> provider : usable()) {
            Optional<T> answer = calls.call(provider.bundle(), capability() + "." + method, () -> ask.ask(provider.service()));
            if (answer.isPresent() && useful.test(answer.get())) {
                return Optional.of(new Answer<>(provider.plugin(), answer.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #first(String, Ask, Predicate)}, all within {@code deadline} from now: each provider gets what is left
     * of it (at most the plugin call timeout), and none is asked once it has passed (search as you type cannot wait
     * the 5 s a lyrics lookup may).
     */
    public <T> Optional<Answer<T>> first(String method, Ask<S, T> ask, Predicate<? super T> useful, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        for (Usable<S> provider : usable()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Duration limit = Duration.ofNanos(Math.min(left, calls.timeout().toNanos()));
            Optional<T> answer = calls.await(calls.start(provider.bundle(), capability() + "." + method,
                () -> ask.ask(provider.service()), limit));
            if (answer.isPresent() && useful.test(answer.get())) {
                return Optional.of(new Answer<>(provider.plugin(), answer.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Asks every provider at once (each on its own plugin-call thread, all within one timeout) and returns the answers
     * that came, in ranking order.
     */
    public <T> List<Answer<T>> all(String method, Ask<S, T> ask) {
        List<Usable<S>> providers = usable();
        List<PluginCalls.Pending<T>> started = new ArrayList<>(providers.size());
        for (Usable<S> provider : providers) {
            started.add(calls.start(provider.bundle(), capability() + "." + method, () -> ask.ask(provider.service())));
        }
        List<Answer<T>> answers = new ArrayList<>(providers.size());
        for (int i = 0; i < providers.size(); i++) {
            String plugin = providers.get(i).plugin();
            calls.await(started.get(i)).ifPresent(value -> answers.add(new Answer<>(plugin, value)));
        }
        return answers;
    }

    /** The plugins whose providers would be asked now, in ranking order. */
    public List<String> plugins() {
        return usable().stream().map(Usable::plugin).toList();
    }

    @Override
    public void close() {
        tracker.close();
    }
}
