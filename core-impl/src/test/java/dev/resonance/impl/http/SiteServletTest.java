package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one servlet in front of the core's routes, on a real Jetty: routes come and go while it serves. */
class SiteServletTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Answers its name; counts init and destroy. */
    private static class Named extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final String name;
        final AtomicInteger inits = new AtomicInteger();
        final AtomicInteger destroys = new AtomicInteger();

        Named(String name) {
            this.name = name;
        }

        @Override
        public void init() {
            assertThat(getServletContext()).isNotNull();
            inits.incrementAndGet();
        }

        @Override
        public void destroy() {
            destroys.incrementAndGet();
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write(name + " " + request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
        }
    }

    private Server jetty;
    private String base;
    /** "ada-token" is ada, who holds EditCatalog; "bob-token" is bob, who holds nothing; others are invalid. */
    private final SiteServlet site = new SiteServlet(r -> { }, token -> switch (token) {
        case "ada-token" -> java.util.Optional.of(new Caller(1, "ada", Role.ADMIN, java.util.Set.of(Permission.EDIT_CATALOG), 1,
                java.util.UUID.randomUUID()));
        case "bob-token" -> java.util.Optional.of(new Caller(2, "bob", Role.REGULAR, java.util.Set.of(), 2, java.util.UUID.randomUUID()));
        default -> java.util.Optional.empty();
    });

    private void start() throws Exception {
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(site);
        context.addServlet(holder, "/api/*");
        context.addServlet(holder, "/stream/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String header, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header(header, value).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Answers who called it, from the request attribute the site sets. */
    private static final class WhoCalls extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object caller = request.getAttribute(dev.resonance.api.http.HttpContribution.CALLER_ATTRIBUTE);
            response.getWriter().write(caller == null ? "nobody" : ((Caller) caller).username());
        }
    }

    @Test
    void aSignedInRouteRefusesAnonymousAndInvalidCallersWithTheJsonErrorAndTellsTheServletWhoCalls() throws Exception {
        site.add(new HttpRoute("who", "/api/plugins/who", new WhoCalls(), new AccessControl.AnyCaller()));
        start();

        HttpResponse<String> anonymous = get("/api/plugins/who");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(anonymous.body()).contains("\"code\":\"unauthenticated\"");
        HttpResponse<String> invalid = send("GET", "/api/plugins/who", "Authorization", "Bearer forged");
        assertThat(invalid.statusCode()).isEqualTo(401);
        assertThat(invalid.body()).contains("\"code\":\"invalid_token\"");
        assertThat(send("GET", "/api/plugins/who", "Authorization", "Bearer bob-token").body()).isEqualTo("bob");
        assertThat(send("GET", "/api/plugins/who", "Cookie", AuthenticationFilter.ACCESS_COOKIE + "=ada-token").body()).isEqualTo("ada");
    }

    @Test
    void behindATrustedProxyARouteSeesTheClientsAddressAndNothingElseIsTakenFromTheHeader() throws Exception {
        java.util.concurrent.atomic.AtomicReference<ClientAddresses> trusted = new java.util.concurrent.atomic.AtomicReference<>(
                ClientAddresses.DIRECT);
        SiteServlet proxied = new SiteServlet(r -> { }, token -> java.util.Optional.empty(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), trusted::get);
        proxied.add(new HttpRoute("addr", "/rest", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().write(request.getRemoteAddr());
            }
        }, new AccessControl.Anyone()));
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(proxied), "/rest/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();

        assertThat(send("GET", "/rest/ping", "X-Forwarded-For", "203.0.113.7").body()).as("no proxy trusted").isEqualTo("127.0.0.1");
        trusted.set(ClientAddresses.parse("127.0.0.1"));
        assertThat(send("GET", "/rest/ping", "X-Forwarded-For", "203.0.113.7").body()).isEqualTo("203.0.113.7");
        assertThat(get("/rest/ping").body()).as("no header: the proxy itself").isEqualTo("127.0.0.1");
    }

    @Test
    void theCookieAloneDoesNotSignInAStateChangingRequest() throws Exception {
        site.add(new HttpRoute("who", "/api/plugins/who", new WhoCalls(), new AccessControl.AnyCaller()));
        start();

        assertThat(send("POST", "/api/plugins/who", "Cookie", AuthenticationFilter.ACCESS_COOKIE + "=ada-token").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/plugins/who", "Authorization", "Bearer ada-token").body()).isEqualTo("ada");
    }

    @Test
    void aPermissionRouteNeedsThePermission() throws Exception {
        site.add(new HttpRoute("who", "/api/plugins/who", new WhoCalls(), new AccessControl.Holder(Permission.EDIT_CATALOG)));
        start();

        HttpResponse<String> bob = send("GET", "/api/plugins/who", "Authorization", "Bearer bob-token");
        assertThat(bob.statusCode()).isEqualTo(403);
        assertThat(bob.body()).contains("\"code\":\"forbidden\"").contains("EditCatalog");
        assertThat(send("GET", "/api/plugins/who", "Authorization", "Bearer ada-token").body()).isEqualTo("ada");
    }

    @Test
    void anEndpointSeesItsOwnPathAsTheServletPathAndTheRestAsThePathInfo() throws Exception {
        site.add(new HttpRoute("lyrics", "/api/plugins/lyrics", new Named("lyrics")));
        start();

        assertThat(get("/api/plugins/lyrics/files/1").body()).isEqualTo("lyrics /api/plugins/lyrics/files/1");
        HttpResponse<String> plain = get("/api/plugins/lyrics");
        assertThat(plain.body()).isEqualTo("lyrics /api/plugins/lyrics");
    }

    @Test
    void anotherEndpointCannotTakeAServedPath() throws Exception {
        site.add(new HttpRoute("lyrics", "/api/plugins/lyrics", new Named("lyrics")));
        start();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> site.add(new HttpRoute("thief", "/api/plugins/lyrics", new Named("thief"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already served");
        assertThat(get("/api/plugins/lyrics").body()).startsWith("lyrics ");
    }

    @Test
    void eachRequestGoesToTheLongestRouteThatServesItsPath() throws Exception {
        Named api = new Named("api");
        Named socket = new Named("socket");
        site.add(new HttpRoute("api", "/api", api));
        site.add(new HttpRoute("socket", "/api/v1/ws", socket));
        start();

        assertThat(get("/api/v1/ws").body()).isEqualTo("socket /api/v1/ws");
        assertThat(get("/api/v1/wsx").body()).isEqualTo("api /api/v1/wsx");
        assertThat(get("/api/v1/tracks").body()).isEqualTo("api /api/v1/tracks");
        assertThat(api.inits).hasValue(1);
        assertThat(socket.inits).hasValue(1);
    }

    @Test
    void aPathNoRouteServesIsUnavailableWithTheJsonErrorShape() throws Exception {
        start();
        HttpResponse<String> answer = get("/stream/1");
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.body()).contains("\"code\":\"unavailable\"");
    }

    @Test
    void aRouteWhoseInitThrowsIsRefusedAndTheOthersKeepServing() throws Exception {
        start();
        site.add(new HttpRoute("broken", "/api/broken", new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            public void init() throws ServletException {
                throw new ServletException("plugin bug");
            }
        }));
        site.add(new HttpRoute("api", "/api", new Named("api")));

        assertThat(site.servedPaths()).containsExactly("/api");
        assertThat(get("/api/broken/x").body()).isEqualTo("api /api/broken/x");
    }

    @Test
    void replacingARouteUnderLoadNeverFailsARequest() throws Exception {
        Named first = new Named("first");
        HttpRoute current = new HttpRoute("api", "/api", first);
        site.add(current);
        start();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        Thread client = new Thread(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> r = get("/api/ping");
                    answers.computeIfAbsent(r.statusCode() + " " + r.body().split(" ")[0], k -> new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    answers.computeIfAbsent(e.toString(), k -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
        client.start();
        for (int i = 0; i < 50; i++) {
            HttpRoute next = new HttpRoute("api", "/api", new Named("v" + i));
            site.add(next);      // the new one first: both serve for a moment, never neither
            site.remove(current);
            current = next;
        }
        running.set(false);
        client.join();

        assertThat(answers.keySet()).allMatch(k -> k.startsWith("200 "), "only 200s: " + answers);
        assertThat(first.destroys).hasValue(1);
    }

    @Test
    void aRemovedRouteTakesNoNewRequestAndIsDestroyedAfterTheOneItServes() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger destroys = new AtomicInteger();
        HttpRoute slow = new HttpRoute("slow", "/api", new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                response.getWriter().write("done");
            }

            @Override
            public void destroy() {
                destroys.incrementAndGet();
            }
        });
        site.add(slow);
        start();
        var inFlight = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        Thread remover = new Thread(() -> site.remove(slow));
        remover.start();
        // the route is out of the table at once, though its servlet is still answering
        while (!site.servedPaths().isEmpty()) {
            Thread.onSpinWait();
        }
        assertThat(get("/api/y").statusCode()).isEqualTo(503);
        assertThat(destroys).hasValue(0);
        release.countDown();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).isEqualTo("done");
        remover.join();
        assertThat(destroys).hasValue(1);
    }

    @Test
    void routePathsAreMatchedOnSegmentBoundaries() {
        HttpRoute api = new HttpRoute("api", "/api", new Named("api"));
        assertThat(List.of("/api", "/api/", "/api/v1")).allMatch(api::serves);
        assertThat(List.of("/apix", "/ap", "/")).noneMatch(api::serves);
    }
}
