package dev.resonance.plugin.lyrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * This plugin's version: its {@code Bundle-Version}, read from its own manifest (the plugin's version is the bundle's,
 * see {@code PluginDescriptor}). Read without the OSGi framework API, so that the bundle imports nothing for it: the
 * bundle's class loader finds its own {@code META-INF/MANIFEST.MF}; the symbolic name tells it from others on a flat
 * class path (tests).
 */
public final class PluginVersion {

    public static final String SYMBOLIC_NAME = "dev.resonance.plugin.lyrics";

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

    /** The {@code User-Agent} the plugin sends to the services it calls, as LRCLIB asks clients to identify. */
    public static String userAgent() {
        return "Resonance-lyrics/" + current() + " (+https://github.com/resonance)";
    }
}
