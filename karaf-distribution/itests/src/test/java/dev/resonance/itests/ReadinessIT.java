package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Ready" and /health UP mean every HTTP surface serves, and a server that cannot serve its port says so and exits. */
class ReadinessIT {

    /** One answer; {@code detail}: its content type and the start of its body (who answered, when it is wrong). */
    private record Seen(long nanos, String path, int status, String detail) {
    }

    @Test
    void fromTheFirstMillisecondNoRequestFailsOnceHealthHasSaidUp() throws Exception {
        List<Seen> seen = new ArrayList<>();
        long firstUp = -1;
        // one client sending hundreds of requests a second from the first millisecond: the read budget (3000 a minute
        // per client) is not what this test is about, and the API answers long before health says UP
        try (ResonanceProcess resonance = ResonanceProcess.startWithOwnEtc(Map.of(),
                etc -> ResonanceProcess.set(etc, "resonance.core.auth", "readPerMinute", "0"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            // hammer from the start: until health has been UP for two seconds, or the deadline
            while (System.nanoTime() < deadline && (firstUp < 0 || System.nanoTime() - firstUp < Duration.ofSeconds(2).toNanos())) {
                for (String path : List.of("/health", "/api/v1/server", "/stream/1", "/api/v1/ws")) {
                    int status;
                    String detail = "";
                    try {
                        ResonanceProcess.Answer answer = resonance.get(path);
                        status = answer.status();
                        detail = answer.headers().getOrDefault("content-type", List.of()) + " "
                                + answer.body().substring(0, Math.min(160, answer.body().length()));
                    } catch (IOException e) {
                        status = -1; // not listening yet
                    }
                    long now = System.nanoTime();
                    seen.add(new Seen(now, path, status, detail));
                    if (firstUp < 0 && path.equals("/health") && status == 200) {
                        firstUp = now;
                    }
                }
            }
            assertThat(firstUp).as("health UP within 90 s\n" + resonance.log()).isPositive();
            long up = firstUp;
            List<Seen> after = seen.stream().filter(s -> s.nanos() > up).toList();
            // what each surface answers when it serves: the API and health 200, a stream of a track that does not
            // exist without credentials 401, the socket to a plain GET 426
            Map<String, Integer> serving = Map.of("/health", 200, "/api/v1/server", 200, "/stream/1", 401, "/api/v1/ws", 426);
            assertThat(after).hasSizeGreaterThan(20);
            java.util.Optional<Seen> wrong = after.stream().filter(s -> s.status() != serving.get(s.path())).findFirst();
            long wrongCount = after.stream().filter(s -> s.status() != serving.get(s.path())).count();
            // the first wrong answer with who gave it, how many there were, and the server's log: enough to find the cause
            assertThat(wrong).as(() -> wrongCount + " of " + after.size() + " answers after health UP were not the serving ones; the first: "
                    + wrong.map(Seen::toString).orElse("") + "\nserver log:\n" + resonance.log()).isEmpty();
            // before: not listening, not there yet, starting - or already serving
            assertThat(seen).filteredOn(s -> s.nanos() < up).allSatisfy(
                    s -> assertThat(s.status()).as(s.path() + " before health UP").isIn(-1, 404, 503, serving.get(s.path())));
            assertThat(resonance.log()).containsPattern("Resonance ready in \\d+\\.\\d s on http://localhost:" + resonance.port + "/");
        }
    }

    @Test
    void aPortTakenAfterTheLaunchersCheckMakesResonanceExitNonZeroWithAClearMessage() throws Exception {
        int port = ResonanceProcess.freePort();
        // the launcher checks 127.0.0.1:port and finds it free; Jetty's bind of 0.0.0.0:port then fails
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.2", port));
            ResonanceProcess resonance = ResonanceProcess.start(port, Map.of());
            assertThat(resonance.awaitExit(Duration.ofSeconds(90))).as(resonance.log()).isEqualTo(2);
            assertThat(resonance.log()).contains("Resonance cannot serve HTTP: the server is not listening").doesNotContain("Resonance ready");
        }
    }
}
