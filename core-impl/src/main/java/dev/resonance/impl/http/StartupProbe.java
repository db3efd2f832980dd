package dev.resonance.impl.http;

import dev.resonance.impl.health.HealthReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves at start-up that the configured port is really served by this Resonance: it sends {@code GET /health} with
 * a random nonce to the port and waits for the site servlet to see that nonce. Jetty that failed to bind (another
 * program took the port between the launcher's check and the bind) never delivers it: then the probe says so and
 * exits rather than run a server that serves nothing — unless Jetty itself says it started and holds its ports
 * ({@link JettyState}, which learns the server from a request that came through the site's filter: so one of the
 * probe's requests reached this Resonance): then the port is ours and the site is only slow to answer, and the probe
 * logs what the HTTP threads are doing and keeps waiting. Once the nonce came through and {@code /health} is UP it logs
 * "Resonance ready" with the addresses people can use.
 */
final class StartupProbe {

    private static final Logger LOG = LoggerFactory.getLogger(StartupProbe.class);
    static final String HEADER = "X-Resonance-Probe";
    static final long BIND_DEADLINE_MILLIS = TimeUnit.SECONDS.toMillis(20);

    private final Supplier<List<URI>> endpoints;
    private final java.util.function.BooleanSupplier listening;
    private final long deadlineMillis;
    private final Supplier<HealthReport> health;
    private final Runnable fatal;
    private final String nonce;
    private final CountDownLatch seen = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean stopped;

    StartupProbe(Supplier<List<URI>> endpoints, Supplier<HealthReport> health, Runnable fatal) {
        this(endpoints, health, fatal, JettyState::listening, BIND_DEADLINE_MILLIS);
    }

    /** {@code listening}: whether Jetty says it holds its ports (then a slow answer is never taken for a failed bind). */
    StartupProbe(Supplier<List<URI>> endpoints, Supplier<HealthReport> health, Runnable fatal,
                 java.util.function.BooleanSupplier listening, long deadlineMillis) {
        this.listening = listening;
        this.deadlineMillis = deadlineMillis;
        this.endpoints = endpoints;
        this.health = health;
        this.fatal = fatal;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.nonce = HexFormat.of().formatHex(random);
        this.thread = new Thread(this::run, "resonance-startup-probe");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    /** Called for every request the site servlet receives. */
    void observe(HttpServletRequest request) {
        if (seen.getCount() > 0 && nonce.equals(request.getHeader(HEADER))) {
            seen.countDown();
        }
    }

    private void run() {
        try {
            long deadline = System.currentTimeMillis() + deadlineMillis;
            while (!stopped && seen.getCount() > 0) {
                send();
                if (seen.await(200, TimeUnit.MILLISECONDS)) {
                    break;
                }
                if (System.currentTimeMillis() > deadline && listening.getAsBoolean()) {
                    // Jetty says it holds the port: ours, only slow (a loaded machine). Exiting would kill a server
                    // that is about to serve: say what the server's threads are doing, once, and keep waiting.
                    LOG.warn("The site has not answered its start-up probe {} s after start although Jetty listens on {};"
                                    + " still waiting. What the HTTP threads are doing:{}", deadlineMillis / 1000,
                            endpoints.get(), Threads.summary(name -> name.startsWith("qtp") || name.startsWith("paxweb")
                                    || name.startsWith("resonance")));
                    deadline = Long.MAX_VALUE;
                }
                if (System.currentTimeMillis() > deadline) {
                    LOG.error("Resonance cannot serve HTTP: the server is not listening {} s after start ({}). Another program probably"
                                    + " holds the port (see Jetty's error above): stop it or choose another PORT. Exiting.",
                            deadlineMillis / 1000, endpoints.get().isEmpty() ? "no bound address" : "bound to " + endpoints.get());
                    fatal.run();
                    return;
                }
            }
            while (!stopped && !health.get().ready()) {
                Thread.sleep(100);
            }
            if (!stopped) {
                double seconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
                LOG.info("Resonance ready in {} s on {}", String.format(Locale.ROOT, "%.1f", seconds),
                        String.join(" ", ListeningAddresses.urls(endpoints.get())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The start-up check of the HTTP port failed: {}", e.toString(), e);
        }
    }

    /** One request on a plain socket: the framework's URL handlers are not reliably there this early. */
    private void send() {
        Optional<URI> endpoint = ListeningAddresses.first(endpoints.get());
        if (endpoint.isEmpty()) {
            return; // not listening (yet)
        }
        URI target = ListeningAddresses.local(endpoint.get());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 1000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: localhost\r\n" + HEADER + ": " + nonce
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // not listening yet, or someone else is: the deadline decides
        }
    }

}
