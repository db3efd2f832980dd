package dev.resonance.impl.plugins;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.plugin.PluginDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Installs, upgrades, downgrades and uninstalls plugins: from the distribution's own repository (Karaf features named
 * {@code resonance-plugin-<id>}) or from an uploaded bundle jar whose SHA-256 the admin states. Features are installed
 * with options that refresh nothing ({@code NoAutoRefreshBundles}) and start nothing ({@code NoAutoStartBundles}): the
 * {@link PluginManager} starts a plugin once an admin enabled it. A plugin exports nothing, so no other bundle is wired
 * to it and nothing of the core is touched.
 */
public final class PluginInstaller {

    static final String FEATURE_PREFIX = "resonance-plugin-";
    static final int MAX_UPLOAD_BYTES = 64 << 20;
    static final EnumSet<FeaturesService.Option> OPTIONS = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles,
        FeaturesService.Option.NoAutoStartBundles, FeaturesService.Option.Upgrade);

    /** A plugin the distribution's repository offers. */
    public record Available(String id, String version, String description, boolean installed) {
    }

    private final BundleContext context;
    private final PluginManager manager;
    private final Supplier<Optional<FeaturesService>> features;
    private final Optional<PluginSettings> settings;

    PluginInstaller(BundleContext context, PluginManager manager, Supplier<Optional<FeaturesService>> features,
                    Optional<PluginSettings> settings) {
        this.context = context;
        this.manager = manager;
        this.features = features;
        this.settings = settings;
    }

    public List<Available> available() {
        FeaturesService service = featuresService();
        try {
            return Arrays.stream(service.listFeatures()).filter(f -> f.getName().startsWith(FEATURE_PREFIX))
                .map(f -> new Available(f.getName().substring(FEATURE_PREFIX.length()), f.getVersion(),
                    Optional.ofNullable(f.getDescription()).orElse(""), service.isInstalled(f)))
                .sorted(java.util.Comparator.comparing(Available::id).thenComparing(Available::version)).toList();
        } catch (Exception e) {
            throw ResonanceException.unavailable("plugin_repository", "The plugin repository cannot be read: " + e.getMessage());
        }
    }

    /** Installs (or moves to {@code version}: upgrade or downgrade) plugin {@code id} from the repository. */
    public PluginManager.Plugin installFromRepository(String id, Optional<String> version, Optional<Long> by) {
        FeaturesService service = featuresService();
        String name = FEATURE_PREFIX + id;
        Feature feature;
        try {
            feature = version.isPresent() ? service.getFeature(name, version.get()) : service.getFeature(name);
        } catch (Exception e) {
            throw ResonanceException.unavailable("plugin_repository", "The plugin repository cannot be read: " + e.getMessage());
        }
        if (feature == null) {
            throw ResonanceException.notFound("plugin_not_available", "The repository has no plugin " + id
                + version.map(v -> " " + v).orElse(""));
        }
        Optional<PluginManager.Plugin> before = current(id);
        try {
            service.installFeature(feature.getName(), feature.getVersion(), OPTIONS);
        } catch (Exception e) {
            throw ResonanceException.conflict("plugin_install_failed", "Plugin " + id + " " + feature.getVersion()
                + " could not be installed: " + e.getMessage());
        }
        PluginManager.Plugin after = manager.settle(id);
        manager.audited(new PluginManager.Action(action(before, after), id, after.version(), by));
        return after;
    }

    /** Installs or updates the plugin in {@code jar}, after checking it hashes to {@code sha256}. */
    public PluginManager.Plugin installUpload(byte[] jar, String sha256, Optional<Long> by) {
        if (jar.length == 0 || jar.length > MAX_UPLOAD_BYTES) {
            throw ResonanceException.tooLarge("plugin_upload_size", "A plugin upload is 1 byte to " + MAX_UPLOAD_BYTES + " bytes");
        }
        String actual = sha256(jar);
        if (sha256 == null || !actual.equalsIgnoreCase(sha256.strip())) {
            throw ResonanceException.invalid("plugin_checksum", "The upload's SHA-256 is " + actual
                + ", not the one stated (sha256=" + (sha256 == null ? "missing" : sha256.strip()) + ")");
        }
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            manifest = in.getManifest();
        } catch (IOException e) {
            throw ResonanceException.invalid("plugin_not_a_bundle", "The upload is not a jar: " + e.getMessage());
        }
        String id = manifest == null ? null : manifest.getMainAttributes().getValue(PluginDescriptor.HEADER);
        String symbolicName = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (id == null || symbolicName == null) {
            throw ResonanceException.invalid("plugin_not_a_plugin", "The upload is not a Resonance plugin bundle: its manifest"
                + " needs Bundle-SymbolicName and " + PluginDescriptor.HEADER);
        }
        id = id.strip();
        Optional<PluginManager.Plugin> before = current(id);
        String bsn = symbolicName.split(";")[0].strip();
        Optional<Bundle> existing = Arrays.stream(context.getBundles())
            .filter(b -> bsn.equals(b.getSymbolicName())).findFirst();
        try {
            if (existing.isPresent()) {
                existing.get().update(new ByteArrayInputStream(jar));
            } else {
                context.installBundle("resonance-plugin:" + id + ":" + actual, new ByteArrayInputStream(jar));
            }
        } catch (BundleException e) {
            throw ResonanceException.invalid("plugin_install_failed", "Plugin " + id + " could not be installed: " + e.getMessage());
        }
        PluginManager.Plugin after = manager.settle(id);
        manager.audited(new PluginManager.Action(action(before, after), id, after.version(), by));
        return after;
    }

    /** Removes plugin {@code id}: its bundle (or feature), the admin's decision, its store, its configuration. */
    public void uninstall(String id, Optional<Long> by) {
        Bundle bundle = manager.bundle(id).orElseThrow(() -> ResonanceException.notFound("plugin_not_found", "No plugin " + id));
        String version = bundle.getVersion().toString();
        Optional<FeaturesService> service = features.get();
        try {
            Optional<Feature> feature = service.isPresent() ? installedFeature(service.get(), id) : Optional.empty();
            if (feature.isPresent()) {
                service.get().uninstallFeature(feature.get().getName(), feature.get().getVersion(),
                    EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            } else {
                bundle.uninstall();
            }
        } catch (Exception e) {
            throw ResonanceException.conflict("plugin_uninstall_failed", "Plugin " + id + " could not be uninstalled: "
                + e.getMessage());
        }
        manager.reconcileNow();
        settings.ifPresent(s -> s.forget(id));
        manager.forget(id, by, version);
    }

    private Optional<Feature> installedFeature(FeaturesService service, String id) throws Exception {
        return Arrays.stream(service.listInstalledFeatures()).filter(f -> f.getName().equals(FEATURE_PREFIX + id)).findFirst();
    }

    private Optional<PluginManager.Plugin> current(String id) {
        try {
            return Optional.of(manager.get(id));
        } catch (ResonanceException e) {
            return Optional.empty();
        }
    }

    private static String action(Optional<PluginManager.Plugin> before, PluginManager.Plugin after) {
        if (before.isEmpty()) {
            return "plugin.installed";
        }
        int order = org.osgi.framework.Version.valueOf(after.version())
            .compareTo(org.osgi.framework.Version.valueOf(before.get().version()));
        return order > 0 ? "plugin.upgraded" : order < 0 ? "plugin.downgraded" : "plugin.reinstalled";
    }

    private FeaturesService featuresService() {
        return features.get().orElseThrow(() -> ResonanceException.unavailable("plugin_repository",
            "The Karaf features service is not running: plugins can only be uploaded"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
