package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.error.ResonanceException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The plugin manager in a real OSGi framework with a real database: states, decisions, upgrades, refusals. */
class PluginManagerTest {

    @TempDir
    Path storage;

    private PluginWorld world;
    private PluginManager manager;

    @BeforeEach
    void start() {
        world = new PluginWorld(storage);
        manager = world.manager();
    }

    @AfterEach
    void stop() throws Exception {
        manager.close();
        world.close();
    }

    @Test
    void aNewPluginArrivesDisabledAndStartsOnlyOnceEnabled() throws Exception {
        Bundle bundle = world.install(PluginWorld.plugin("alpha", "1.0.0"));
        manager.reconcileNow();

        PluginManager.Plugin arrived = manager.get("alpha");
        assertThat(arrived.state()).isEqualTo(PluginManager.State.DISABLED);
        assertThat(arrived.reason()).contains("not enabled");
        assertThat(arrived.descriptor().orElseThrow().permissionsByName()).containsOnlyKeys("catalog");
        assertThat(bundle.getState()).isNotEqualTo(Bundle.ACTIVE);

        PluginManager.Plugin enabled = manager.enable("alpha", Optional.empty());
        assertThat(enabled.state()).isEqualTo(PluginManager.State.ENABLED);
        assertThat(enabled.approvedVersion()).contains("1.0.0");
        assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(manager.admits(bundle)).isTrue();

        PluginManager.Plugin disabled = manager.disable("alpha", Optional.empty());
        assertThat(disabled.state()).isEqualTo(PluginManager.State.DISABLED);
        assertThat(bundle.getState()).isEqualTo(Bundle.RESOLVED);
        assertThat(manager.admits(bundle)).isFalse();
        assertThat(world.audited).extracting(PluginManager.Action::action).containsExactly("plugin.enabled", "plugin.disabled");
    }

    @Test
    void theDecisionSurvivesARestartOfTheManager() throws Exception {
        Bundle bundle = world.install(PluginWorld.plugin("alpha", "1.0.0"));
        manager.reconcileNow();
        manager.enable("alpha", Optional.empty());
        manager.close();
        bundle.stop(); // as if the framework had come up without it

        manager = world.manager();
        manager.reconcileNow();

        assertThat(manager.get("alpha").state()).isEqualTo(PluginManager.State.ENABLED);
        assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);
    }

    @Test
    void anUpgradeAskingForNothingNewKeepsRunningOneAskingForMoreWaitsForAnAdmin() throws Exception {
        Bundle bundle = world.install(PluginWorld.plugin("alpha", "1.0.0"));
        manager.reconcileNow();
        manager.enable("alpha", Optional.empty());

        bundle.update(new ByteArrayInputStream(PluginWorld.plugin("alpha", "1.1.0")));
        manager.reconcileNow();
        assertThat(manager.get("alpha").version()).isEqualTo("1.1.0");
        assertThat(manager.get("alpha").state()).isEqualTo(PluginManager.State.ENABLED);
        assertThat(bundle.getState()).isEqualTo(Bundle.ACTIVE);

        String more = PluginWorld.descriptor("alpha", "[1.1,2)", """
            {"catalog": {"reason": "match tracks"},
             "network": {"reason": "ask a lyrics site", "hosts": ["lrclib.net"]}}""");
        bundle.update(new ByteArrayInputStream(PluginWorld.plugin("alpha", "2.0.0", more, Map.of())));
        manager.reconcileNow();
        PluginManager.Plugin waiting = manager.get("alpha");
        assertThat(waiting.state()).isEqualTo(PluginManager.State.DISABLED);
        assertThat(waiting.reason().orElseThrow()).contains("2.0.0", "not approved", "network");
        assertThat(bundle.getState()).isNotEqualTo(Bundle.ACTIVE);

        assertThat(manager.enable("alpha", Optional.empty()).state()).isEqualTo(PluginManager.State.ENABLED);
        assertThat(manager.get("alpha").approved()).containsKeys("catalog", "network");
    }

    @Test
    void invalidIncompatibleAndDuplicatePluginsAreRefusedWithTheirReason() throws Exception {
        world.install(PluginWorld.plugin("broken", "1.0.0", "{\"id\": \"broken\"", Map.of()));
        world.install(PluginWorld.plugin("future", "1.0.0", PluginWorld.descriptor("future", "[2.0,3)", "{}"), Map.of()));
        world.install(PluginWorld.plugin("nodesc", "1.0.0", null, Map.of()));
        world.install(PluginWorld.plugin("twin", "1.0.0"));
        world.install(PluginWorld.plugin("twin", "1.0.0", PluginWorld.descriptor("twin"),
            Map.of("Bundle-SymbolicName", "test.other-twin")));
        world.install(PluginWorld.plugin("greedy", "1.0.0", PluginWorld.descriptor("greedy", "[1.1,2)",
            "{\"network\": {\"reason\": \"everything\"}}"), Map.of()));
        world.install(PluginWorld.plugin("typo", "1.0.0", PluginWorld.descriptor("typo", "[1.1,2)", "{}",
            List.of("LyricProvider")), Map.of()));
        manager.reconcileNow();

        assertThat(manager.get("broken").reason().orElseThrow()).contains("not JSON");
        assertThat(manager.get("future").reason().orElseThrow()).contains("needs core-api [2.0,3)", "offers 1.2.0");
        assertThat(manager.get("nodesc").reason().orElseThrow()).contains("has no META-INF/resonance/plugin.json");
        assertThat(manager.get("greedy").reason().orElseThrow()).contains("network needs the hosts");
        assertThat(manager.get("typo").reason().orElseThrow())
            .contains("capability \"LyricProvider\" is not one this server knows", "LyricsProvider");
        assertThat(manager.list()).filteredOn(p -> p.id().equals("twin")).extracting(PluginManager.Plugin::state)
            .containsExactlyInAnyOrder(PluginManager.State.DISABLED, PluginManager.State.REFUSED);
        assertThat(manager.list()).filteredOn(p -> p.state() == PluginManager.State.REFUSED).hasSize(6);
        assertThatThrownBy(() -> manager.enable("future", Optional.empty())).isInstanceOf(ResonanceException.class)
            .hasMessageContaining("cannot be enabled").hasMessageContaining("needs core-api");
        assertThat(manager.troubled()).hasSize(6);
    }

    @Test
    void anEnabledPluginWhoseImportsCannotResolveIsShownFailedWithTheResolverReason() throws Exception {
        world.install(PluginWorld.plugin("orphan", "1.0.0", PluginWorld.descriptor("orphan"),
            Map.of("Import-Package", "dev.resonance.api.lyrics;version=\"[2.0,3)\"")));
        manager.reconcileNow();

        PluginManager.Plugin failed = manager.enable("orphan", Optional.empty());

        assertThat(failed.state()).isEqualTo(PluginManager.State.FAILED);
        assertThat(failed.reason().orElseThrow()).contains("dev.resonance.api.lyrics");
    }

    @Test
    void anUninstalledPluginDisappearsAndAnUnknownOneIsNotFound() throws Exception {
        Bundle bundle = world.install(PluginWorld.plugin("alpha", "1.0.0"));
        manager.reconcileNow();
        bundle.uninstall();
        manager.reconcileNow();

        assertThat(manager.list()).isEmpty();
        assertThatThrownBy(() -> manager.get("alpha")).isInstanceOf(ResonanceException.class)
            .extracting(e -> ((ResonanceException) e).kind()).isEqualTo(ResonanceException.Kind.NOT_FOUND);
    }
}
