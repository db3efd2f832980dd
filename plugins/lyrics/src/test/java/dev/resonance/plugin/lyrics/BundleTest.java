package dev.resonance.plugin.lyrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.lyrics.LyricsProvider;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.plugin.testkit.Descriptor;
import dev.resonance.plugin.testkit.PluginBundle;
import dev.resonance.plugin.testkit.PluginHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bundle as bnd made it (manifest and OSGI-INF in target/classes, written before the tests run) agrees with the
 * plugin's descriptor (read and checked as the plugin manager does, by the plugin testkit) and the rules for plugins:
 * imports only core-api, JAX-RS, slf4j and Jackson, exports nothing, one component per source with its ranking and the
 * shared PID, capabilities that are what it registers.
 */
class BundleTest {

    private static final Pattern IMPORT = Pattern.compile("([\\w.]+)(;[^,\"]*(\"[^\"]*\")?)*");

    private static Path classes;
    private static Manifest bundle;
    private static Attributes manifest;
    private static List<Document> components;
    private static Descriptor descriptor;

    @BeforeAll
    static void readTheBundle() throws Exception {
        descriptor = PluginHarness.load().descriptor();
        classes = Path.of(PluginVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            bundle = new Manifest(in);
            manifest = bundle.getMainAttributes();
        }
        components = new ArrayList<>();
        for (String xml : manifest.getValue("Service-Component").split(",")) {
            components.add(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(classes.resolve(xml.strip()).toFile()));
        }
    }

    @Test
    void theHeaderTheDescriptorAndTheConfigurationNameOnePlugin() {
        String id = descriptor.id();

        assertThat(id).matches("[a-z][a-z0-9-]{1,31}");
        assertThat(manifest.getValue(PluginDescriptor.HEADER)).isEqualTo(id);
        assertThat(LyricsConfig.PID).isEqualTo(PluginDescriptor.pid(id));
        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo(PluginVersion.SYMBOLIC_NAME);
        assertThat(descriptor.api()).isEqualTo(VersionRange.valueOf("[1.1,2)"));
        assertThat(List.of(descriptor.name(), descriptor.author(), descriptor.description(), descriptor.license()))
            .allSatisfy(field -> assertThat(field).isNotBlank());
        assertThat(descriptor.capabilities()).isNotEmpty();
        assertThat(descriptor.permissions()).isNotEmpty();
    }

    @Test
    void itImportsOnlyCoreApiJaxRsSlf4jAndJacksonWithVersionRangesAndExportsNothing() {
        Map<String, String> imports = new HashMap<>();
        Matcher clause = IMPORT.matcher(manifest.getValue("Import-Package"));
        while (clause.find()) {
            imports.put(clause.group(1), clause.group());
        }

        // the SDK's packaging rules, as a third party's build checks them (imports, exports, the header); Jackson reads
        // LRCLIB's answers: the distribution installs it (resonance-core's feature) as its own bundles, so it is a
        // platform package imported like JAX-RS and slf4j, within the major version ([2.x,3))
        assertThat(PluginBundle.problems(bundle, descriptor)).isEmpty();
        assertThat(imports.values()).allMatch(c -> c.contains("version=\"["), "has a version range");
        assertThat(imports).containsKeys("dev.resonance.api.lyrics", "dev.resonance.api.library",
            "dev.resonance.api.net", "dev.resonance.api.storage", "com.fasterxml.jackson.databind");
        assertThat(imports).allSatisfy((name, header) -> {
            if (name.startsWith("com.fasterxml.jackson.")) {
                assertThat(header).as(name).matches(".*version=\"\\[2\\.\\d+,3\\)\".*");
            }
        });
        assertThat(manifest.getValue("Export-Package")).isNull();
    }

    @Test
    void eachSourceIsAComponentWithItsRankingOnTheSharedConfiguration() {
        Map<String, Integer> rankings = new HashMap<>();
        for (Document component : components) {
            Element root = component.getDocumentElement();
            assertThat(root.getAttribute("configuration-pid")).isEqualTo(LyricsConfig.PID);
            assertThat(root.getAttribute("modified")).as("applies changes in place").isEqualTo("modified");
            if (provides(component, LyricsProvider.class.getName())) {
                rankings.put(className(component), Integer.parseInt(property(component, "service.ranking")));
            }
        }

        assertThat(rankings).containsExactlyInAnyOrderEntriesOf(Map.of(
            "dev.resonance.plugin.lyrics.embedded.EmbeddedLyricsProvider", 300,
            "dev.resonance.plugin.lyrics.sidecar.SidecarLyricsProvider", 200,
            "dev.resonance.plugin.lyrics.lrclib.LrclibLyricsProvider", 100));
    }

    @Test
    void theCapabilitiesAreWhatTheBundleRegisters() {
        List<String> registered = new ArrayList<>();
        if (components.stream().anyMatch(c -> provides(c, LyricsProvider.class.getName()))) {
            registered.add("LyricsProvider");
        }
        if (components.stream().anyMatch(c -> provides(c, dev.resonance.api.graphql.GraphQlContribution.class.getName()))) {
            registered.add("GraphQlContribution");
        }
        if (components.stream().anyMatch(c -> "true".equals(property(c, HttpContribution.RESOURCE)))) {
            registered.add("http");
        }

        assertThat(descriptor.capabilities()).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void theConfigurationIsDescribedOnceForItsPid() throws IOException {
        try (Stream<Path> files = Files.list(classes.resolve("OSGI-INF/metatype"))) {
            List<Path> metatypes = files.toList();
            assertThat(metatypes).hasSize(1);
            assertThat(Files.readString(metatypes.get(0))).contains("<Designate pid=\"" + LyricsConfig.PID + "\"");
        }
    }

    private static boolean provides(Document component, String type) {
        NodeList provides = component.getElementsByTagName("provide");
        for (int i = 0; i < provides.getLength(); i++) {
            if (((Element) provides.item(i)).getAttribute("interface").equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static String property(Document component, String name) {
        NodeList properties = component.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }

    private static String className(Document component) {
        return ((Element) component.getElementsByTagName("implementation").item(0)).getAttribute("class");
    }
}
