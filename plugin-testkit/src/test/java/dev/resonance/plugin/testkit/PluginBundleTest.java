package dev.resonance.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

class PluginBundleTest {

    private final Descriptor descriptor = Descriptors.withPermissions("{}");

    @Test
    void aPluginImportingOnlyCoreApiAndThePlatformAndExportingNothingKeepsTheRules() throws IOException {
        Manifest manifest = manifest("""
            Bundle-SymbolicName: org.example.sample
            Resonance-Plugin: sample
            Import-Package: dev.resonance.api.lyrics;version="[1.0,2)",dev.resonance.api.library;version="[1.1,2)",java.util,javax.ws.rs;version="[2.1,3)",javax.ws.rs.core;version="[2.1,3)",org.slf4j;version="[1.7,3)"
            """);

        assertThat(PluginBundle.problems(manifest, descriptor)).isEmpty();
    }

    @Test
    void everyBrokenRuleIsNamed() throws IOException {
        Manifest manifest = manifest("""
            Bundle-SymbolicName: org.example.sample
            Resonance-Plugin: other
            Export-Package: org.example.sample;version="1.0.0"
            Import-Package: com.google.gson;version="[2.10,3)",dev.resonance.impl.library,dev.resonance.api.lyrics
            Require-Bundle: org.example.lib
            """);

        assertThat(PluginBundle.problems(manifest, descriptor)).containsExactly(
            "Resonance-Plugin is \"other\" but the descriptor's id is \"sample\"",
            "exports [org.example.sample]: a plugin exports nothing (\"-exportcontents:\" empty in bnd.bnd, no @Export)",
            "imports com.google.gson: a plugin imports only dev.resonance.api.* and java.*, javax.ws.rs.*, "
                + "javax.servlet.*, org.slf4j.*, org.osgi.framework.*, org.osgi.service.component.*, com.fasterxml.jackson.*, javax.xml.stream.*; embed a library "
                + "instead (bnd -conditionalpackage or -includeresource)",
            "imports dev.resonance.impl.library: a plugin imports only dev.resonance.api.* and java.*, javax.ws.rs.*, "
                + "javax.servlet.*, org.slf4j.*, org.osgi.framework.*, org.osgi.service.component.*, com.fasterxml.jackson.*, javax.xml.stream.*; embed a library "
                + "instead (bnd -conditionalpackage or -includeresource), and never the core's own packages",
            "Require-Bundle: a plugin depends on packages (core-api), never on bundles");
    }

    @Test
    void aJarWithoutTheHeaderIsNoPlugin() throws IOException {
        assertThat(PluginBundle.problems(manifest("Bundle-SymbolicName: x\n"), descriptor))
            .containsExactly("no Resonance-Plugin header: add \"Resonance-Plugin: sample\" to bnd.bnd");
    }

    @Test
    void packageHeadersSplitOutsideQuotesOnly() {
        assertThat(PluginBundle.packages("a.b;version=\"[1.0,2)\";resolution:=optional,c;d;version=1,e"))
            .containsExactly("a.b", "c", "d", "e");
        assertThat(PluginBundle.allowed("javax.ws.rsx")).isFalse();
        assertThat(PluginBundle.allowed("dev.resonance.apix")).isFalse();
        assertThat(PluginBundle.allowed("javax.xml.stream")).isTrue();
        assertThat(PluginBundle.allowed("javax.xml.parsers")).isFalse();
    }

    private static Manifest manifest(String headers) throws IOException {
        return new Manifest(new ByteArrayInputStream(("Manifest-Version: 1.0\n" + headers)
            .getBytes(StandardCharsets.UTF_8)));
    }
}
