package dev.resonance.api.baseline;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.jar.Manifest;

/**
 * The semantic-versioning gate of core-api, without a released artifact to compare with: the API of the last release
 * is committed as text ({@value #FILE}, written by {@link Rebaseline}) and every build compares the API it just
 * compiled with it through bnd's own {@link Baseline} (the engine of bnd-baseline-maven-plugin). A package whose API
 * changed needs its {@code @Version} raised as bnd says: major for a change that breaks a user of the package (a
 * method added to a {@code @ConsumerType} interface, anything removed), minor for an addition (a method added to a
 * {@code @ProviderType} interface, a new class), micro for the rest. core-api's {@code Bundle-Version} is the API
 * version plugins name in their descriptor's {@code "api"} range, so it is raised at least as much as its most
 * changed package.
 *
 * <p>bnd reads the types core-api's interfaces inherit from ({@code javax.servlet.Servlet}, {@code java.lang.Object})
 * from the system class path: the test and {@link Rebaseline} both run with core-api's test class path there.
 */
final class ApiBaseline {

    /** The committed baseline, relative to core-api's folder. */
    static final String FILE = "api/baseline.txt";

    /** How to re-baseline, for the messages. */
    static final String REBASELINE = "mvn -B -ntp -q -pl core-api -Papi-baseline process-test-classes";

    private static final String VERSION_LINE = "bundle-version: ";

    /** A bundle's API: its version (the API version) and bnd's tree of its exported packages. */
    record Snapshot(Version bundleVersion, Tree api) {
    }

    private ApiBaseline() {
    }

