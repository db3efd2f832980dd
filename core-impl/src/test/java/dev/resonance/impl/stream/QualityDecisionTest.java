package dev.resonance.impl.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.stream.transcode.TranscodeFormat;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QualityDecisionTest {

    private static TrackFiles.TrackFile track(String codec, int kbps) {
        return new TrackFiles.TrackFile(1, Path.of("/music/x"), 1000, 0, "audio/x", codec, codec, kbps, 180_000);
    }

    private static final DeviceStreamSettings.Quality ORIGINAL = DeviceStreamSettings.Quality.ORIGINAL;

    private static ClientHints hints(Set<String> codecs, Integer max, ClientHints.Network network, boolean saveData) {
        return new ClientHints(Optional.ofNullable(codecs), Optional.ofNullable(max), network, saveData);
    }

    @Test
    void aPlayableCodecWithinEveryCapIsPlayedDirect() {
        StreamDecision d = QualityDecision.decide(track("flac", 900), StreamParameters.NONE, ClientHints.NONE, ORIGINAL);

        assertThat(d.direct()).isTrue();
        assertThat(d.header()).isEqualTo("direct; reason=flac playable");
    }

    @Test
    void aCodecTheClientDoesNotPlayIsTranscodedToItsBestFormat() {
        StreamDecision d = QualityDecision.decide(track("opus", 128), StreamParameters.NONE,
                hints(ClientHints.PROFILES.get("safari"), null, ClientHints.Network.WIFI, false), ORIGINAL);

        assertThat(d.header()).isEqualTo("aac/128; reason=client does not play opus"); // never above the lossy source
    }

    @Test
    void aLosslessSourceOverTheCapBecomesOpusAtTheCap() {
        StreamDecision d = QualityDecision.decide(track("flac", 900), StreamParameters.NONE,
                hints(null, 320, ClientHints.Network.WIFI, false), ORIGINAL);

        assertThat(d.transcode()).hasValueSatisfying(t -> {
            assertThat(t.format()).isEqualTo(TranscodeFormat.OPUS);
            assertThat(t.bitrateKbps()).isEqualTo(160);
        });
        assertThat(d.reason()).isEqualTo("bitrate 900 over 320");
    }

    @Test
    void saveDataCapsAt96() {
        StreamDecision d = QualityDecision.decide(track("mp3", 320), StreamParameters.NONE,
                hints(null, null, ClientHints.Network.WIFI, true), ORIGINAL);

        assertThat(d.header()).isEqualTo("opus/96; reason=bitrate 320 over 96 (save-data)");
    }

    @Test
    void theDevicesCellularSettingIsObeyed() {
        DeviceStreamSettings.Quality cellular = new DeviceStreamSettings.Quality("mp3", Optional.of(128));

        assertThat(QualityDecision.decide(track("flac", 900), StreamParameters.NONE, hints(null, null, ClientHints.Network.CELLULAR, false),
                cellular).header()).isEqualTo("mp3/128; reason=bitrate 900 over 128");
        assertThat(QualityDecision.decide(track("opus", 96), StreamParameters.NONE, hints(null, null, ClientHints.Network.CELLULAR, false),
                cellular).header()).isEqualTo("mp3/96; reason=device wants mp3 on cellular");
        assertThat(QualityDecision.decide(track("mp3", 96), StreamParameters.NONE, hints(null, null, ClientHints.Network.CELLULAR, false),
                cellular).direct()).isTrue();
    }

    @Test
    void anExplicitFormatOrOriginalIsObeyed() {
        assertThat(QualityDecision.decide(track("flac", 900), StreamParameters.parse(Map.of("format", new String[] {"aac"})), ClientHints.NONE,
                new DeviceStreamSettings.Quality("opus", Optional.of(64))).header()).isEqualTo("aac/160; reason=requested");
        assertThat(QualityDecision.decide(track("flac", 900), StreamParameters.parse(Map.of("format", new String[] {"original"})),
                hints(Set.of("mp3"), 128, ClientHints.Network.CELLULAR, true), ORIGINAL).header()).isEqualTo("direct; reason=requested");
    }

    @Test
    void anOffsetWithoutAFormatNeedsATranscode() {
        StreamDecision d = QualityDecision.decide(track("flac", 900), StreamParameters.parse(Map.of("offset", new String[] {"30"})),
                ClientHints.NONE, ORIGINAL);

        assertThat(d.header()).isEqualTo("opus/160; reason=offset needs a transcode");
        assertThat(d.transcode().orElseThrow().offsetMillis()).isEqualTo(30_000);
    }

    @Test
    void clientHintsParseProfilesHeadersAndNetwork() {
        ClientHints h = ClientHints.parse(Map.of(ClientHints.HEADER, "{\"codecs\":[\"mp3\",\"OPUS\",\"aac\"],\"maxBitrate\":192}",
                "Save-Data", "on")::get, Map.of("network", new String[] {"cellular"}));

        assertThat(h.codecs()).hasValue(Set.of("mp3", "aac"));
        assertThat(h.maxBitrateKbps()).hasValue(192);
        assertThat(h.network()).isEqualTo(ClientHints.Network.CELLULAR);
        assertThat(h.saveData()).isTrue();
        assertThat(ClientHints.parse(name -> null, Map.of("client", new String[] {"ios"})).codecs()).hasValue(ClientHints.PROFILES.get("ios"));
    }

    @Test
    void badHintsAre400() {
        for (Map<String, String> headers : java.util.List.of(Map.of(ClientHints.HEADER, "not json"), Map.of(ClientHints.HEADER, "[1]"),
                Map.of(ClientHints.HEADER, "{\"maxBitrate\":\"lots\"}"), Map.of(ClientHints.HEADER, "{\"maxBitrate\":1e9}"),
                Map.of(ClientHints.HEADER, "{\"codecs\":\"mp3\"}"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientHints.parse(headers::get, Map.of()))
                    .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.code()).isEqualTo("invalid_client"));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientHints.parse(n -> null, Map.of("network", new String[] {"5g"})))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.code()).isEqualTo("invalid_network"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClientHints.parse(n -> null, Map.of("client", new String[] {"winamp"})))
                .isInstanceOfSatisfying(ResonanceException.class, e -> assertThat(e.code()).isEqualTo("invalid_client"));
    }
}
