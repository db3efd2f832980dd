/**
 * Unit-testing a Resonance plugin without Karaf. {@link dev.resonance.plugin.testkit.PluginHarness#load()} reads the
 * plugin's descriptor ({@code META-INF/resonance/plugin.json}) from the test class path and checks it as the core's
 * plugin manager does; the harness then hands the test the core services a plugin may use —
 * {@link dev.resonance.plugin.testkit.TestCatalog}, {@link dev.resonance.plugin.testkit.TestKeyValueStore},
 * {@link dev.resonance.plugin.testkit.TestPluginHttp} — in memory (HTTP for real), each refusing what the descriptor
 * did not declare exactly as the core documents it, so a test fails where the server would. See
 * {@code docs/plugins.md}.
 */
package dev.resonance.plugin.testkit;
