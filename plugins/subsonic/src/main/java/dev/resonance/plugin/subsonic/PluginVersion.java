package dev.resonance.plugin.subsonic;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * This plugin's version, its {@code Bundle-Version} (Subsonic's {@code serverVersion}), read from its own manifest
 * without the OSGi framework API: the bundle's class loader finds its {@code META-INF/MANIFEST.MF}; the symbolic name
 * tells it from others on a flat class path (tests).
 */
public final class PluginVersion {

    public static final String SYMBOLIC_NAME = "dev.resonance.plugin.subsonic";

    /** The version when no manifest of this bundle is found (classes run outside their jar, without bnd). */
    public static final String UNKNOWN = "0.0.0";

    private PluginVersion() {
    }

    public static String current() {
        try {
            Enumeration<URL> manifests = PluginVersion.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                try (InputStream in = manifests.nextElement().openStream()) {
                    Attributes main = new Manifest(in).getMainAttributes();
                    String name = main.getValue("Bundle-SymbolicName");
                    if (name != null && name.split(";")[0].strip().equals(SYMBOLIC_NAME)) {
                        String version = main.getValue("Bundle-Version");
                        return version == null ? UNKNOWN : version.strip();
                    }
                }
            }
        } catch (IOException e) {
            // no manifest to read: the version is unknown
        }
        return UNKNOWN;
    }
}
