package dev.resonance.paxexam;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;

/**
 * What the OSGi framework did to every bundle but the plugin's own while the test ran: each bundle event (a refresh
 * shows as UNRESOLVED then RESOLVED, an update as UPDATED, a restart as STOPPING/STOPPED/STARTING/STARTED), each
 * service another bundle unregistered (a component deactivated), and the framework's refreshes. Derived from the
 * framework, not from a hand-written list: a bundle nobody thought of that restarts is caught as well.
 */
final class BundleWatch implements AutoCloseable {

    /** One bundle as it stood: enough to tell that it was reinstalled, updated, refreshed or restarted. */
    record Standing(long id, String symbolicName, String version, String state, long lastModified) {
    }

    private final BundleContext context;
    private final Predicate<Bundle> ignored;
    private final Map<Long, Standing> before;
    private final List<String> bundleEvents = new CopyOnWriteArrayList<>();
    private final List<String> unregistered = new CopyOnWriteArrayList<>();
    private final List<String> frameworkEvents = new CopyOnWriteArrayList<>();
    private final List<String> ignoredEvents = new CopyOnWriteArrayList<>();

    private final SynchronousBundleListener bundles = event -> {
        String line = describe(event.getBundle()) + " " + bundleEvent(event.getType());
        if (ignoredBundle(event.getBundle())) {
            ignoredEvents.add(line);
        } else {
            bundleEvents.add(line);
        }
    };
    private final ServiceListener services = event -> {
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            ServiceReference<?> service = event.getServiceReference();
            Bundle owner = service.getBundle();
            if (owner != null && !ignoredBundle(owner)) {
                unregistered.add(describe(owner) + " " + java.util.Arrays.toString((String[]) service.getProperty("objectClass"))
                    + " " + service.getProperty("component.name"));
            }
        }
    };
    private final FrameworkListener framework = event -> {
        if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
            frameworkEvents.add((event.getType() == FrameworkEvent.ERROR ? "ERROR " : "PACKAGES_REFRESHED ")
                + describe(event.getBundle()) + (event.getThrowable() == null ? "" : " " + event.getThrowable()));
        }
    };

    /** Starts watching every bundle but those {@code ignored} (the plugin's, whose restarts are the point). */
    BundleWatch(BundleContext context, Predicate<Bundle> ignored) {
        this.context = context;
        this.ignored = ignored;
        context.addBundleListener(bundles);
        context.addServiceListener(services);
        context.addFrameworkListener(framework);
        this.before = standing();
    }

    private boolean ignoredBundle(Bundle bundle) {
        return bundle.getBundleId() == context.getBundle().getBundleId() || ignored.test(bundle);
    }

    /** Every watched bundle now, by id. */
    Map<Long, Standing> standing() {
        Map<Long, Standing> now = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (!ignoredBundle(bundle)) {
                now.put(bundle.getBundleId(), new Standing(bundle.getBundleId(), bundle.getSymbolicName(),
                    bundle.getVersion().toString(), state(bundle.getState()), bundle.getLastModified()));
            }
        }
        return now;
    }

    Map<Long, Standing> before() {
        return before;
    }

    /** Bundle events of watched bundles, in order ("12 dev.resonance.core UNRESOLVED"). */
    List<String> bundleEvents() {
        return List.copyOf(bundleEvents);
    }

    /** Bundle events of the ignored bundles (the plugin's): proof that the listener heard what happened. */
    List<String> ignoredEvents() {
        return List.copyOf(ignoredEvents);
    }

    /** Services watched bundles unregistered. */
    List<String> unregistered() {
        return List.copyOf(unregistered);
    }

    /** Refreshes and errors the framework reported. */
    List<String> frameworkEvents() {
        return List.copyOf(frameworkEvents);
    }

    @Override
    public void close() {
        context.removeBundleListener(bundles);
        context.removeServiceListener(services);
        context.removeFrameworkListener(framework);
    }

    private static String describe(Bundle bundle) {
        return bundle.getBundleId() + " " + bundle.getSymbolicName() + " " + bundle.getVersion();
    }

    static String bundleEvent(int type) {
        return switch (type) {
            case BundleEvent.INSTALLED -> "INSTALLED";
            case BundleEvent.STARTED -> "STARTED";
            case BundleEvent.STOPPED -> "STOPPED";
            case BundleEvent.UPDATED -> "UPDATED";
            case BundleEvent.UNINSTALLED -> "UNINSTALLED";
            case BundleEvent.RESOLVED -> "RESOLVED";
            case BundleEvent.UNRESOLVED -> "UNRESOLVED";
            case BundleEvent.STARTING -> "STARTING";
            case BundleEvent.STOPPING -> "STOPPING";
            case BundleEvent.LAZY_ACTIVATION -> "LAZY_ACTIVATION";
            default -> "event " + type;
        };
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }
}
