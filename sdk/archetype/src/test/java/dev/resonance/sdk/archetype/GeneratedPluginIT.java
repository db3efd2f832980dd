package dev.resonance.sdk.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.plugin.testkit.Descriptor;
import dev.resonance.plugin.testkit.PluginBundle;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project archetype:integration-test generated from this archetype (src/test/resources/projects/greeter: plugin
 * id "greeter", package org.example.greeter) and built with {@code mvn verify} against the staged SDK: its tests ran
 * and passed, and its jar is a plugin the core accepts. The jar is left at {@value #STABLE_JAR} for the distribution's
 * tests to install.
 */
class GeneratedPluginIT {

    static final String STABLE_JAR = "target/generated-plugin.jar";

    private static final Path PROJECT = Path.of("target/test-classes/projects/greeter/project/greeter-plugin");
    private static final Path JAR = PROJECT.resolve("target/greeter-plugin-1.0.0-SNAPSHOT.jar");

    @Test
    void theGeneratedProjectsOwnTestsRanAndPassed() throws Exception {
        Path reports = PROJECT.resolve("target/surefire-reports");
        List<String> summaries;
        try (Stream<Path> files = Files.list(reports)) {
            summaries = files.filter(f -> f.toString().endsWith(".txt")).map(GeneratedPluginIT::summary).toList();
        }

        assertThat(summaries).hasSize(3).allSatisfy(summary -> assertThat(summary)
            .matches("Tests run: [1-9]\\d*, Failures: 0, Errors: 0, Skipped: 0.*"));
    }

    @Test
    void theGeneratedJarIsAPluginTheCoreAccepts() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            Descriptor descriptor;
            try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/resonance/plugin.json"))) {
                descriptor = Descriptor.read(in, JAR + "!/META-INF/resonance/plugin.json");
            }

            assertThat(descriptor.id()).isEqualTo("greeter");
            assertThat(main.getValue("Resonance-Plugin")).isEqualTo("greeter");
            assertThat(main.getValue("Bundle-SymbolicName")).isEqualTo("org.example.greeter");
            assertThat(main.getValue("Export-Package")).isNull();
            assertThat(main.getValue("Import-Package")).contains("dev.resonance.api.lyrics", "javax.ws.rs");
            assertThat(PluginBundle.problems(jar.getManifest(), descriptor)).isEmpty();
            assertThat(main.getValue("Service-Component")).contains("org.example.greeter.GreetingResource",
                "org.example.greeter.NurseryRhymeLyrics");
            byte[] resource = jar.getInputStream(jar.getEntry("org/example/greeter/GreetingResource.class")).readAllBytes();
            assertThat(new String(resource, StandardCharsets.ISO_8859_1)).contains("plugins/greeter/greeting");
        }
        Files.copy(JAR, Path.of(STABLE_JAR), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String summary(Path report) {
        try {
            return Files.readAllLines(report).stream().filter(line -> line.startsWith("Tests run:")).findFirst()
                .orElse("no summary in " + report);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