    /** The API of a built bundle: a jar, or a classes folder holding the manifest bnd wrote. */
    static Snapshot of(Path bundle) throws Exception {
        try (Jar jar = new Jar(bundle.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE) == null) {
                throw new IllegalStateException(bundle + " has no manifest with Export-Package: build it first "
                    + "(bnd-maven-plugin writes it in process-classes)");
            }
            Version version = Version.parseVersion(manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION));
            Tree.Data api = new DiffPluginImpl().tree(jar).get("<api>").serialize();
            return new Snapshot(version.getWithoutQualifier(), new DiffPluginImpl().deserialize(withoutJdkInternals(api)));
        }
    }

    /**
     * {@code data} without the JDK's internal annotations on members inherited from {@code java.lang} (Object's
     * {@code @IntrinsicCandidate}): they say which JDK ran bnd, not what core-api offers.
     */
    private static Tree.Data withoutJdkInternals(Tree.Data data) {
        if (data.children != null) {
            data.children = Arrays.stream(data.children)
                .filter(child -> !(child.type == Type.ANNOTATED && child.name.startsWith("jdk.internal.")))
                .map(ApiBaseline::withoutJdkInternals)
                .toArray(Tree.Data[]::new);
        }
        return data;
    }

    static Snapshot read(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();
        if (lines.isEmpty() || !lines.get(0).startsWith(VERSION_LINE)) {
            throw new IllegalArgumentException(file + ": the first line must be '" + VERSION_LINE + "<version>'");
        }
        Version version = Version.parseVersion(lines.get(0).substring(VERSION_LINE.length()).strip());
        return new Snapshot(version, ApiTree.parse(lines.subList(1, lines.size())));
    }

    static String text(Snapshot snapshot) {
        return """
            # The API of core-api (bundle dev.resonance.api) at its last release, as bnd's differ sees it: every
            # exported package with its version, types, members and annotations. Each build compares the API it
            # compiled with this file and fails when a package changed without the @Version bump bnd asks for
            # (ApiBaselineTest). Never edit by hand; at a release, after the versions are right, regenerate it:
            #   %s
            # Format: TYPE IF_ADDED IF_REMOVED name (bnd's Tree.Data), two spaces of indent per level.
            %s%s
            """.formatted(REBASELINE, VERSION_LINE, snapshot.bundleVersion()) + ApiTree.write(snapshot.api());
    }

    static void write(Snapshot snapshot, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text(snapshot), StandardCharsets.UTF_8);
    }

    /** What is wrong with {@code current}'s versions compared with {@code baseline}; empty when they are right. */
    static List<String> check(Snapshot current, Snapshot baseline) throws Exception {
        List<String> problems = new ArrayList<>();
        Delta highest = Delta.UNCHANGED;
        try (Processor reporter = new Processor()) {
            Set<Baseline.Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(bundle(current.api()),
                exports(current.api()), bundle(baseline.api()), exports(baseline.api()), new Instructions());
            if (!reporter.isOk()) {
                throw new IllegalStateException("bnd could not baseline: " + reporter.getErrors());
            }
            for (Baseline.Info info : infos.stream().sorted(Comparator.comparing(i -> i.packageName)).toList()) {
                Delta delta = info.packageDiff.getDelta();
                if (delta == Delta.REMOVED) {
                    highest = Delta.MAJOR;
                    problems.add("package " + info.packageName + " " + info.olderVersion + " was removed: every plugin "
                        + "importing it breaks. Keep it (deprecate instead), or remove it only at a major release of "
                        + "core-api (Bundle-Version " + (baseline.bundleVersion().getMajor() + 1) + ".0.0) and re-baseline.");
                    continue;
                }
                if (delta == Delta.ADDED) {
                    highest = max(highest, Delta.MINOR);
                    continue;
                }
                if (delta == Delta.UNCHANGED || delta == Delta.IGNORED || info.suggestedVersion == null) {
                    continue;
                }
                Delta level = level(info.olderVersion, info.suggestedVersion);
                highest = max(highest, level);
                if (info.newerVersion.compareTo(info.suggestedVersion) < 0) {
                    problems.add(packageProblem(info, level));
                }
            }
        }
        if (highest != Delta.UNCHANGED) {
            Version required = bump(baseline.bundleVersion(), highest);
            if (current.bundleVersion().compareTo(required) < 0) {
                problems.add("core-api's Bundle-Version is " + current.bundleVersion() + " but the API had a "
                    + describe(highest) + " since " + baseline.bundleVersion() + ": set Bundle-Version: " + required
                    + ".${tstamp} in core-api/bnd.bnd (the API version plugins name in their descriptor's \"api\" range).");
            }
        }
        return problems;
    }

    /** The message a failed build shows. */
    static String report(List<String> problems) {
        StringBuilder out = new StringBuilder("core-api changed without the version bumps it needs (compared with "
            + "core-api/" + FILE + "):\n");
        problems.forEach(problem -> out.append("  - ").append(problem.replace("\n", "\n    ")).append('\n'));
        out.append("Raise the versions named above (a package's @Version is in its package-info.java). If this is a "
            + "release and the versions are right, re-baseline: ").append(REBASELINE);
        return out.toString();
    }

    private static String packageProblem(Baseline.Info info, Delta level) {
        String file = "core-api/src/main/java/" + info.packageName.replace('.', '/') + "/package-info.java";
        StringBuilder out = new StringBuilder("package " + info.packageName + ": a " + describe(level) + " but its "
            + "@Version is " + info.newerVersion + " (baseline " + info.olderVersion + "): it needs @Version(\""
            + info.suggestedVersion + "\") in " + file + ". What changed:");
        List<String> causes = new ArrayList<>();
        causes(info.packageDiff, "", causes);
        causes.forEach(cause -> out.append("\n  ").append(cause));
        if (info.suggestedIfProviders != null && info.providers != null && !info.providers.isEmpty()) {
            out.append("\n  (If only the core implements ").append(String.join(", ", info.providers))
                .append(", marking it @ProviderType makes this a minor change: ").append(info.suggestedIfProviders)
                .append(". Plugins may not implement a @ProviderType interface.)");
        }
        return out.toString();
    }

    /** The added and removed elements behind a change, each with where it is (bnd's "root causes"). */
    private static void causes(Diff diff, String where, List<String> out) {
        for (Diff child : diff.getChildren()) {
            Delta delta = child.getDelta();
            if (child.getType() == Type.VERSION || delta == Delta.UNCHANGED || delta == Delta.IGNORED) {
                continue;
            }
            String what = child.getType().name().toLowerCase().replace('_', ' ') + " " + child.getName();
            if (delta == Delta.ADDED || delta == Delta.REMOVED) {
                out.add((delta == Delta.ADDED ? "+ added " : "- removed ") + what + (where.isEmpty() ? "" : " in " + where)
                    + " (" + (delta == Delta.ADDED ? child.getNewer().ifAdded() : child.getOlder().ifRemoved()) + ")");
            } else {
                causes(child, where.isEmpty() || isType(child.getType()) ? what : where, out);
            }
        }
    }

    private static boolean isType(Type type) {
        return type == Type.CLASS || type == Type.INTERFACE || type == Type.ENUM || type == Type.ANNOTATION;
    }

    private static String describe(Delta level) {
        return switch (level) {
            case MAJOR -> "breaking change (major)";
            case MINOR -> "compatible addition (minor)";
            default -> "micro change";
        };
    }

    private static Delta level(Version older, Version required) {
        if (required.getMajor() > older.getMajor()) {
            return Delta.MAJOR;
        }
        return required.getMinor() > older.getMinor() ? Delta.MINOR : Delta.MICRO;
    }

    private static Delta max(Delta a, Delta b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Version bump(Version version, Delta level) {
        return switch (level) {
            case MAJOR -> new Version(version.getMajor() + 1, 0, 0);
            case MINOR -> new Version(version.getMajor(), version.getMinor() + 1, 0);
            default -> new Version(version.getMajor(), version.getMinor(), version.getMicro() + 1);
        };
    }

    /** A bundle tree around {@code api}: what {@link Baseline} compares. */
    private static Tree bundle(Tree api) throws Exception {
        Tree.Data bundle = new Tree.Data();
        bundle.type = Type.BUNDLE;
        bundle.name = "dev.resonance.api";
        bundle.add = Delta.CHANGED;
        bundle.rem = Delta.CHANGED;
        bundle.children = new Tree.Data[] {api.serialize()};
        return new DiffPluginImpl().deserialize(bundle);
    }

    /** The package exports the tree records (each package's version is an element of it). */
    private static Parameters exports(Tree api) {
        Parameters exports = new Parameters();
        for (Tree element : api.getChildren()) {
            if (element.getType() != Type.PACKAGE) {
                continue;
            }
            Attrs attrs = new Attrs();
            for (Tree child : element.getChildren()) {
                if (child.getType() == Type.VERSION) {
                    attrs.put(Constants.VERSION_ATTRIBUTE, child.getName());
                }
            }
            exports.put(element.getName(), attrs);
        }
        return exports;
    }
}
