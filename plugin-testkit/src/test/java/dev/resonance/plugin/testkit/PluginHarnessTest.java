package dev.resonance.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginPermission;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PluginHarnessTest {

    @Test
    void loadsTheDescriptorOnTheClassPathAndLimitsEachServiceToIt() {
        PluginHarness plugin = PluginHarness.load();

        assertThat(plugin.descriptor().id()).isEqualTo("testkit-sample");
        assertThat(plugin.descriptor().declares(PluginPermission.CATALOG)).isTrue();
        plugin.catalog().add(Tracks.track(1, "Song", "Band").build());
        assertThat(plugin.catalog().track(1)).isPresent();
        plugin.storage().put("k", new byte[4000], Optional.empty());
        assertThatThrownBy(() -> plugin.storage().put("l", new byte[100], Optional.empty()))
            .isInstanceOf(ResonanceException.class).hasMessageContaining("of its 4096 bytes");
        assertThatThrownBy(() -> plugin.http().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:9/")).build(), java.net.http.HttpResponse.BodyHandlers.discarding()))
            .isInstanceOf(ResonanceException.class).hasMessageContaining("\"network\" permission");
    }

    @Test
    void theStoragesTtlsRunOnTheHarnessClock() {
        PluginHarness plugin = PluginHarness.load();
        plugin.storage().put("k", new byte[1], Optional.of(Duration.ofHours(1)));

        plugin.clock().advance(Duration.ofHours(1));

        assertThat(plugin.storage().get("k")).isEmpty();
    }

    @Test
    void aCallAnswersThroughTheHarnessAndItsExceptionIsTheTests() throws Exception {
        PluginHarness plugin = PluginHarness.load();

        assertThat(plugin.call(() -> "answer")).isEqualTo("answer");
        assertThatThrownBy(() -> plugin.call(() -> {
            throw new IOException("offline");
        })).isInstanceOf(IOException.class).hasMessage("offline");
    }

    @Test
    void aCallPastTheTimeoutFailsTheTestAndIsInterruptedAsTheCoreWould() throws Exception {
        PluginHarness plugin = PluginHarness.load();
        CountDownLatch interrupted = new CountDownLatch(1);

        assertThatThrownBy(() -> plugin.call(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        }, Duration.ofMillis(200))).isInstanceOf(AssertionError.class)
            .hasMessageContaining("took longer than PT0.2S: the core interrupts it and treats it as no answer");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(PluginHarness.CALL_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aBundleWithoutBndsManifestBesideItsDescriptorIsReported() {
        // the testkit's own test classes are no bundle
        assertThatThrownBy(() -> PluginHarness.load().checkBundle()).isInstanceOf(AssertionError.class)
            .hasMessageContaining("is bnd-maven-plugin's bnd-process goal in the build?");
    }

    @Test
    void aMissingDescriptorSaysWhereItBelongs() {
        assertThatThrownBy(() -> PluginHarness.load("META-INF/resonance/none.json"))
            .hasMessageContaining("the plugin's descriptor belongs in src/main/resources/META-INF/resonance/none.json");
    }
}
