package dev.resonance.paxexam;

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
 * A "v2" of the lyrics plugin, for the upgrade step. The distribution's repository offers one version of
 * {@code resonance-plugin-lyrics}, so a repository upgrade ({@code PUT /api/v1/admin/plugins/lyrics/version}) has
 * nowhere to go. What an upgrade does to the running server is the same either way — the plugin's bundle (same
 * symbolic name) is updated in place to a higher {@code Bundle-Version} while it runs — so the test takes the
 * shipped jar from the distribution's {@code system/} folder, raises its {@code Bundle-Version} (nothing else
 * changes: same code, same descriptor, so the same permissions and the plugin keeps running) and uploads it as an
 * admin would a new release ({@code POST /api/v1/admin/plugins/upload?sha256=}). The plugin reports the version it
 * runs at from its own manifest, so its status endpoint tells which of the two answers.
 */
final class LyricsJars {

    private LyricsJars() {
    }

    /** The lyrics plugin jar the distribution ships (in {@code <karaf.home>/system/}). */
    static Path shipped(Path karafHome) throws IOException {
        Path folder = karafHome.resolve("system/dev/resonance/resonance-plugin-lyrics");
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
            if (jars.size() != 1) {
                throw new AssertionError("expected one lyrics plugin jar in " + folder + ", found " + jars);
            }
            return jars.get(0);
        }
    }

    /** {@code jar} with its {@code Bundle-Version} set to {@code version}; every other entry copied as it is. */
    static byte[] withBundleVersion(Path jar, String version) throws IOException {
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
