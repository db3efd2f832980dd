package dev.resonance.plugin.subsonic.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The yardstick itself: it lets a valid answer through and stops each kind of mistake it is there to find. */
class SubsonicSchemaTest {

    private static final SubsonicSchema SCHEMA = ServedLibrary.SCHEMA;
    private static final String OPEN = "<subsonic-response xmlns=\"http://subsonic.org/restapi\" status=\"ok\" "
        + "version=\"1.16.1\" type=\"resonance\" serverVersion=\"1\" openSubsonic=\"true\">";
    private static final String SONG = "<song id=\"tr-1\" isDir=\"false\" title=\"T\" duration=\"3\" bpm=\"95\">"
        + "<genres name=\"Rock\"/><replayGain trackGain=\"-6.5\"/></song>";
    private static final String JSON_OPEN = "{\"subsonic-response\":{\"status\":\"ok\",\"version\":\"1.16.1\","
        + "\"type\":\"resonance\",\"serverVersion\":\"1\",\"openSubsonic\":true,";

    @Test
    void aValidAnswerWithOpenSubsonicAdditionsPassesInBothFormats() {
        assertThatCode(() -> SCHEMA.checkXml(xml(OPEN + SONG + "</subsonic-response>"))).doesNotThrowAnyException();
        assertThatCode(() -> SCHEMA.checkJson(json(JSON_OPEN + "\"song\":{\"id\":\"tr-1\",\"isDir\":false,"
            + "\"title\":\"T\",\"duration\":3,\"bpm\":95,\"genres\":[{\"name\":\"Rock\"}],"
            + "\"replayGain\":{\"trackGain\":-6.5}}}}"))).doesNotThrowAnyException();
    }

    @Test
    void anAttributeOrElementThatIsNeitherSubsonicNorAListedAdditionFails() {
        assertThatThrownBy(() -> SCHEMA.checkXml(xml(OPEN + SONG.replace("bpm=", "tempo=") + "</subsonic-response>")))
            .hasMessageContaining("tempo");
        assertThatThrownBy(() -> SCHEMA.checkXml(xml(OPEN + SONG.replace("<genres", "<styles")
            + "</subsonic-response>"))).hasMessageContaining("styles");
        assertThatThrownBy(() -> SCHEMA.checkXml(xml(OPEN + "<song id=\"tr-1\" isDir=\"false\"/></subsonic-response>")))
            .as("a required attribute missing").isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> SCHEMA.checkJson(json(JSON_OPEN + "\"song\":{\"id\":\"tr-1\",\"isDir\":false,"
            + "\"title\":\"T\",\"tempo\":95}}}"))).hasMessageContaining("tempo");
    }

    @Test
    void anAdditionOfTheWrongTypeFails() {
        assertThatThrownBy(() -> SCHEMA.checkXml(xml(OPEN + SONG.replace("bpm=\"95\"", "bpm=\"fast\"")
            + "</subsonic-response>"))).hasMessageContaining("bpm");
        assertThatThrownBy(() -> SCHEMA.checkXml(xml(OPEN + SONG.replace("<genres name=\"Rock\"/>",
            "<genres title=\"Rock\"/>") + "</subsonic-response>"))).hasMessageContaining("title");
    }

    @Test
    void jsonTypesFollowTheXsd() {
        assertThatThrownBy(() -> SCHEMA.checkJson(json(JSON_OPEN + "\"song\":{\"id\":\"tr-1\",\"isDir\":false,"
            + "\"title\":\"T\",\"duration\":\"3\"}}}"))).hasMessageContaining("duration");
        assertThatThrownBy(() -> SCHEMA.checkJson(json(JSON_OPEN + "\"song\":{\"id\":\"tr-1\",\"isDir\":\"false\","
            + "\"title\":\"T\"}}}"))).hasMessageContaining("isDir");
        assertThatThrownBy(() -> SCHEMA.checkJson(json(JSON_OPEN + "\"album\":{\"id\":\"al-1\",\"name\":\"A\","
            + "\"songCount\":1,\"duration\":3,\"created\":\"2025-01-01T00:00:00Z\",\"song\":{\"id\":\"tr-1\","
            + "\"isDir\":false,\"title\":\"T\"}}}}"))).as("one item of a list is still an array")
            .hasMessageContaining("array");
        assertThatThrownBy(() -> SCHEMA.checkJson(json(JSON_OPEN.replace("\"openSubsonic\":true,", "")
            + "\"license\":{\"valid\":true}}}"))).hasMessageContaining("openSubsonic");
    }

    @Test
    void theSameDataInBothFormatsIsEqualAndADifferenceIsNot() {
        SubsonicServer.Exchange xml = exchange("text/xml", OPEN + SONG + "</subsonic-response>");
        String song = "\"song\":{\"id\":\"tr-1\",\"isDir\":false,\"title\":\"T\",\"duration\":3,\"bpm\":95,"
            + "\"genres\":[{\"name\":\"Rock\"}],\"replayGain\":{\"trackGain\":-6.50}}}}";

        assertThat(SCHEMA.data(exchange("application/json", JSON_OPEN + song))).isEqualTo(SCHEMA.data(xml));
        assertThat(SCHEMA.data(exchange("application/json", JSON_OPEN + song.replace("95", "96"))))
            .isNotEqualTo(SCHEMA.data(xml));
        assertThat(SCHEMA.data(exchange("application/json", JSON_OPEN + song.replace("\"T\"", "\"U\""))))
            .isNotEqualTo(SCHEMA.data(xml));
    }

    @Test
    void theAdditionsAreTheOnesOpenSubsonicDefinesForChild() {
        assertThat(SubsonicSchema.additionsTo("Child")).contains("bitDepth", "samplingRate", "channelCount",
            "mediaType", "isrc", "genres", "artists", "albumArtists", "replayGain", "displayArtist")
            .doesNotContain("path", "id");
        assertThat(SCHEMA.xsdTypes().get("Child").attributes()).doesNotContainKeys("bitDepth", "mediaType");
    }

    private static SubsonicServer.Exchange exchange(String type, String body) {
        return new SubsonicServer.Exchange("GET", "/rest/x", "", 200, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] xml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
