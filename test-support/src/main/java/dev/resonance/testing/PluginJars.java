package dev.resonance.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Plugin jars for the distribution tests: the ones the distribution ships, and "other versions" of them. The
 * distribution's repository offers one version of each plugin; what an upgrade or a downgrade does to a running
 * server — the plugin's bundle (same symbolic name) updated in place to another {@code Bundle-Version} — is the same
 * whatever changed inside, so a test takes the shipped jar from the distribution's {@code system/} folder and changes
 * only its {@code Bundle-Version} (same code, same descriptor: the same permissions, so the plugin keeps running). A
 * plugin reports the version it runs at from its own manifest, so its endpoints tell which one answers.
 */
public final class PluginJars {

    private PluginJars() {
    }

    /** The jar of plugin module {@code artifactId} the distribution ships (in {@code <karaf.home>/system/}). */
    public static Path shipped(Path karafHome, String artifactId) throws IOException {
        Path folder = karafHome.resolve("system/dev/resonance/" + artifactId);
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
            if (jars.size() != 1) {
                throw new AssertionError("expected one " + artifactId + " jar in " + folder + ", found " + jars);
            }
            return jars.get(0);
        }
    }

    /** {@code jar} with its {@code Bundle-Version} set to {@code version}; every other entry copied as it is. */
    public static byte[] withBundleVersion(Path jar, String version) throws IOException {
        try (InputStream file = Files.newInputStream(jar); JarInputStream in = new JarInputStream(file)) {
            if (in.getManifest() == null) {
                throw new AssertionError(jar + " has no manifest first");
            }
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }
}
