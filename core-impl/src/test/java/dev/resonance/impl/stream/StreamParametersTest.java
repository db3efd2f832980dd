package dev.resonance.impl.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.stream.transcode.TranscodeFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StreamParametersTest {

    private static StreamParameters parse(String... pairs) {
        Map<String, String[]> query = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], new String[] {pairs[i + 1]});
        }
        return StreamParameters.parse(query);
    }

    private static void rejected(String code, String... pairs) {
        assertThatThrownBy(() -> parse(pairs)).isInstanceOfSatisfying(ResonanceException.class, e -> {
            assertThat(e.kind()).isEqualTo(ResonanceException.Kind.INVALID);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void formatBitrateAndDecimalOffset() {
        StreamParameters p = parse("format", "opus", "bitrate", "128", "offset", "30.5");

        assertThat(p.format()).hasValue(TranscodeFormat.OPUS);
        assertThat(p.bitrateKbps()).hasValue(128);
        assertThat(p.offsetMillis()).isEqualTo(30_500);
        assertThat(p.explicit()).isTrue();
    }

    @Test
    void nothingMeansTheDecisionChooses() {
        assertThat(parse()).isEqualTo(StreamParameters.NONE);
        assertThat(parse().explicit()).isFalse();
        assertThat(parse("bitrate", "96").bitrateKbps()).hasValue(96);
        assertThat(parse("offset", "1.25").offsetMillis()).isEqualTo(1_250);
        assertThat(parse("format", "original").original()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"; rm -rf /", "../../etc/passwd", "-i /etc/passwd", "OPUS", " opus", "opus ", "flac", "opus;mp3", "öpus",
            "libopus", "ogg", "", "mp3\u0000", "%00"})
    void unknownOrHostileFormatsAre400(String format) {
        rejected("invalid_format", "format", format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"128k", "-128", "+128", "12.5", "1e3", "0x80", "99999999999999999999", "", " 128", "١٢٨", "128; rm -rf /",
            "-i /etc/passwd", "16", "321", "0"})
    void nonIntegerOrOutOfRangeBitratesAre400(String bitrate) {
        rejected("invalid_bitrate", "format", "mp3", "bitrate", bitrate);
    }

    @Test
    void bitrateRangeIsThatOfTheFormat() {
        assertThat(parse("format", "opus", "bitrate", "256").bitrateKbps()).hasValue(256);
        rejected("invalid_bitrate", "format", "opus", "bitrate", "320");
        assertThat(parse("format", "mp3", "bitrate", "320").bitrateKbps()).hasValue(320);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.5", "abc", "30s", "1e3", "NaN", "Infinity", "30.5.1", "30.1234", ".5", "5.", "", "9999999",
            "30; rm -rf /", "３０", "-ss 0"})
    void negativeOrNonNumericOffsetsAre400(String offset) {
        rejected("invalid_offset", "format", "opus", "offset", offset);
    }

    @Test
    void aRepeatedParameterIs400() {
        assertThatThrownBy(() -> StreamParameters.parse(Map.of("format", new String[] {"opus", "mp3"})))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.code()).isEqualTo("invalid_format"));
    }

    @Test
    void anOffsetOnTheOriginalIs400() {
        rejected("invalid_offset", "format", "original", "offset", "10");
        assertThat(parse("format", "original").format()).isEqualTo(Optional.empty());
    }
}
