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
        return Site.route("p", path, new Endpoint(), access, false);
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
    void theCoreServesItsOwnPathsButOnlyUnderTheSitesPatterns() {
        assertThat(Site.route("api", "/api", new Endpoint(), HttpContribution.PUBLIC, true).path()).isEqualTo("/api");
        assertThatThrownBy(() -> Site.route("x", "/elsewhere", new Endpoint(), null, true)).isInstanceOf(IllegalArgumentException.class);
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
