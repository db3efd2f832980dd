package dev.resonance.plugin.lyrics.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.auth.Public;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.api.auth.SignedIn;
import dev.resonance.plugin.lyrics.PluginVersion;
import dev.resonance.plugin.lyrics.testing.Configs;
import dev.resonance.plugin.testkit.PluginHarness;
import dev.resonance.plugin.testkit.TestKeyValueStore;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import org.junit.jupiter.api.Test;

class LyricsStatusResourceTest {

    private static final List<Class<? extends Annotation>> ACCESS = List.of(Public.class, SignedIn.class,
        RequiresPermission.class);

    private final PluginHarness plugin = PluginHarness.load();
    private final TestKeyValueStore store = plugin.storage();
    private final LyricsStatusResource resource = new LyricsStatusResource(store, Configs.defaults());

    @Test
    void statusAsTheCoresJacksonWritesIt() throws Exception {
        store.put("lrclib/x", new byte[100], Optional.of(Duration.ofDays(1)));

        String json = new ObjectMapper().writeValueAsString(resource.status());

        assertThat(json).isEqualTo("{\"plugin\":\"lyrics\",\"version\":\"" + PluginVersion.current() + "\","
            + "\"sources\":[{\"source\":\"embedded\",\"ranking\":300,\"enabled\":true},"
            + "{\"source\":\"sidecar\",\"ranking\":200,\"enabled\":true},"
            + "{\"source\":\"lrclib\",\"ranking\":100,\"enabled\":false}],"
            + "\"lrclib\":{\"url\":\"https://lrclib.net\",\"requestsPerMinute\":30,\"cacheDays\":30},"
            + "\"cache\":{\"usedBytes\":108}}");
    }

    @Test
    void aConfigurationChangeShowsAtOnce() {
        resource.modified(Configs.lyrics(Map.of("sidecarEnabled", false, "lrclibEnabled", true,
            "lrclibUrl", "https://lyrics.example.org", "requestsPerMinute", 5)));

        LyricsStatus status = resource.status();

        assertThat(status.sources()).extracting(LyricsStatus.Source::enabled).containsExactly(true, false, true);
        assertThat(status.lrclib()).isEqualTo(new LyricsStatus.Lrclib("https://lyrics.example.org", 5, 30));
    }

    /** As the core's AuthorizationMatrixTest: an endpoint that does not say who may call it is refused to everyone. */
    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        List<Method> endpoints = Arrays.stream(LyricsStatusResource.class.getMethods())
            .filter(m -> Arrays.stream(m.getAnnotations())
                .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class)))
            .toList();

        assertThat(endpoints).isNotEmpty().allSatisfy(method -> assertThat(Stream.concat(
                Arrays.stream(method.getAnnotations()), Arrays.stream(LyricsStatusResource.class.getAnnotations()))
            .filter(a -> ACCESS.contains(a.annotationType()))).as(method.getName()).hasSize(1));
    }

    @Test
    void itIsServedUnderThePluginsOwnPath() {
        assertThat(LyricsStatusResource.class.getAnnotation(Path.class).value())
            .isEqualTo("plugins/" + plugin.descriptor().id());
    }
}
