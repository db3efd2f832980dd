package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.user.UserActivity;
import dev.resonance.api.user.UserActivityListener;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * End to end: a user's likes, made through the REST API, reach a plugin's {@link UserActivityListener} in the harness's
 * OSGi framework as they are committed — in order, likes only (not settings), and only for a plugin that declares
 * {@code user-data} and the capability (a plugin that is not enabled is stopped, so it has no listener to tell).
 */
class UserActivityToPluginsTest {

    private ApiHarness api;
    private UserActivityNotifier notifier;

    @BeforeEach
    void start() {
        api = new ApiHarness();
        notifier = api.plugins.platform().activity();
        api.sync.sync().follow(notifier); // as PluginsComponent does while sync runs
    }

    @AfterEach
    void stop() {
        api.sync.sync().unfollow(notifier);
        api.close();
    }

    /** Installs plugin {@code id} asking for {@code permissions} with {@code capabilities}, and enables it. */
    private Bundle plugin(String id, String permissions, List<String> capabilities) throws Exception {
        byte[] jar = PluginWorld.plugin(id, "1.0.0", PluginWorld.descriptor(id, "[1.1,2)", permissions, capabilities),
            Map.of(Constants.IMPORT_PACKAGE, "dev.resonance.api.user;version=\"[1.1,2)\""));
        Bundle bundle = api.plugins.felix().getBundleContext().installBundle("test:" + id, new ByteArrayInputStream(jar));
        api.plugins.platform().manager().reconcileNow();
        api.plugins.platform().manager().enable(id, Optional.empty());
        return bundle;
    }

    private List<UserActivity> listen(Bundle bundle) {
        List<UserActivity> heard = new CopyOnWriteArrayList<>();
        UserActivityListener listener = heard::add;
        notifier.addListener(bundle.getBundleContext().registerService(UserActivityListener.class, listener, null).getReference(),
            listener);
        return heard;
    }

    @Test
    void likesReachAnEnabledPluginInOrderAndNothingElseDoes() throws Exception {
        PropertiesTagReader.write(api.musicRoot.resolve("A/B/1.mp3"), "title", "One", "artist", "A", "album", "B", "track", "1");
        api.scanMusic();
        long ada = api.createUser("ada", "password-123", "regular");
        String token = api.accessToken("ada", "password-123", "phone");
        long track = api.get("v1/content/tracks", token).json().path("items").get(0).path("id").asLong();

        String userData = "{\"user-data\": {\"reason\": \"learn your taste\"}}";
        List<UserActivity> recommender = listen(plugin("recommender", userData, List.of("UserActivityListener")));
        List<UserActivity> undeclared = listen(plugin("undeclared", userData, List.of("Recommender")));
        List<UserActivity> nosy = listen(plugin("nosy", "{}", List.of("UserActivityListener")));

        assertThat(api.call("PUT", "v1/user/liked/track/" + track, token, null, null).status()).isEqualTo(200);
        assertThat(api.call("PUT", "v1/user/settings", token, "application/json", "{\"ui.theme\":\"dark\"}").status())
            .isEqualTo(200);
        assertThat(api.call("PUT", "v1/user/liked/track/" + track, token, null, null).status())
            .as("liking again changes nothing, so tells nothing").isEqualTo(200);
        assertThat(api.call("DELETE", "v1/user/liked/track/" + track, token, null, null).status()).isEqualTo(200);

        PlaybackNotifierTest.await("two activities", () -> recommender.size() == 2);
        // delivered in commit order: the settings change between the two would sit between them had it been told
        assertThat(recommender).extracting(UserActivity::type).containsExactly("like.added", "like.removed");
        UserActivity added = recommender.get(0);
        assertThat(added.userId()).isEqualTo(ada);
        assertThat(added.payload()).containsEntry("type", "track");
        assertThat(((Number) added.payload().get("id")).longValue()).isEqualTo(track);
        assertThat(recommender.get(1).seq()).isEqualTo(added.seq() + 2); // the settings change took the seq between

        assertThat(undeclared).isEmpty();
        assertThat(api.plugins.platform().manager().get("undeclared").problem().orElseThrow().message())
            .contains("does not name it among its capabilities");
        assertThat(nosy).isEmpty();
        assertThat(api.plugins.platform().manager().get("nosy").problem().orElseThrow().message())
            .contains("does not declare the user-data permission");
    }
}
