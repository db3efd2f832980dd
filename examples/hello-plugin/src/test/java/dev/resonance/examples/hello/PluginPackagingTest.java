package dev.resonance.examples.hello;

import dev.resonance.plugin.testkit.PluginHarness;
import org.junit.jupiter.api.Test;

/** What the plugin manager checks before it accepts the bundle, checked at every build. */
class PluginPackagingTest {

    @Test
    void theDescriptorIsOneTheCoreAccepts() {
        PluginHarness.load();
    }

    @Test
    void theBundleImportsOnlyCoreApiAndThePlatformAndExportsNothing() {
        PluginHarness.load().checkBundle();
    }
}
