package dev.resonance.api.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Constants;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The semantic-versioning gate: core-api as built must match the committed baseline, and the gate must catch what it
 * is there to catch. The changed APIs are real: an interface's own source with a method more, compiled next to a
 * copy of the built classes; or the built tree with a method more in the baseline (so the build lacks one).
 */
class ApiBaselineTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final Path SOURCES = Path.of("src/main/java");

    @TempDir
    Path temp;

    @Test
    void coreApiAsBuiltMatchesTheCommittedBaseline() throws Exception {
        List<String> problems = ApiBaseline.check(ApiBaseline.of(CLASSES), ApiBaseline.read(Path.of(ApiBaseline.FILE)));

        assertThat(problems).as(() -> ApiBaseline.report(problems)).isEmpty();
    }

    @Test
    void theApiVersionTheCoreChecksPluginsAgainstIsTheBundleVersion() throws Exception {
        var bundle = ApiBaseline.of(CLASSES).bundleVersion();

        assertThat(dev.resonance.api.plugin.PluginDescriptor.apiVersion())
            .as("PluginDescriptor.apiVersion() must say what core-api/bnd.bnd's Bundle-Version says")
            .isEqualTo(bundle.getMajor() + "." + bundle.getMinor() + "." + bundle.getMicro());
    }

    @Test
    void theBaselineTextReadsBackToTheSameTree() throws Exception {
        ApiBaseline.Snapshot built = ApiBaseline.of(CLASSES);
        Path file = temp.resolve("baseline.txt");
        ApiBaseline.write(built, file);

        ApiBaseline.Snapshot read = ApiBaseline.read(file);

        assertThat(read.bundleVersion()).isEqualTo(built.bundleVersion());
        assertThat(read.api().diff(built.api()).getDelta()).isEqualTo(Delta.UNCHANGED);
        assertThat(ApiBaseline.text(read)).isEqualTo(Files.readString(file));
        assertThat(ApiBaseline.check(built, read)).isEmpty();
    }

    @Test
    void aMethodRemovedFromAnInterfaceWithoutAMajorBumpIsReported() throws Exception {
        ApiBaseline.Snapshot built = ApiBaseline.of(CLASSES);
        // the release had Catalog.trackByPath(String) (a copy of track(long), so bnd's own add/remove deltas);
        // the build no longer has it
        Tree.Data release = built.api().serialize();
        Tree.Data catalog = child(child(release, Type.PACKAGE, "dev.resonance.api.library"), Type.INTERFACE,
            "dev.resonance.api.library.Catalog");
        Tree.Data removed = copy(child(catalog, Type.METHOD, "track(long)"));
        removed.name = "trackByPath(java.lang.String)";
        catalog.children = Stream.concat(Arrays.stream(catalog.children), Stream.of(removed)).toArray(Tree.Data[]::new);

        List<String> problems = ApiBaseline.check(built,
            new ApiBaseline.Snapshot(built.bundleVersion(), new DiffPluginImpl().deserialize(release)));

        Version library = packageVersion(built, "dev.resonance.api.library");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0))
            .startsWith(firstWords("dev.resonance.api.library", "a breaking change (major)", library, nextMajor(library))
                + " in core-api/src/main/java/dev/resonance/api/library/package-info.java")
            .contains("- removed method trackByPath(java.lang.String) in interface dev.resonance.api.library.Catalog");
        assertThat(problems.get(1)).contains("Bundle-Version: " + nextMajor(built.bundleVersion()) + ".${tstamp}");
        assertThat(ApiBaseline.report(problems)).contains(ApiBaseline.REBASELINE);
    }

    @Test
    void aMethodAddedToAProviderInterfaceWithoutAMinorBumpIsReported() throws Exception {
        ApiBaseline.Snapshot release = ApiBaseline.of(CLASSES);
        Path build = buildWithAMethodAddedToCatalog();

        List<String> problems = ApiBaseline.check(ApiBaseline.of(build), release);

        Version library = packageVersion(release, "dev.resonance.api.library");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0))
            .startsWith(firstWords("dev.resonance.api.library", "a compatible addition (minor)", library, nextMinor(library)))
            .contains("+ added method addedByTheBaselineTest(java.lang.String) in interface dev.resonance.api.library.Catalog");
        assertThat(problems.get(1)).contains("Bundle-Version: " + nextMinor(release.bundleVersion()) + ".${tstamp}");
    }

    @Test
    void aMethodAddedToAConsumerInterfaceIsABreakingChangeForThePluginsImplementingIt() throws Exception {
        ApiBaseline.Snapshot release = ApiBaseline.of(CLASSES);
        Path build = buildWith("dev/resonance/api/lyrics/LyricsProvider.java", "int addedByTheBaselineTest();");

        List<String> problems = ApiBaseline.check(ApiBaseline.of(build), release);

        Version lyrics = packageVersion(release, "dev.resonance.api.lyrics");
        assertThat(problems.get(0))
            .startsWith(firstWords("dev.resonance.api.lyrics", "a breaking change (major)", lyrics, nextMajor(lyrics)))
            .contains("+ added method addedByTheBaselineTest() in interface dev.resonance.api.lyrics.LyricsProvider")
            .contains("marking it @ProviderType makes this a minor change: " + nextMinor(lyrics));
    }

    @Test
    void anAdditionWithItsMinorBumpsPasses() throws Exception {
        ApiBaseline.Snapshot release = ApiBaseline.of(CLASSES);
        Path build = buildWithAMethodAddedToCatalogAndItsPackageBumped(release, nextMinor(release.bundleVersion()));

        assertThat(ApiBaseline.check(ApiBaseline.of(build), release)).isEmpty();
    }

    @Test
    void theBundleVersionFollowsItsMostChangedPackage() throws Exception {
        ApiBaseline.Snapshot release = ApiBaseline.of(CLASSES);
        Path build = buildWithAMethodAddedToCatalogAndItsPackageBumped(release, release.bundleVersion());

        assertThat(ApiBaseline.check(ApiBaseline.of(build), release)).singleElement().asString()
            .startsWith("core-api's Bundle-Version is " + release.bundleVersion() + " but the API had a compatible "
                + "addition (minor)");
    }

    /** How a package's problem begins, for a package still at {@code version} that needs {@code needed}. */
    private static String firstWords(String pkg, String change, Version version, Version needed) {
        return "package " + pkg + ": " + change + " but its @Version is " + version + " (baseline " + version
            + "): it needs @Version(\"" + needed + "\")";
    }

    private Path buildWithAMethodAddedToCatalog() throws Exception {
        return buildWith("dev/resonance/api/library/Catalog.java",
            "java.util.List<TrackInfo> addedByTheBaselineTest(String title);");
    }

    /** The same with library's @Version raised a minor step and core-api's Bundle-Version at {@code bundleVersion}. */
    private Path buildWithAMethodAddedToCatalogAndItsPackageBumped(ApiBaseline.Snapshot release, Version bundleVersion)
        throws Exception {
        Path build = buildWithAMethodAddedToCatalog();
        setVersions(build, "dev.resonance.api.library",
            nextMinor(packageVersion(release, "dev.resonance.api.library")).toString(), bundleVersion.toString());
        return build;
    }

    /** A copy of the built classes where {@code source} (under src/main/java) has {@code member} added. */
    private Path buildWith(String source, String member) throws Exception {
        Path build = temp.resolve("classes");
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.toList()) {
                Path target = build.resolve(CLASSES.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        String text = Files.readString(SOURCES.resolve(source));
        int end = text.lastIndexOf('}');
        Path changed = temp.resolve("src").resolve(source);
        Files.createDirectories(changed.getParent());
        Files.writeString(changed, text.substring(0, end) + "\n    " + member + "\n}\n");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = build + java.io.File.pathSeparator
            + Path.of(ProviderType.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int status = javac.run(null, null, null, "--release", "17", "-proc:none", "-cp", classpath,
            "-d", build.toString(), changed.toString());
        assertThat(status).as("javac of " + changed).isZero();
        return build;
    }

    private static void setVersions(Path build, String pkg, String packageVersion, String bundleVersion)
        throws Exception {
        Path file = build.resolve("META-INF/MANIFEST.MF");
        Manifest manifest;
        try (InputStream in = Files.newInputStream(file)) {
            manifest = new Manifest(in);
        }
        Parameters exports = new Parameters(manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE));
        exports.get(pkg).put(Constants.VERSION_ATTRIBUTE, packageVersion);
        manifest.getMainAttributes().putValue(Constants.EXPORT_PACKAGE, exports.toString());
        manifest.getMainAttributes().putValue(Constants.BUNDLE_VERSION, bundleVersion);
        try (OutputStream out = Files.newOutputStream(file)) {
            manifest.write(out);
        }
    }

    private static Version packageVersion(ApiBaseline.Snapshot snapshot, String pkg) {
        Tree version = Arrays.stream(snapshot.api().get(pkg).getChildren()).filter(c -> c.getType() == Type.VERSION)
            .findFirst().orElseThrow();
        return Version.parseVersion(version.getName());
    }

    private static Version nextMajor(Version version) {
        return new Version(version.getMajor() + 1, 0, 0);
    }

    private static Version nextMinor(Version version) {
        return new Version(version.getMajor(), version.getMinor() + 1, 0);
    }

    private static Tree.Data child(Tree.Data parent, Type type, String name) {
        return Arrays.stream(parent.children).filter(c -> c.type == type && c.name.equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + type + " " + name + " in " + parent.name));
    }

    private static Tree.Data copy(Tree.Data data) {
        Tree.Data copy = new Tree.Data();
        copy.type = data.type;
        copy.name = data.name;
        copy.add = data.add;
        copy.rem = data.rem;
        copy.comment = data.comment;
        List<Tree.Data> children = new ArrayList<>();
        if (data.children != null) {
            Arrays.stream(data.children).map(ApiBaselineTest::copy).forEach(children::add);
        }
        copy.children = children.toArray(Tree.Data[]::new);
        return copy;
    }
}
