package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.testing.Processes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's run command: no database configured, so Resonance runs its own PostgreSQL. */
class EmbeddedDatabaseIT {

    @Test
    void startsItsOwnPostgresAnswersHealthAndLeavesNothingRunningAfterSigterm() throws Exception {
        ResonanceProcess resonance = ResonanceProcess.start(Map.of());
        String dataDir = resonance.workDir.resolve("resonance-data").toString();
        try {
            ResonanceProcess.Answer health = resonance.awaitReady();
            System.out.printf("boot to ready (embedded, first start with initdb): %.1f s%n",
                    resonance.sinceStart().toMillis() / 1000.0);

            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(health.json().path("db").asText()).isEqualTo("UP");
            assertThat(health.json().at("/checks/db/detail").asText()).contains("embedded PostgreSQL").containsPattern("schema v\\d+");
            assertThat(resonance.log()).containsPattern("Resonance ready in \\d+\\.\\d s");
            assertThat(Processes.runningWithArgument(dataDir)).as("embedded postgres running").isNotEmpty();

            // the same port serves the API (JSON errors included) and the web app
            assertThat(resonance.get("/api/v1/server").json().path("name").asText()).isEqualTo("Resonance");
            ResonanceProcess.Answer missing = resonance.get("/api/v1/no-such-thing");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().at("/error/code").asText()).isEqualTo("not_found");
            ResonanceProcess.Answer page = resonance.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("<div id=\"root\">");
            // a deep link into the app (or a reload on one of its pages) loads the app, whose router draws the page
            for (String route : new String[] {"/library", "/albums/12", "/search/"}) {
                ResonanceProcess.Answer deep = resonance.get(route);
                assertThat(deep.status()).as(route).isEqualTo(200);
                assertThat(deep.body()).as(route).contains("<div id=\"root\">");
                assertThat(deep.headers().get("cache-control")).as(route).containsExactly("no-cache");
            }
            ResonanceProcess.Answer manifest = resonance.get("/manifest.webmanifest");
            assertThat(manifest.status()).isEqualTo(200);
            assertThat(manifest.headers().get("content-type")).as(manifest.headers().toString()).isNotNull()
                    .anySatisfy(type -> assertThat(type).startsWith("application/manifest+json"));

            // browser protections on the web app (another bundle) and the API, from the core's one whiteboard filter
            assertThat(page.headers().get("content-security-policy")).singleElement()
                    .satisfies(csp -> assertThat(csp).startsWith("default-src 'self'").contains("frame-ancestors 'none'"));
            assertThat(page.headers().get("x-frame-options")).containsExactly("DENY");
            assertThat(missing.headers().get("content-security-policy")).containsExactly("default-src 'none'; frame-ancestors 'none'");
            assertThat(missing.headers().get("x-content-type-options")).containsExactly("nosniff");
            // and on /health, a servlet of its own
            assertThat(resonance.get("/health").headers().get("referrer-policy")).containsExactly("same-origin");
            // Jetty's own errors in the JSON shape: headers over its buffer (before any servlet), and a missing web
            // app file (the resource servlet's sendError, through the whiteboard error page)
            ResonanceProcess.Answer tooLarge = resonance.send("GET", "/", null, Map.of("X-Big", "a".repeat(20_000)));
            assertThat(tooLarge.status()).isEqualTo(431);
            assertThat(tooLarge.json().at("/error/code").asText()).isEqualTo("headers_too_large");
            ResonanceProcess.Answer noFile = resonance.get("/no-such-file.js");
            assertThat(noFile.status()).isEqualTo(404);
            assertThat(noFile.json().at("/error/code").asText()).isEqualTo("not_found");
            assertThat(resonance.log()).containsPattern("Resonance ready in \\d+\\.\\d s on http://localhost:\\d+/");
        } finally {
            int exit = resonance.stop();
            assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
        }
        assertThat(Processes.runningWithArgument(dataDir)).as("processes left behind").isEmpty();
    }
}
