package dev.resonance.plugin.subsonic.media;

import static dev.resonance.plugin.subsonic.testing.SampleLibrary.CALIFORNIA_LOVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.client.AudioFile;
import dev.resonance.plugin.subsonic.testing.Answers;
import dev.resonance.plugin.subsonic.testing.ServedLibrary;
import org.junit.jupiter.api.Test;

/** The transcoding extension: the decision for a client's capabilities, and the stream its parameters name. */
class TranscodingTest extends ServedLibrary {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AudioFile FLAC = new AudioFile("flac", "audio/flac", "flac", 30_000_000, 900, 96_000, 24, 2);
    private static final AudioFile MP3 = new AudioFile("mp3", "audio/mpeg", "mp3", 11_400_000, 320, 44_100, 0, 2);

    /** The spec's example client: mp3 and flac (up to 192 kHz) directly, mp3 or flac-over-HLS transcodes. */
    private static final String SONOS = """
        {"name": "Play:1", "platform": "Sonos", "maxAudioBitrate": 512000, "maxTranscodingAudioBitrate": 256000,
         "directPlayProfiles": [
           {"containers": ["mp3"], "audioCodecs": ["mp3"], "protocols": ["http"], "maxAudioChannels": 2},
           {"containers": ["flac"], "audioCodecs": ["flac"], "protocols": [], "maxAudioChannels": 2}],
         "transcodingProfiles": [
           {"container": "flac", "audioCodec": "flac", "protocol": "hls", "maxAudioChannels": 2},
           {"container": "mp3", "audioCodec": "mp3", "protocol": "http", "maxAudioChannels": 2}],
         "codecProfiles": [
           {"type": "AudioCodec", "name": "mp3", "limitations": [
             {"name": "audioBitrate", "comparison": "LessThanEqual", "values": ["320000"], "required": true}]},
           {"type": "AudioCodec", "name": "flac", "limitations": [
             {"name": "audioSamplerate", "comparison": "LessThanEqual", "values": ["192000"], "required": false},
             {"name": "audioChannels", "comparison": "Equals", "values": ["1", "2"], "required": false}]}]}
        """;

    @Test
    void whatTheClientPlaysIsPlayedDirectlyAndTheRestTranscodedToItsFirstProfileTheServerEncodes() throws Exception {
        JsonNode sonos = JSON.readTree(SONOS);

        TranscodeDecisions.Decision mp3 = TranscodeDecisions.decide(MP3, sonos);
        assertThat(mp3.directPlay()).isTrue();
        assertThat(mp3.params()).contains("raw");

        // 900 kbit/s FLAC is over the client's 512 kbit/s: transcoded to mp3 (the HLS profile skipped)
        TranscodeDecisions.Decision flac = TranscodeDecisions.decide(FLAC, sonos);
        assertThat(flac.directPlay()).isFalse();
        assertThat(flac.canTranscode()).isTrue();
        assertThat(flac.reasons()).containsExactly("AudioBitrateNotSupported");
        assertThat(flac.params()).contains("mp3.192"); // the format's default is below the 256 kbit/s ceiling
        assertThat(flac.transcode().orElseThrow().codec()).isEqualTo("mp3");

        JsonNode roomy = JSON.readTree(SONOS.replace("512000", "2000000"));
        assertThat(TranscodeDecisions.decide(FLAC, roomy).directPlay()).as("within every limit").isTrue();
        JsonNode lowRate = JSON.readTree(SONOS.replace("512000", "2000000").replace("\"192000\"", "\"48000\""));
        assertThat(TranscodeDecisions.decide(FLAC, lowRate).reasons()).containsExactly("AudioSamplerateNotSupported");

        JsonNode opusOnly = JSON.readTree("""
            {"name": "web", "platform": "browser", "maxTranscodingAudioBitrate": 96000, "directPlayProfiles": [],
             "transcodingProfiles": [{"container": "ogg", "audioCodec": "opus", "protocol": "http"}]}
            """);
        TranscodeDecisions.Decision opus = TranscodeDecisions.decide(MP3, opusOnly);
        assertThat(opus.reasons()).containsExactly("ContainerNotSupported");
        assertThat(opus.params()).contains("opus.96");
        assertThat(opus.transcode().orElseThrow().samplerate()).isEqualTo(48_000);

        JsonNode nothing = JSON.readTree("""
            {"name": "odd", "platform": "x", "transcodingProfiles": [{"container": "wav", "audioCodec": "pcm", "protocol": "http"}]}
            """);
        assertThat(TranscodeDecisions.decide(MP3, nothing).canTranscode()).isFalse();
        assertThat(TranscodeDecisions.decide(MP3, nothing).error()).isPresent();
    }

    @Test
    void theDecisionIsAPostWithTheClientsCapabilitiesAndItsParametersNameTheStream() throws Exception {
        harness.clientLibrary().audio(CALIFORNIA_LOVE, new byte[] {1, 2, 3, 4}, "audio/mpeg");
        String song = "mediaId=tr-" + CALIFORNIA_LOVE + "&mediaType=song";
        JsonNode decision = Answers.json(server.postJson("getTranscodeDecision", alice() + "&f=json&" + song,
            SONOS.replace("512000", "128000"))).path("transcodeDecision");

        assertThat(decision.path("canDirectPlay").asBoolean()).isFalse();
        assertThat(decision.path("transcodeReason")).extracting(JsonNode::asText).containsExactly("AudioBitrateNotSupported");
        assertThat(decision.at("/sourceStream/container").asText()).isEqualTo("mp3");
        assertThat(decision.at("/transcodeStream/codec").asText()).isEqualTo("mp3");
        String params = decision.path("transcodeParams").asText();
        assertThat(params).as("within the client's 128 kbit/s").isEqualTo("mp3.128");
        assertThat(Answers.errorCode(server.postJson("getTranscodeDecision", alice() + "&" + song, SONOS))).as("in XML").isEqualTo(-1);

        assertThat(asAlice("getTranscodeStream", song + "&transcodeParams=" + params + "&offset=10").status()).isEqualTo(200);
        assertThat(harness.clientLibrary().streams()).contains("stream " + CALIFORNIA_LOVE
            + " StreamOptions[format=Optional[mp3], maxBitrateKbps=Optional[128], offsetMs=10000]");
        assertThat(Answers.errorCode(asAlice("getTranscodeDecision", song))).as("no body").isEqualTo(10);
        assertThat(Answers.errorCode(server.postJson("getTranscodeDecision", alice() + "&" + song, "[1,2"))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("getTranscodeStream", song + "&transcodeParams=flac.900"))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("getTranscodeStream", "mediaId=1&mediaType=podcast&transcodeParams=raw"))).isEqualTo(70);
    }
}
