package dev.resonance.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.plugin.PluginPermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class DescriptorTest {

    /** The example of PluginDescriptor's javadoc, as a plugin author copies it. */
    private static final String JAVADOC_EXAMPLE = """
        {
          "id": "lyrics",
          "name": "Lyrics",
          "author": "The Resonance developers",
          "description": "Synced and plain lyrics from tags, .lrc files and LRCLIB",
          "website": "https://example.org",
          "license": "Apache-2.0",
          "api": "[1.1,2)",
          "capabilities": ["LyricsProvider"],
          "permissions": {
            "catalog":       { "reason": "match tracks to lyrics" },
            "library-files": { "reason": "read .lrc files next to tracks" },
            "network":       { "reason": "ask LRCLIB when nothing is local", "hosts": ["lrclib.net"] },
            "storage":       { "reason": "cache LRCLIB answers", "maxBytes": 10485760 }
          }
        }
        """;

    @Test
    void theCoreApiOnTheClassPathHasItsApiVersionNotTheMavenOne() {
        assertThat(CoreApi.version().getMajor()).isGreaterThanOrEqualTo(1);
        assertThat(CoreApi.version().getQualifier()).isEmpty();
    }

    @Test
    void theDocumentedExampleIsValidAndReadsAsWritten() {
        Descriptor descriptor = Descriptors.read(JAVADOC_EXAMPLE);

        assertThat(descriptor.id()).isEqualTo("lyrics");
        assertThat(descriptor.website()).contains("https://example.org");
        assertThat(descriptor.api().includes(CoreApi.version())).isTrue();
        assertThat(descriptor.capabilities()).containsExactly("LyricsProvider");
        assertThat(descriptor.permissions()).containsOnlyKeys(PluginPermission.CATALOG, PluginPermission.LIBRARY_FILES,
            PluginPermission.NETWORK, PluginPermission.STORAGE);
        assertThat(descriptor.networkHosts()).containsExactly("lrclib.net");
        assertThat(descriptor.storageMaxBytes()).isEqualTo(10_485_760);
        assertThat(descriptor.permissions().get(PluginPermission.CATALOG).reason()).isEqualTo("match tracks to lyrics");
    }

    @Test
    void everyMissingFieldIsReportedAtOnce() {
        assertThatThrownBy(() -> Descriptors.read("{\"id\": \"x1\"}"))
            .isInstanceOfSatisfying(InvalidDescriptorException.class, e -> assertThat(e.problems()).containsExactly(
                "\"name\" is missing", "\"author\" is missing", "\"description\" is missing",
                "\"license\" is missing", "\"api\" is missing"))
            .hasMessageStartingWith("test.json would be refused by the core:\n  - \"name\" is missing");
    }

    @Test
    void aCapabilityTheServerDoesNotKnowIsReportedWithTheKnownOnes() {
        assertThatThrownBy(() -> Descriptors.read(JAVADOC_EXAMPLE.replace("[\"LyricsProvider\"]", "[\"LyricProvider\", \"http\"]")))
            .isInstanceOfSatisfying(InvalidDescriptorException.class, e -> assertThat(e.problems()).singleElement()
                .asString().contains("\"LyricProvider\", which the server does not know", "LyricsProvider, MetadataProvider"));
        assertThat(Descriptors.read(JAVADOC_EXAMPLE.replace("[\"LyricsProvider\"]", "[\"Recommender\", \"http\"]"))
            .capabilities()).containsExactly("Recommender", "http");
    }

    @Test
    void anIdMustBeLowerCaseStartWithALetterAndHold2To32Characters() {
        for (String id : List.of("Lyrics", "a", "1lyrics", "lyrics_x", "a".repeat(33))) {
            assertThatThrownBy(() -> Descriptors.read(JAVADOC_EXAMPLE.replace("\"id\": \"lyrics\"", "\"id\": \"" + id + "\"")))
                .as(id).hasMessageContaining("\"id\" \"" + id + "\" must match [a-z][a-z0-9-]{1,31}");
        }
        assertThat(Descriptors.read(JAVADOC_EXAMPLE.replace("\"id\": \"lyrics\"", "\"id\": \"my-lyrics2\"")).id())
            .isEqualTo("my-lyrics2");
    }

    @Test
    void theApiMustBeAnOsgiRangeThatIncludesTheCoreApi() {
        assertThatThrownBy(() -> Descriptors.read(JAVADOC_EXAMPLE.replace("[1.1,2)", "one point one")))
            .hasMessageContaining("\"api\" \"one point one\" is not an OSGi version range such as \"[1.1,2)\"");
        Version core = CoreApi.version();
        String future = "[" + (core.getMajor() + 1) + "," + (core.getMajor() + 2) + ")";
        assertThatThrownBy(() -> Descriptors.read(JAVADOC_EXAMPLE.replace("[1.1,2)", future)))
            .hasMessageContaining("\"api\" " + future + " does not include the core-api it would run on (" + core + ")");
    }

    @Test
    void permissionsMustBeKnownAndGiveAReason() {
        assertThatThrownBy(() -> Descriptors.withPermissions("""
                {"catalogue": {"reason": "x"}, "catalog": {"reason": " "}, "user-data": {}, "storage": "yes"}"""))
            .isInstanceOfSatisfying(InvalidDescriptorException.class, e -> assertThat(e.problems()).containsExactly(
                "permission \"catalogue\" is not one the core knows (" + java.util.Arrays.stream(
                    dev.resonance.api.plugin.PluginPermission.values()).map(p -> p.jsonName())
                    .collect(java.util.stream.Collectors.joining(", ")) + ")",
                "permission \"catalog\" needs a \"reason\": the sentence the admin reads before enabling the plugin",
                "permission \"user-data\" needs a \"reason\": the sentence the admin reads before enabling the plugin",
                "permission \"storage\" must be an object with a \"reason\""));
    }

    @Test
    void networkMustNameItsHostsAsHostNames() {
        assertThatThrownBy(() -> Descriptors.withPermissions("{\"network\": {\"reason\": \"lyrics\"}}"))
            .hasMessageContaining("permission \"network\" needs \"hosts\"");
        assertThatThrownBy(() -> Descriptors.withPermissions(
                "{\"network\": {\"reason\": \"lyrics\", \"hosts\": [\"https://lrclib.net/api\", \"lrclib.net:443\"]}}"))
            .isInstanceOfSatisfying(InvalidDescriptorException.class, e -> assertThat(e.problems()).hasSize(2))
            .hasMessageContaining("\"https://lrclib.net/api\" is not a lower-case host name");
        assertThat(Descriptors.withPermissions(
                "{\"network\": {\"reason\": \"lyrics\", \"hosts\": [\"lrclib.net\", \"*.musicbrainz.org\"]}}")
            .networkHosts()).containsExactly("lrclib.net", "*.musicbrainz.org");
    }

    @Test
    void networkMayAlsoNameTheSettingsHoldingAServerTheAdminChooses() {
        Descriptor both = Descriptors.withPermissions(
            "{\"network\": {\"reason\": \"lyrics\", \"hosts\": [\"lrclib.net\"], \"hostsFromSettings\": [\"lrclibUrl\"]}}");
        assertThat(both.networkHosts()).containsExactly("lrclib.net");
        assertThat(both.permissions().get(PluginPermission.NETWORK).hostsFromSettings()).containsExactly("lrclibUrl");
        assertThat(both.withNetworkHosts("127.0.0.1").permissions().get(PluginPermission.NETWORK).hostsFromSettings())
            .containsExactly("lrclibUrl");
        assertThat(Descriptors.withPermissions("{\"network\": {\"reason\": \"your server\", \"hostsFromSettings\": [\"url\"]}}")
            .networkHosts()).as("only the server the admin sets: no fixed host needed").isEmpty();
        assertThatThrownBy(() -> Descriptors.withPermissions(
                "{\"network\": {\"reason\": \"x\", \"hosts\": [\"a.example\"], \"hostsFromSettings\": [\"the url\", 3]}}"))
            .isInstanceOfSatisfying(InvalidDescriptorException.class, e -> assertThat(e.problems()).hasSize(2))
            .hasMessageContaining("\"hostsFromSettings\" entry \"the url\" is not a setting's name");
        assertThatThrownBy(() -> Descriptors.withPermissions("{\"network\": {\"reason\": \"x\", \"hostsFromSettings\": \"url\"}}"))
            .hasMessageContaining("must be a list of the plugin's setting names");
    }

    @Test
    void storageHoldsOneMebibyteUnlessItDeclaresUpTo64() {
        assertThat(Descriptors.withPermissions("{\"storage\": {\"reason\": \"cache\"}}").storageMaxBytes())
            .isEqualTo(1 << 20);
        assertThat(Descriptors.withPermissions("{\"storage\": {\"reason\": \"cache\", \"maxBytes\": 67108864}}")
            .storageMaxBytes()).isEqualTo(64 << 20);
        for (String max : List.of("0", "67108865", "\"10MB\"", "1.5")) {
            assertThatThrownBy(() -> Descriptors.withPermissions(
                    "{\"storage\": {\"reason\": \"cache\", \"maxBytes\": " + max + "}}"))
                .as(max).hasMessageContaining("\"maxBytes\" must be a whole number of bytes from 1 to 67108864");
        }
        assertThatThrownBy(() -> Descriptors.withPermissions("{\"catalog\": {\"reason\": \"x\", \"hosts\": [\"a.b\"]}}"))
            .hasMessageContaining("permission \"catalog\" has an unknown field \"hosts\" (it takes reason)");
    }

    @Test
    void aMisspelledFieldIsReportedRatherThanIgnored() {
        assertThatThrownBy(() -> Descriptors.read(JAVADOC_EXAMPLE.replace("\"permissions\"", "\"permisions\"")))
            .hasMessageContaining("unknown field \"permisions\"");
    }

    @Test
    void aTestMayAddHostsToTheNetworkItDeclaredAndNothingElse() {
        Descriptor declared = Descriptors.withPermissions("""
            {"network": {"reason": "lyrics", "hosts": ["lrclib.net"]},
             "storage": {"reason": "cache", "maxBytes": 10}}""");

        Descriptor local = declared.withNetworkHosts("127.0.0.1", "lrclib.net");

        assertThat(local.networkHosts()).containsExactly("lrclib.net", "127.0.0.1");
        assertThat(local.permissions().get(PluginPermission.NETWORK).reason()).isEqualTo("lyrics");
        assertThat(local.permissions().keySet()).containsExactly(PluginPermission.NETWORK, PluginPermission.STORAGE);
        assertThat(local.storageMaxBytes()).isEqualTo(10);
        assertThat(local.id()).isEqualTo(declared.id());
        assertThat(declared.networkHosts()).containsExactly("lrclib.net");
        assertThatThrownBy(() -> declared.withNetworkHosts("http://127.0.0.1:8080"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a lower-case host name");
        assertThatThrownBy(() -> Descriptors.withPermissions("{\"catalog\": {\"reason\": \"x\"}}")
                .withNetworkHosts("127.0.0.1"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("plugin \"sample\" did not declare the \"network\" permission");
    }

    @Test
    void notJsonIsSaidSo() {
        assertThatThrownBy(() -> Descriptors.read("{\"id\": \"lyrics\",}"))
            .isInstanceOf(InvalidDescriptorException.class).hasMessageContaining("not JSON");
    }
}
