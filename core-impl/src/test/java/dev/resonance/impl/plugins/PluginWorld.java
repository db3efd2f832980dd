package dev.resonance.impl.plugins;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * A real OSGi framework (Felix, as in Karaf) whose system bundle exports core-api, a migrated PostgreSQL database,
 * and plugin bundles built in memory: what the plugin manager's tests run against.
 */
final class PluginWorld implements AutoCloseable {

    /** The core-api packages, as the core-api bundle exports them. */
    static final String API_PACKAGES = dev.resonance.impl.auth.PluginFrameworks.API_PACKAGES;

    final TestDatabase testDb = TestDatabase.create();
    final HikariDataSource pool;
    final Database db;
    final Felix felix;
    final List<PluginManager.Action> audited = new ArrayList<>();

    PluginWorld(Path storage) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestDatabases.migrated(testDb));
        pool = new HikariDataSource(config);
        db = TestDatabases.database(pool);
        felix = new Felix(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
            Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
            Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API_PACKAGES));
        try {
            felix.start();
        } catch (BundleException e) {
            throw new IllegalStateException(e);
        }
    }

    BundleContext context() {
        return felix.getBundleContext();
    }

    PluginManager manager() {
        return new PluginManager(context(), new Decisions(db), Clock.systemUTC(), audited::add);
    }

    Bundle install(byte[] jar) throws BundleException {
        return context().installBundle("test:" + System.nanoTime(), new ByteArrayInputStream(jar));
    }

    /**
     * Installs plugin {@code id} declaring the SPI {@code spi} (importing its {@code apiPackage}), has {@code manager}
     * enable it, and registers {@code service} from the plugin's bundle with {@code ranking}: a provider the core asks.
     */
    <S> org.osgi.framework.ServiceRegistration<S> provider(PluginManager manager, String id, Class<S> spi, String apiPackage,
                                                           int ranking, S service) throws Exception {
        Bundle bundle = install(plugin(id, "1.0.0", descriptor(id, "[1.1,2)", "{}", List.of(spi.getSimpleName())),
                Map.of(Constants.IMPORT_PACKAGE, apiPackage + ";version=\"[1.0,2)\"")));
        manager.reconcileNow();
        manager.enable(id, java.util.Optional.empty());
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, ranking);
        return bundle.getBundleContext().registerService(spi, service, properties);
    }

    /** A descriptor asking for {@code permissions} (JSON object text) and declaring the LyricsProvider capability. */
    static String descriptor(String id, String api, String permissions) {
        return descriptor(id, api, permissions, List.of("LyricsProvider"));
    }

    /** A descriptor asking for {@code permissions} (JSON object text) and declaring {@code capabilities}. */
    static String descriptor(String id, String api, String permissions, List<String> capabilities) {
        String declared = capabilities.stream().map(c -> '"' + c + '"').collect(java.util.stream.Collectors.joining(", "));
        return """
            {"id": "%s", "name": "Test %s", "author": "Tests", "description": "a test plugin", "license": "Apache-2.0",
             "api": "%s", "capabilities": [%s], "permissions": %s}""".formatted(id, id, api, declared, permissions);
    }

    static String descriptor(String id) {
        return descriptor(id, "[1.1,2)", "{\"catalog\": {\"reason\": \"match tracks\"}}");
    }

    /** A plugin bundle: symbolic name {@code test.<id>}, the header, the descriptor (when not null), extra headers. */
    static byte[] plugin(String id, String version, String descriptorJson, Map<String, String> headers) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, "test." + id);
        main.putValue(Constants.BUNDLE_VERSION, version);
        main.putValue(PluginDescriptor.HEADER, id);
        main.putValue(Constants.IMPORT_PACKAGE, "dev.resonance.api.lyrics;version=\"[1.0,2)\"");
        headers.forEach(main::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            if (descriptorJson != null) {
                jar.putNextEntry(new JarEntry(PluginDescriptor.RESOURCE));
                jar.write(descriptorJson.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] plugin(String id, String version) {
        return plugin(id, version, descriptor(id), Map.of());
    }

    @Override
    public void close() throws Exception {
        felix.stop();
        felix.waitForStop(10_000);
        pool.close();
        testDb.close();
    }
}
