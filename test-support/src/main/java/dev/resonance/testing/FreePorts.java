package dev.resonance.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports for servers a test starts (a Resonance process, a Pax Exam Karaf). Random, so that tests of several engineers
 * on one machine do not collide, and below Linux's ephemeral range (32768-60999): a port the kernel hands out for
 * outgoing connections (this JVM's own database connections, Karaf's) can be taken between this check and the
 * server's bind, which once made a test's server fail to bind. A port is never handed out twice by one JVM.
 */
public final class FreePorts {

    private static final Random RANDOM = new SecureRandom();
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * A port between 20000 and 30000 that nobody listens on now. Test JVMs running side by side (surefire/failsafe
     * forks, modules of a parallel build) each pass their number as the system property {@code resonance.test.fork}
     * and draw from their own quarter of the range (port modulo 4), so two of them never pick the same port between
     * one's check and its server's bind.
     */
    public static int pick() throws IOException {
        int fork = Integer.getInteger("resonance.test.fork", -1);
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = fork < 0 ? 20_000 + RANDOM.nextInt(10_000) : 20_000 + 4 * RANDOM.nextInt(2_500) + Math.floorMod(fork, 4);
            if (!GIVEN.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IOException("no free port between 20000 and 30000");
    }
}
