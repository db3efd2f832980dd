package dev.resonance.plugin.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.osgi.framework.Version;

/** The core-api on the class path: the version a descriptor's {@code "api"} range must include. */
public final class CoreApi {

    /** core-api's bundle symbolic name. */
    public static final String SYMBOLIC_NAME = "dev.resonance.api";

    private CoreApi() {
    }

    /**
     * core-api's {@code Bundle-Version} without its qualifier: the API version plugins name in {@code "api"} (not the
     * Maven version).
     *
     * @throws IllegalStateException when no core-api manifest is on the class path
     */
    public static Version version() {
        try {
            Enumeration<URL> manifests = CoreApi.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                URL url = manifests.nextElement();
                try (InputStream in = url.openStream()) {
                    Attributes main = new Manifest(in).getMainAttributes();
                    String name = main.getValue("Bundle-SymbolicName");
                    if (name != null && name.split(";")[0].strip().equals(SYMBOLIC_NAME)) {
                        Version version = Version.parseVersion(main.getValue("Bundle-Version"));
                        return new Version(version.getMajor(), version.getMinor(), version.getMicro());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no core-api (Bundle-SymbolicName " + SYMBOLIC_NAME + ") on the class path: "
            + "depend on dev.resonance:resonance-core-api");
    }
}
