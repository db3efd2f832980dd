package dev.resonance.plugin.subsonic;

import static dev.resonance.plugin.subsonic.testing.SampleLibrary.HELP_SONG;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.VENUS;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.YESTERDAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.plugin.subsonic.testing.Answers;
import dev.resonance.plugin.subsonic.testing.SampleLibrary;
import dev.resonance.plugin.subsonic.testing.ServedLibrary;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The play queue in both forms (song id and index), in XML and JSON, and a save refused while another device plays. */
class QueueTest extends ServedLibrary {

    @Test
    void theQueueIsSavedAndReadBySongIdAndByIndex() throws Exception {
        assertThat(Answers.json(asAlice("getPlayQueue", "f=json")).has("playQueue")).as("none yet").isFalse();

        assertThat(Answers.errorCode(asAlice("savePlayQueue", "id=tr-" + HELP_SONG + "&id=tr-" + YESTERDAY + "&id=tr-" + VENUS
            + "&current=tr-" + YESTERDAY + "&position=42000"))).isEqualTo(-1);
        Element queue = Answers.xml(asAlice("getPlayQueue", ""));
        Element played = (Element) queue.getElementsByTagNameNS("*", "playQueue").item(0);
        assertThat(played.getAttribute("current")).isEqualTo("tr-" + YESTERDAY);
        assertThat(played.getAttribute("position")).isEqualTo("42000");
        assertThat(played.getAttribute("username")).isEqualTo(SampleLibrary.ALICE);
        assertThat(played.getElementsByTagNameNS("*", "entry").getLength()).isEqualTo(3);

        JsonNode byIndex = Answers.json(asAlice("getPlayQueueByIndex", "f=json")).path("playQueueByIndex");
        assertThat(byIndex.path("currentIndex").asInt()).isEqualTo(1);
        assertThat(byIndex.path("entry")).extracting(e -> e.path("id").asText())
            .containsExactly("tr-" + HELP_SONG, "tr-" + YESTERDAY, "tr-" + VENUS);
        assertThat(Answers.errorCode(asAlice("savePlayQueueByIndex", "id=tr-" + VENUS + "&id=tr-" + VENUS + "&currentIndex=1&f=json")))
            .isEqualTo(-1);
        JsonNode twice = Answers.json(asAlice("getPlayQueue", "f=json")).path("playQueue");
        assertThat(twice.path("entry")).hasSize(2);
        assertThat(twice.path("current").asText()).isEqualTo("tr-" + VENUS);

        assertThat(Answers.errorCode(asAlice("savePlayQueueByIndex", "id=tr-" + VENUS + "&currentIndex=4"))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("savePlayQueueByIndex", "id=tr-" + VENUS))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("savePlayQueue", "id=al-1"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("savePlayQueue", ""))).as("no id: cleared").isEqualTo(-1);
        assertThat(Answers.json(asAlice("getPlayQueue", "f=json")).has("playQueue")).isFalse();
    }

    @Test
    void whileAnotherDeviceOfTheUserPlaysTheQueueStaysWithIt() throws Exception {
        harness.clientLibrary().playingElsewhere(sample.alice, true);
        try {
            SubsonicServerAnswer refused = new SubsonicServerAnswer(asAlice("savePlayQueue", "id=tr-" + HELP_SONG + "&f=json"));
            assertThat(refused.code()).isEqualTo(0);
            assertThat(refused.message()).contains("playing");
        } finally {
            harness.clientLibrary().playingElsewhere(sample.alice, false);
        }
    }

    private record SubsonicServerAnswer(int code, String message) {
        SubsonicServerAnswer(dev.resonance.plugin.subsonic.testing.SubsonicServer.Exchange exchange) {
            this(Answers.errorCode(exchange), Answers.errorMessage(exchange));
        }
    }
}
