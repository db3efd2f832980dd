package dev.resonance.plugin.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.client.ClientAccess;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.http.HttpEndpoint;
import dev.resonance.api.plugin.PluginDescriptor;
import dev.resonance.api.plugin.PluginPermission;
import dev.resonance.plugin.testkit.Descriptor;
import dev.resonance.plugin.testkit.PluginHarness;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bundle as bnd made it (manifest and OSGI-INF in target/classes, written before the tests run) keeps the plugin
 * rules (the testkit's {@code checkBundle}: imports only core-api and platform packages, exports nothing) and agrees
 * with its descriptor: one public servlet at /rest, built on ClientAccess, which needs client-api.
 */
class BundleTest {

    private static final Pattern IMPORT = Pattern.compile("([\\w.]+)(;[^,\"]*(\"[^\"]*\")?)*");

    private static PluginHarness harness;
    private static Attributes manifest;
    private static Document component;

    @BeforeAll
    static void readTheBundle() throws Exception {
        harness = PluginHarness.load();
        Path classes = Path.of(PluginVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in).getMainAttributes();
        }
        String[] components = manifest.getValue("Service-Component").split(",");
        assertThat(components).hasSize(1);
        component = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(classes.resolve(components[0].strip()).toFile());
    }

    @Test
    void itKeepsThePluginRules() {
        harness.checkBundle();

        Map<String, String> imports = new HashMap<>();
        Matcher clause = IMPORT.matcher(manifest.getValue("Import-Package"));
        while (clause.find()) {
            imports.put(clause.group(1), clause.group());
        }
        assertThat(imports).containsOnlyKeys("dev.resonance.api.auth", "dev.resonance.api.client", "dev.resonance.api.error",
            "dev.resonance.api.lyrics",
            "dev.resonance.api.http", "javax.servlet", "javax.servlet.http", "org.slf4j", "com.fasterxml.jackson.core", "com.fasterxml.jackson.databind",
            "javax.xml.stream");
        assertThat(imports.get("com.fasterxml.jackson.core")).matches(".*version=\"\\[2\\.\\d+,3\\)\".*");
        assertThat(manifest.getValue("Export-Package")).isNull();
        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo(PluginVersion.SYMBOLIC_NAME);
    }

    @Test
    void theDescriptorAsksForClientApiAndNamesTheHttpCapability() {
        Descriptor descriptor = harness.descriptor();

        assertThat(descriptor.id()).isEqualTo("subsonic").isEqualTo(manifest.getValue(PluginDescriptor.HEADER));
        assertThat(descriptor.api()).isEqualTo(VersionRange.valueOf("[1.2,2)"));
        assertThat(descriptor.capabilities()).containsExactly("http");
        assertThat(descriptor.permissions()).containsOnlyKeys(PluginPermission.CLIENT_API);
        assertThat(descriptor.permissions().get(PluginPermission.CLIENT_API).reason()).contains("App passwords");
    }

    @Test
    void oneImmediatePublicServletAtRestBuiltOnClientAccess() {
        Element root = component.getDocumentElement();
        assertThat(root.getAttribute("immediate")).isEqualTo("true");
        assertThat(((Element) component.getElementsByTagName("provide").item(0)).getAttribute("interface"))
            .isEqualTo(HttpEndpoint.class.getName());
        assertThat(property(HttpContribution.PATH)).isEqualTo("/rest");
        assertThat(property(HttpContribution.ACCESS)).isEqualTo(HttpContribution.PUBLIC);
        assertThat(property(HttpContribution.NAME)).isEqualTo("subsonic");
        NodeList references = component.getElementsByTagName("reference");
        assertThat(references.getLength()).isEqualTo(1);
        assertThat(((Element) references.item(0)).getAttribute("interface")).isEqualTo(ClientAccess.class.getName());
    }

    private static String property(String name) {
        NodeList properties = component.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }
}
