package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.health.HealthReport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The start-up probe tells a port another program holds (exit) from a port Jetty holds while the site is slow to
 * answer (keep waiting): a loaded machine must never make Resonance kill itself. Seen once in the distribution tests
 * under a load of 7 on 2 cores: the probe gave up after 20 s although Jetty had started on the port.
 */
class StartupProbeTest {

    private static final long DEADLINE_MS = 300;

    /** A server that accepts connections and never answers: what a silent program on the port, or a stuck site, looks like. */
    private static ServerSocket silent() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket ignored = server.accept()) {
                    Thread.sleep(50);
                } catch (Exception e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        return server;
    }

    private static StartupProbe probe(ServerSocket port, Runnable fatal, boolean jettyListening) {
        URI endpoint = URI.create("http://127.0.0.1:" + port.getLocalPort() + "/");
        return new StartupProbe(() -> List.of(endpoint), () -> HealthReport.of(List.of()), fatal, () -> jettyListening,
            DEADLINE_MS);
    }

    @Test
    void aPortThatNeverDeliversTheNonceWhileJettyIsNotListeningIsAFailedBind() throws Exception {
        CountDownLatch exited = new CountDownLatch(1);
        try (ServerSocket other = silent()) {
            StartupProbe probe = probe(other, exited::countDown, false);
            probe.start();
            try {
                assertThat(exited.await(10, TimeUnit.SECONDS)).as("gave up after its deadline").isTrue();
            } finally {
                probe.stop();
            }
        }
    }

    @Test
    void aSlowSiteWhileJettyListensIsWaitedForNotKilled() throws Exception {
        AtomicBoolean exited = new AtomicBoolean();
        try (ServerSocket ours = silent()) {
            StartupProbe probe = probe(ours, () -> exited.set(true), true);
            probe.start();
            try {
                // ten deadlines: each probe attempt fails (the "site" never answers), none may end the process
                for (int i = 0; i < 10 && !exited.get(); i++) {
                    Thread.sleep(DEADLINE_MS);
                }
                assertThat(exited).as("Jetty holds the port: the probe keeps waiting").isFalse();
            } finally {
                probe.stop();
            }
        }
    }

    @Test
    void jettysOwnLifeIsTheEvidenceListeningAfterStartNotAfterAFailedBindOrAStop() throws Exception {
        JettyState.reset();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            org.eclipse.jetty.server.Server blocked = new org.eclipse.jetty.server.Server(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()));
            JettyState.follow(blocked);
            try {
                blocked.start();
            } catch (Exception expected) {
                // the port is taken: Jetty cannot bind
            }
            assertThat(JettyState.listening()).isFalse();
            assertThat(JettyState.failure()).hasValueSatisfying(why -> assertThat(why).contains("bind"));
            blocked.stop();
        }
        // the site learns its server from the first request through its filter (the start-up probe's)
        org.eclipse.jetty.server.Server server = new org.eclipse.jetty.server.Server(
            new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        org.eclipse.jetty.servlet.ServletContextHandler context = new org.eclipse.jetty.servlet.ServletContextHandler();
        context.addFilter(new org.eclipse.jetty.servlet.FilterHolder(new SecurityHeadersFilter()), "/*",
            java.util.EnumSet.of(javax.servlet.DispatcherType.REQUEST));
        context.addServlet(new org.eclipse.jetty.servlet.ServletHolder(new javax.servlet.http.HttpServlet() {
            private static final long serialVersionUID = 1L;
        }), "/*");
        server.setHandler(context);
        server.start();
        try {
            assertThat(JettyState.listening()).as("no request came through yet").isFalse();
            int port = ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getInputStream().readAllBytes();
            }
            assertThat(JettyState.listening()).isTrue();
            assertThat(JettyState.failure()).isEmpty();
        } finally {
            server.stop();
        }
        assertThat(JettyState.listening()).isFalse();
    }
}
