package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.http.HttpEndpoint;
import javax.servlet.http.HttpServlet;
import org.junit.jupiter.api.Test;

/** What an endpoint's service properties may say: where it serves and who may call it. */
class SiteRoutesTest {

    private static final class Endpoint extends HttpServlet implements HttpEndpoint {
        private static final long serialVersionUID = 1L;
    }

    private static HttpRoute plugin(Object path, Object access) {
        return Site.route("p", path, new Endpoint(), access, Contributor.other());
    }

    @Test
    void aPluginServesUnderItsPluginPathsTheSubsonicApiOrAWebhook() {
        assertThat(plugin("/api/plugins/lyrics", null).path()).isEqualTo("/api/plugins/lyrics");
        assertThat(plugin("/rest", HttpContribution.PUBLIC).path()).isEqualTo("/rest");
        assertThat(plugin("/webhooks/lidarr", HttpContribution.PUBLIC).path()).isEqualTo("/webhooks/lidarr");
    }

    @Test
    void aPluginCannotTakeTheCoresPathsOrServeOutsideTheSite() {
        for (String path : new String[] {"/api", "/api/v1/auth", "/api/plugins", "/api/plugins/", "/stream", "/health", "/metrics",
                "/webhooks", "/", "/app", "api/plugins/x", "/api/plugins/*", "/api//plugins/x"}) {
            assertThatThrownBy(() -> plugin(path, null)).as(path).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> plugin(42, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPluginServesOnlyUnderItsOwnId() {
        Contributor lyrics = Contributor.plugin("lyrics");
        for (String path : new String[] {"/api/plugins/lyrics", "/api/plugins/lyrics/status", "/webhooks/lyrics", "/rest"}) {
            assertThat(Site.route("p", path, new Endpoint(), null, lyrics).path()).as(path).isEqualTo(path);
        }
        for (String path : new String[] {"/api/plugins/lidarr", "/api/plugins/lyrics-pro", "/api/plugins/lyricsx/a", "/webhooks/lidarr"}) {
            assertThatThrownBy(() -> Site.route("p", path, new Endpoint(), null, lyrics)).as(path)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plugin 'lyrics' serves under");
        }
        // a bundle that is not a plugin (an operator's own extension) may take any free id
        assertThat(plugin("/api/plugins/lidarr", null).path()).isEqualTo("/api/plugins/lidarr");
    }

    @javax.ws.rs.Path("plugins/lyrics/status")
    static final class LyricsStatus {
    }

    @javax.ws.rs.Path("/plugins/lidarr/queue")
    static final class LidarrQueue {
    }

    @javax.ws.rs.Path("v1/content/albums")
    static final class CoreLike {
    }

    @Test
    void aPluginsRestResourceIsServedOnlyUnderItsOwnId() {
        assertThat(ApiServlet.refusal(Contributor.plugin("lyrics"), LyricsStatus.class)).isEmpty();
        assertThat(ApiServlet.refusal(Contributor.plugin("lyrics"), LidarrQueue.class)).get().asString()
                .contains("plugin 'lyrics' serves under /api/plugins/lyrics");
        assertThat(ApiServlet.refusal(Contributor.other(), LidarrQueue.class)).isEmpty();
        assertThat(ApiServlet.refusal(Contributor.plugin("lyrics"), CoreLike.class)).get().asString().contains("must start with plugins/");
        assertThat(ApiServlet.refusal(Contributor.other(), CoreLike.class)).isPresent();
        assertThat(ApiServlet.refusal(Contributor.CORE, CoreLike.class)).isEmpty();
    }

    @Test
    void theCoreServesItsOwnPathsButOnlyUnderTheSitesPatterns() {
        assertThat(Site.route("api", "/api", new Endpoint(), HttpContribution.PUBLIC, Contributor.CORE).path()).isEqualTo("/api");
        assertThatThrownBy(() -> Site.route("x", "/elsewhere", new Endpoint(), null, Contributor.CORE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accessIsPublicSignedInByDefaultOrAPermission() {
        assertThat(plugin("/rest", HttpContribution.PUBLIC).access()).isInstanceOf(AccessControl.Anyone.class);
        assertThat(plugin("/rest", null).access()).isInstanceOf(AccessControl.AnyCaller.class);
        assertThat(plugin("/rest", HttpContribution.SIGNED_IN).access()).isInstanceOf(AccessControl.AnyCaller.class);
        assertThat(plugin("/rest", "EditCatalog").access()).isEqualTo(new AccessControl.Holder(Permission.EDIT_CATALOG));
        assertThatThrownBy(() -> plugin("/rest", "root")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
    }
}
