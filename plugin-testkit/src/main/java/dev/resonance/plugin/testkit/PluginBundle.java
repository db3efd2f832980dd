package dev.resonance.plugin.testkit;

import dev.resonance.api.plugin.PluginDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The packaging rules a plugin bundle must keep so that it can be installed, upgraded and removed while the server
 * runs: its {@value PluginDescriptor#HEADER} header names its descriptor's id; it exports nothing (a plugin's classes
 * are its own, and nothing can come to depend on them); it imports only core-api ({@code dev.resonance.api.*}) and the
 * platform packages in {@link #PLATFORM} (anything else it needs it embeds); it requires no bundle and imports nothing
 * dynamically.
 */
public final class PluginBundle {

    /**
     * What a plugin may import besides core-api: the JDK, JAX-RS 2.1 (the core's Jersey serves a plugin's resources),
     * the servlet API (an {@code HttpEndpoint} is a servlet), SLF4J (the server's logging), the OSGi framework and
     * Declarative Services API, Jackson 2 (the JSON library the server runs; import it with a {@code [2.x,3)}
     * range, as bnd does by default), and the JDK's StAX ({@code javax.xml.stream}, module {@code java.xml}, which the
     * framework's system bundle exports: imported because it is not boot-delegated, unlike {@code java.*}). A name ending in {@code .*} covers the package and its subpackages. These are
     * bundles the server installs before any plugin and never replaces while it runs, so a plugin wired to them is
     * never refreshed by another plugin, and installing a plugin never refreshes them.
     */
    public static final List<String> PLATFORM = List.of("java.*", "javax.ws.rs.*", "javax.servlet.*", "org.slf4j.*",
        "org.osgi.framework.*", "org.osgi.service.component.*", "com.fasterxml.jackson.*", "javax.xml.stream.*");

    private PluginBundle() {
    }

    /** What breaks the rules in a bundle's {@code manifest} for {@code descriptor}; empty when it keeps them. */
    public static List<String> problems(Manifest manifest, Descriptor descriptor) {
        Attributes main = manifest.getMainAttributes();
        List<String> problems = new ArrayList<>();
        String header = main.getValue(PluginDescriptor.HEADER);
        if (header == null) {
            problems.add("no " + PluginDescriptor.HEADER + " header: add \"" + PluginDescriptor.HEADER + ": "
                + descriptor.id() + "\" to bnd.bnd");
        } else if (!header.strip().equals(descriptor.id())) {
            problems.add(PluginDescriptor.HEADER + " is \"" + header.strip() + "\" but the descriptor's id is \""
                + descriptor.id() + "\"");
        }
        if (main.getValue("Bundle-SymbolicName") == null) {
            problems.add("not a bundle: no Bundle-SymbolicName (build it with bnd-maven-plugin)");
        }
        String exports = main.getValue("Export-Package");
        if (exports != null && !exports.isBlank()) {
            problems.add("exports " + packages(exports) + ": a plugin exports nothing (\"-exportcontents:\" empty in "
                + "bnd.bnd, no @Export)");
        }
        String imports = main.getValue("Import-Package");
        for (String imported : imports == null ? List.<String>of() : packages(imports)) {
            if (!allowed(imported)) {
                problems.add("imports " + imported + ": a plugin imports only dev.resonance.api.* and "
                    + String.join(", ", PLATFORM) + "; embed a library instead (bnd -conditionalpackage or "
                    + "-includeresource)" + (imported.startsWith("dev.resonance.") ? ", and never the core's own "
                    + "packages" : ""));
            }
        }
        if (main.getValue("Require-Bundle") != null) {
            problems.add("Require-Bundle: a plugin depends on packages (core-api), never on bundles");
        }
        if (main.getValue("DynamicImport-Package") != null) {
            problems.add("DynamicImport-Package: a plugin's imports are all declared");
        }
        return problems;
    }

    /** Whether a plugin may import {@code pkg}. */
    public static boolean allowed(String pkg) {
        if (pkg.equals("dev.resonance.api") || pkg.startsWith("dev.resonance.api.")) {
            return true;
        }
        return PLATFORM.stream().anyMatch(pattern -> {
            String base = pattern.substring(0, pattern.length() - 2);
            return pkg.equals(base) || pkg.startsWith(base + ".");
        });
    }

    /** The package names of an OSGi package header (clauses split at commas outside quotes, attributes dropped). */
    static List<String> packages(String header) {
        List<String> names = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String text = clause.toString().strip();
                if (!text.isEmpty()) {
                    for (String name : text.split(";")) {
                        if (!name.contains("=")) {
                            names.add(name.strip());
                        }
                    }
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }
}
