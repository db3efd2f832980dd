package dev.resonance.plugin.subsonic.testing;

import dev.resonance.plugin.testkit.PluginHarness;
import java.io.IOException;
import java.util.List;
import net.beardbot.subsonic.client.Subsonic;
import net.beardbot.subsonic.client.SubsonicPreferences;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class that serves the {@link SampleLibrary} through the plugin's servlet on Jetty, with the plugin testkit's
 * {@code TestClientAccess} behind it (the plugin's own descriptor: it must declare {@code client-api}). After each
 * test, every answer the server sent during it — to the client library or to raw requests — is checked against the
 * Subsonic XSD and the OpenSubsonic additions ({@link SubsonicSchema}), in its format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServedLibrary {

    public static final SubsonicSchema SCHEMA = SubsonicSchema.load();
    public static final String SERVER_VERSION = "0.1.0.test";

    protected PluginHarness harness;
    protected SampleLibrary sample;
    protected SubsonicServer server;
    private int checked;

    @BeforeAll
    void serve() throws Exception {
        harness = PluginHarness.load();
        sample = SampleLibrary.fill(harness);
        server = new SubsonicServer(harness.clientAccess(), SERVER_VERSION, harness.clock());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @AfterEach
    void everyAnswerKeepsTheSchema() {
        List<SubsonicServer.Exchange> all = server.exchanges();
        List<SubsonicServer.Exchange> fresh = all.subList(checked, all.size());
        checked = all.size();
        for (SubsonicServer.Exchange exchange : fresh) {
            if (exchange.method().equals("HEAD") || binary(exchange)) {
                continue; // audio and images (stream, download, getCoverArt) are not subsonic-responses
            }
            try {
                if (exchange.json()) {
                    SCHEMA.checkJson(exchange.body());
                } else {
                    SCHEMA.checkXml(exchange.body());
                }
            } catch (AssertionError e) {
                throw new AssertionError(exchange.method() + " " + exchange.path() + "?" + exchange.query() + ": "
                    + e.getMessage(), e);
            }
        }
    }

    private static boolean binary(SubsonicServer.Exchange exchange) {
        String type = exchange.contentType() == null ? "" : exchange.contentType();
        return type.startsWith("audio/") || type.startsWith("image/") || exchange.status() == 206 || exchange.status() == 304;
    }

    /** A Subsonic client library signed in as Alice with her app password (token authentication, XML). */
    protected Subsonic client() {
        return client(SampleLibrary.ALICE, SampleLibrary.ALICE_PASSWORD);
    }

    protected Subsonic client(String username, String password) {
        SubsonicPreferences preferences = new SubsonicPreferences(server.url(), username, password);
        preferences.setClientName("conformance-test");
        return new Subsonic(preferences);
    }

    /** Alice's credentials as query parameters (her app password, plain). */
    protected static String alice() {
        return "u=" + SampleLibrary.ALICE + "&p=" + SubsonicServer.encode(SampleLibrary.ALICE_PASSWORD)
            + "&v=1.16.1&c=test";
    }

    /** GET as Alice. */
    protected SubsonicServer.Exchange asAlice(String method, String params) throws IOException, InterruptedException {
        return server.get(method, alice() + (params.isEmpty() ? "" : "&" + params));
    }
}
