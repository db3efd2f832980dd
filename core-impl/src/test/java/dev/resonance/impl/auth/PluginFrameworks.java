package dev.resonance.impl.auth;

import dev.resonance.api.db.Database;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.impl.library.LibraryCatalog;
import dev.resonance.impl.plugins.PluginPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.framework.Felix;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/** The plugin platform over a real (Felix) OSGi framework with no plugin (tests may install some), for the API harness. */
public final class PluginFrameworks {

    /**
     * The core-api packages a plugin imports, as the core-api bundle exports them (the test framework's system bundle
     * does): read from the manifest bnd wrote for the core-api on the class path, so a new package is never missed.
     */
    public static final String API_PACKAGES = apiExports();

    private static String apiExports() {
        try {
            Path where = Path.of(PluginDescriptor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            java.util.jar.Manifest manifest;
            if (Files.isDirectory(where)) {
                try (var in = Files.newInputStream(where.resolve("META-INF/MANIFEST.MF"))) {
                    manifest = new java.util.jar.Manifest(in);
                }
            } else {
                try (var jar = new java.util.jar.JarFile(where.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            String exports = manifest.getMainAttributes().getValue("Export-Package");
            // name;version="x" for each clause (directives such as uses:= dropped); commas inside quotes are not separators
            java.util.List<String> packages = new java.util.ArrayList<>();
            for (String clause : exports.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String name = clause.split(";", 2)[0].trim();
                java.util.regex.Matcher version = java.util.regex.Pattern.compile("version=\"?([0-9.]+)").matcher(clause);
                packages.add(name + (version.find() ? ";version=" + version.group(1) : ""));
            }
            return String.join(",", packages);
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot read core-api's exports (built by bnd) from the class path", e);
        }
    }

    private PluginFrameworks() {
    }

    /** A running framework and the platform tracking it. */
    public record Running(Felix felix, PluginPlatform platform, Path storage) implements AutoCloseable {
        @Override
        public void close() {
            platform.close();
            try {
                felix.stop();
                felix.waitForStop(10_000);
            } catch (BundleException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
            try (var files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp files: best effort
            }
        }
    }

    static Running platform(Database db, Path storage) {
        Felix felix = new Felix(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
            Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
            Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API_PACKAGES));
        try {
            Files.createDirectories(storage);
            felix.start();
        } catch (BundleException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PluginPlatform platform = PluginPlatform.start(felix.getBundleContext(), db, new LibraryCatalog(db),
            Duration.ofSeconds(5), 8, () -> Optional.of(emptyRepository()), Optional.empty(), Optional.empty(),
            Optional::empty);
        return new Running(felix, platform, storage);
    }

    /** A Karaf features service whose repository offers nothing (every method answers empty/false/null). */
    static FeaturesService emptyRepository() {
        return (FeaturesService) Proxy.newProxyInstance(PluginFrameworks.class.getClassLoader(),
            new Class<?>[] {FeaturesService.class}, (proxy, method, args) -> {
                Class<?> type = method.getReturnType();
                if (type.isArray()) {
                    return Array.newInstance(type.getComponentType(), 0);
                }
                if (type == boolean.class) {
                    return false;
                }
                if (method.getName().equals("toString")) {
                    return "empty features service";
                }
                return null;
            });
    }
}
