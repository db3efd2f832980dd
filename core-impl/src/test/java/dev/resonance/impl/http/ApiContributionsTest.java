package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Public;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resources contributed to the API while it serves, on a real Jetty: they come and go without a failed request,
 * and one Jersey rejects is refused while the others serve.
 */
class ApiContributionsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Path("a")
    @Public
    public static final class A {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String get() {
            return "a";
        }
    }

    @Path("b")
    @Public
    public static final class B {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String get() {
            return "b";
        }
    }

    /** Two methods for the same request: Jersey's model validation fails. */
    @Path("broken")
    @Public
    public static final class Ambiguous {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String one() {
            return "1";
        }

        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String two() {
            return "2";
        }
    }

    /** Another resource at A's path: it cannot take A's path. */
    @Path("a")
    @Public
    public static final class AlsoA {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String get() {
            return "also a";
        }
    }

    /** Holds its request until released. */
    @Path("slow")
    @Public
    public static final class Slow {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String get() throws InterruptedException {
            inside.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "slow";
        }
    }

    private Server jetty;
    private ApiContributions contributions;
    private String base;

    @BeforeEach
    void start() throws Exception {
        start(List.of());
    }

    private void start(List<String> required) throws Exception {
        if (jetty != null) {
            stop();
        }
        ApiServletContainer container = new ApiServletContainer(() -> ClientAddresses.DIRECT);
        contributions = new ApiContributions(container, resources -> ApiServlet.application(
                new HttpAccess(new AccessPolicy(Map.of(), List.of())), token -> Optional.empty(), resources), required);
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(container), "/api/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/api/";
    }

    @AfterEach
    void stop() throws Exception {
        contributions.close();
        jetty.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void beforeAnyContributionTheApiAnswers503() throws Exception {
        assertThat(get("a").statusCode()).isEqualTo(503);
    }

    @Test
    void contributionsComeAndGoWhileEveryRequestToAnotherSucceeds() throws Exception {
        contributions.add(new ApiContributions.Contribution("a", new A(), 1)).get();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        Thread client = new Thread(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> r = get("a");
                    answers.computeIfAbsent(r.statusCode() + " " + r.body(), k -> new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    answers.computeIfAbsent(e.toString(), k -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
        client.start();
        for (int i = 0; i < 20; i++) {
            contributions.add(new ApiContributions.Contribution("b", new B(), 2)).get();
            assertThat(get("b").body()).isEqualTo("b");
            contributions.remove(2).get();
            assertThat(get("b").statusCode()).isEqualTo(404);
        }
        running.set(false);
        client.join();

        assertThat(answers).containsOnlyKeys("200 a");
        assertThat(answers.get("200 a").get()).isPositive();
    }

    @Test
    void aRequestInsideTheOldApplicationFinishesThereAfterTheSwap() throws Exception {
        Slow slow = new Slow();
        contributions.add(new ApiContributions.Contribution("slow", slow, 1)).get();
        var answer = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slow.inside.await(10, TimeUnit.SECONDS)).isTrue();

        contributions.add(new ApiContributions.Contribution("b", new B(), 2)).get();
        assertThat(get("b").body()).isEqualTo("b");
        slow.release.countDown();

        assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(answer.get().body()).isEqualTo("slow");
    }

    @Test
    void aContributionJerseyRejectsIsRefusedAndReportedWhileTheOthersServe() throws Exception {
        contributions.add(new ApiContributions.Contribution("a", new A(), 1)).get();
        contributions.add(new ApiContributions.Contribution("broken", new Ambiguous(), 2)).get();
        contributions.add(new ApiContributions.Contribution("b", new B(), 3)).get();

        assertThat(get("a").body()).isEqualTo("a");
        assertThat(get("b").body()).isEqualTo("b");
        assertThat(get("broken").statusCode()).isEqualTo(404);
        assertThat(contributions.servedNames()).containsExactly("a", "b");
        assertThat(contributions.refusals()).singleElement().asString().startsWith("broken: ");
        assertThat(contributions.check(List.of("a", "b")).isUp()).isTrue();
        assertThat(contributions.check(List.of("a", "b")).detail().orElse("")).contains("refused: broken");
    }

    @Test
    void aContributionCannotTakeAPathAnotherServes() throws Exception {
        contributions.add(new ApiContributions.Contribution("a", new A(), 1)).get();
        contributions.add(new ApiContributions.Contribution("also-a", new AlsoA(), 2)).get();

        assertThat(get("a").body()).isEqualTo("a");
        assertThat(contributions.refusals()).singleElement().asString().startsWith("also-a: ");

        contributions.remove(2).get();
        assertThat(contributions.refusals()).isEmpty();
    }

    @Test
    void whileARequiredContributionIsMissingAnUnservedPathIsUnavailableNotAbsent() throws Exception {
        start(List.of("a", "b"));
        contributions.add(new ApiContributions.Contribution("a", new A(), 1)).get();

        assertThat(get("a").body()).isEqualTo("a");
        HttpResponse<String> meanwhile = get("b");
        assertThat(meanwhile.statusCode()).isEqualTo(503);
        assertThat(meanwhile.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(meanwhile.body()).contains("\"code\":\"unavailable\"");

        contributions.add(new ApiContributions.Contribution("b", new B(), 2)).get();
        assertThat(get("b").body()).isEqualTo("b");
        assertThat(get("nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void untilTheRequiredContributionsAreServedTheCheckIsDown() throws Exception {
        contributions.add(new ApiContributions.Contribution("a", new A(), 1)).get();

        assertThat(contributions.check(List.of("a", "b")).isUp()).isFalse();
        assertThat(contributions.check(List.of("a", "b")).detail().orElse("")).contains("b not served yet");
    }
}
