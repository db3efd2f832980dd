package dev.resonance.plugin.subsonic;

import static dev.resonance.plugin.subsonic.testing.SampleLibrary.HELP;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.HELP_SONG;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.YESTERDAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Permission;
import dev.resonance.plugin.subsonic.testing.Answers;
import dev.resonance.plugin.subsonic.testing.ServedLibrary;
import dev.resonance.plugin.subsonic.testing.SubsonicServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import net.beardbot.subsonic.client.Subsonic;
import net.beardbot.subsonic.client.api.media.CoverArtParams;
import net.beardbot.subsonic.client.api.media.StreamParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * stream, download and getCoverArt through the third-party client and raw requests: the bytes the core serves, the
 * options the plugin passes on (format, maxBitRate, timeOffset), ranges, and refusals as Subsonic errors in the
 * request's format (never as a broken audio answer).
 */
class MediaTest extends ServedLibrary {

    private static final byte[] AUDIO = new byte[64 * 1024];
    private static final byte[] COVER = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4};

    static {
        for (int i = 0; i < AUDIO.length; i++) {
            AUDIO[i] = (byte) (i * 31);
        }
    }

    @BeforeAll
    void media() {
        harness.clientLibrary().audio(HELP_SONG, AUDIO, "audio/mpeg");
        harness.clientLibrary().image(601, COVER, "image/png");
        harness.clientAccess().addUser(ActionsTest.CAROL, Permission.ACCESS_CATALOG, Permission.ISSUE_CONTENT_DOWNLOAD);
        harness.clientAccess().addAppPassword(ActionsTest.CAROL, ActionsTest.CAROL_PASSWORD);
    }

    @Test
    void aStreamIsTheCoresAudioWithTheOptionsTheAppAsked() throws Exception {
        Subsonic subsonic = client();

        byte[] raw;
        try (InputStream in = subsonic.media().stream("tr-" + HELP_SONG).getInputStream()) {
            raw = in.readAllBytes();
        }
        try (InputStream in = subsonic.media().stream("tr-" + HELP_SONG, StreamParams.create().format("opus").maxBitRate(96))
                .getInputStream()) {
            in.readAllBytes();
        }
        SubsonicServer.Exchange offset = asAlice("stream", "id=tr-" + HELP_SONG + "&format=raw&timeOffset=30.5&maxBitRate=0");

        assertThat(raw).isEqualTo(AUDIO);
        assertThat(offset.status()).isEqualTo(200);
        assertThat(offset.contentType()).isEqualTo("audio/mpeg");
        assertThat(harness.clientLibrary().streams()).containsSubsequence(
            // the client library's defaults: mp3 at 192 kbit/s
            "stream " + HELP_SONG + " StreamOptions[format=Optional[mp3], maxBitrateKbps=Optional[192], offsetMs=0]",
            "stream " + HELP_SONG + " StreamOptions[format=Optional[opus], maxBitrateKbps=Optional[96], offsetMs=0]",
            "stream " + HELP_SONG + " StreamOptions[format=Optional[raw], maxBitrateKbps=Optional.empty, offsetMs=30500]");
    }

    @Test
    void rangesAreServedAndRefusalsAreSubsonicErrors() throws Exception {
        HttpResponse<byte[]> part = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
            + "/rest/stream?" + alice() + "&id=tr-" + HELP_SONG)).header("Range", "bytes=100-199").build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(AUDIO, 100, 200));

        assertThat(Answers.errorCode(asAlice("stream", "id=tr-" + YESTERDAY + "&f=json"))).as("no audio").isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("stream", "id=al-" + HELP))).as("an album's id").isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("stream", "f=json"))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("stream", "id=tr-" + HELP_SONG + "&format=flac&f=json"))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("stream", "id=tr-" + HELP_SONG + "&timeOffset=-3"))).isEqualTo(0);
        SubsonicServer.Exchange refused = asAlice("download", "id=tr-" + HELP_SONG + "&f=json");
        assertThat(refused.contentType()).startsWith("application/json");
        assertThat(Answers.errorCode(refused)).as("Alice may not download").isEqualTo(50);
    }

    @Test
    void aDownloadIsTheOriginalFileForWhoMayKeepIt() throws Exception {
        Subsonic subsonic = client(ActionsTest.CAROL, ActionsTest.CAROL_PASSWORD);
        try (InputStream in = subsonic.media().download("tr-" + HELP_SONG).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(AUDIO);
        }
        assertThat(harness.clientLibrary().streams()).contains("download " + HELP_SONG);
    }

    @Test
    void coverArtIsTheImageOfItsIdOrOfTheItemNamed() throws Exception {
        Subsonic subsonic = client();
        try (InputStream in = subsonic.media().getCoverArt("im-601", CoverArtParams.create().size(300)).getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(COVER);
        }
        SubsonicServer.Exchange byAlbum = asAlice("getCoverArt", "id=al-" + HELP);
        SubsonicServer.Exchange bySong = asAlice("getCoverArt", "id=tr-" + HELP_SONG + "&size=64");

        assertThat(byAlbum.status()).isEqualTo(200);
        assertThat(byAlbum.contentType()).isEqualTo("image/png");
        assertThat(byAlbum.body()).isEqualTo(COVER);
        assertThat(bySong.body()).isEqualTo(COVER);
        HttpResponse<byte[]> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
            + "/rest/getCoverArt?" + alice() + "&id=im-601")).header("If-None-Match", "\"601\"").build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(Answers.errorCode(asAlice("getCoverArt", "id=im-999&f=json"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getCoverArt", "id=al-" + 13))).as("an album without a cover").isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getCoverArt", ""))).isEqualTo(10);
    }
}
