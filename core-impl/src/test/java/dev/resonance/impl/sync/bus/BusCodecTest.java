package dev.resonance.impl.sync.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BusCodecTest {

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        BusMessage message = new BusMessage(42, "origin-node", 3L, 5L, "{\"type\":\"event\",\"text\":\"caf\u00e9 \\\"quoted\\\"\"}");

        BusCodec.Received back = BusCodec.decode(BusCodec.encode(message, "publisher", Instant.ofEpochMilli(1_700_000_000_123L)))
                .orElseThrow();

        assertThat(back.node()).isEqualTo("publisher");
        assertThat(back.message()).isEqualTo(message);
        assertThat(back.publishedAt()).hasValue(Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void aMessageOfAnOlderNodeHasNoPublishingTime() {
        BusCodec.Received back = BusCodec.decode("{\"n\":\"old\",\"u\":1,\"o\":\"old\",\"j\":\"{}\"}").orElseThrow();

        assertThat(back.message().json()).isEqualTo("{}");
        assertThat(back.publishedAt()).isEmpty();
    }

    @Test
    void absentDevicesStayAbsentAndAreLeftOutOfTheWire() {
        BusMessage message = new BusMessage(1, "n", null, null, "{}");

        String wire = BusCodec.encode(message, "p", Instant.now());

        assertThat(wire).doesNotContain("\"s\"").doesNotContain("\"t\"");
        assertThat(BusCodec.decode(wire).orElseThrow().message()).isEqualTo(message);
    }

    @Test
    void foreignPayloadsAreIgnored() {
        assertThat(BusCodec.decode("hello")).isEmpty();
        assertThat(BusCodec.decode("{\"u\":1}")).isEmpty();
        assertThat(BusCodec.decode("[1,2]")).isEmpty();
    }
}
