package dev.resonance.webui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.webui.WebAppRootFilter.Route;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class WebAppRootFilterTest {

    private final Predicate<String> files = Set.of("/index.html", "/assets/index-abc.js", "/manifest.webmanifest")::contains;

    @Test
    void theRootAndEveryAppRouteLoadTheApp() {
        for (String path : new String[] {"", "/", "/library", "/albums/12", "/artists/3/albums", "/search/", "/admin/plugins"}) {
            assertThat(WebAppRootFilter.route("GET", path, files)).as(path).isEqualTo(Route.APP);
        }
        assertThat(WebAppRootFilter.route("HEAD", "/library", files)).isEqualTo(Route.APP);
    }

    @Test
    void filesOfTheAppAndMissingFilesPassToTheResourceServlet() {
        assertThat(WebAppRootFilter.route("GET", "/assets/index-abc.js", files)).isEqualTo(Route.PASS);
        assertThat(WebAppRootFilter.route("GET", "/index.html", files)).isEqualTo(Route.PASS);
        assertThat(WebAppRootFilter.route("GET", "/assets/gone.js", files)).as("its 404 is the core's JSON error").isEqualTo(Route.PASS);
        assertThat(WebAppRootFilter.route("GET", "/favicon.ico", files)).isEqualTo(Route.PASS);
    }

    @Test
    void theServersOwnPathsAreNeverTheApps() {
        for (String path : new String[] {"/api", "/api/v1/no-such-thing", "/health", "/health/live", "/stream/1", "/metrics",
            "/rest/ping", "/webhooks/lidarr", "/graphql", "/graphql/ws"}) {
            assertThat(WebAppRootFilter.route("GET", path, files)).as(path).isEqualTo(Route.PASS);
        }
        assertThat(WebAppRootFilter.route("GET", "/apiary", files)).as("only whole segments").isEqualTo(Route.APP);
    }

    @Test
    void onlyReadsLoadTheApp() {
        assertThat(WebAppRootFilter.route("POST", "/library", files)).isEqualTo(Route.PASS);
        assertThat(WebAppRootFilter.route("DELETE", "/", files)).isEqualTo(Route.PASS);
    }
}
