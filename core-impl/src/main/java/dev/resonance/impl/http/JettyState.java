package dev.resonance.impl.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What pax-web's Jetty on this node last did, as its {@link Server} tells the {@link JettyErrorHandlerInstaller} once a request came through it: whether
 * it is listening (started: every connector bound) or failed to start, and why. The {@link StartupProbe}'s evidence
 * that a port which does not answer yet is ours (a slow start) rather than another program's (a failed bind).
 */
final class JettyState {

    private static volatile boolean listening;
    private static volatile String failure;

    private JettyState() {
    }

    /** Whether Jetty has started and holds its ports now. */
    static boolean listening() {
        return listening;
    }

    /** Why Jetty last failed to start, when it did (and has not started since). */
    static java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Follows {@code server}'s life from now on (and takes its state now). */
    static void follow(Server server) {
        server.addLifeCycleListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                failure = null;
                listening = bound(server);
            }

            @Override
            public void lifeCycleFailure(LifeCycle event, Throwable cause) {
                if (event == server) {
                    listening = false;
                    failure = String.valueOf(cause);
                }
            }

            @Override
            public void lifeCycleStopped(LifeCycle event) {
                if (event == server) {
                    listening = false;
                }
            }
        });
        if (server.isStarted()) { // followed once it runs (learnt from a request): what it is now is what counts
            failure = null;
            listening = bound(server);
        }
    }

    private static boolean bound(Server server) {
        Connector[] connectors = server.getConnectors();
        if (connectors == null || connectors.length == 0) {
            return false;
        }
        for (Connector connector : connectors) {
            if (connector instanceof NetworkConnector network && (!network.isOpen() || network.getLocalPort() <= 0)) {
                return false;
            }
        }
        return true;
    }

    /** For tests: forget what was seen. */
    static void reset() {
        listening = false;
        failure = null;
    }
}
