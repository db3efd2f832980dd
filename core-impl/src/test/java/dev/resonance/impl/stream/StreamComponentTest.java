package dev.resonance.impl.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamComponentTest {

    @Test
    void theTranscodeLimitDefaultsToTwentyPerCoreAndAConfiguredOneWins() {
        assertThat(StreamComponent.maxTranscodes(0, 2)).isEqualTo(40);
        assertThat(StreamComponent.maxTranscodes(0, 8)).isEqualTo(160);
        assertThat(StreamComponent.maxTranscodes(0, 0)).isEqualTo(20);
        assertThat(StreamComponent.maxTranscodes(12, 8)).isEqualTo(12);
    }
}
