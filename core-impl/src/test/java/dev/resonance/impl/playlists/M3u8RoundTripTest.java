package dev.resonance.impl.playlists;

import static dev.resonance.impl.playlists.PlaylistCatalog.longs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * M3U8 out and back in with awkward file names (decomposed and composed Unicode, spaces, percent signs, brackets, CJK,
 * quotes), and files written elsewhere: Windows paths with drive letters and backslashes, {@code file://} URIs,
 * relative paths that climb, a byte-order mark and CRLF line ends; lines that match nothing are reported by number.
 */
class M3u8RoundTripTest {

    /** Relative paths of the catalog's files; the first is stored decomposed (NFD), as macOS writes names. */
    private static final List<String> FILES = List.of(
            Normalizer.normalize("Sigur Rós/Ágætis byrjun/01 Svefn-g-englar.mp3", Normalizer.Form.NFD),
            "Café/Crème brûlée.mp3",
            "With Spaces/Track 1 (live) [2020].mp3",
            "100% Hits/50% off #1.mp3",
            "日本語/曲.mp3",
            "semi;colon & ampersand/it's.mp3");

    private static PlaylistCatalog catalog;
    private static ApiHarness api;
    private static String token;
    private static final List<Long> tracks = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        catalog = new PlaylistCatalog();
        api = catalog.api;
        for (int i = 0; i < FILES.size(); i++) {
            PropertiesTagReader.write(api.musicRoot.resolve(FILES.get(i)), "title", "Awkward " + i, "artist", "Odd", "album", "Odd " + i,
                    "albumartist", "Odd");
        }
        api.scanMusic();
        for (int i = 0; i < FILES.size(); i++) {
            tracks.add(catalog.track("Awkward " + i));
        }
        api.createUser("ada", "ada-password", "regular");
        token = api.accessToken("ada", "ada-password", "laptop");
    }

    @AfterAll
    static void stop() {
        catalog.close();
    }

    private static JsonNode importFile(String name, String text) {
        ApiHarness.Answer answer = api.call("POST", "v1/user/playlists/import?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20"), token, "audio/x-mpegurl", text);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static List<Long> tracksOf(long id) {
        return longs(api.get("v1/user/playlists/" + id, token).json().path("entries"), "trackId");
    }

    private static String export(long id, String paths) {
        ApiHarness.Answer answer = api.get("v1/user/playlists/" + id + "/m3u8?paths=" + paths, token);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return new String(answer.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void exportedPlaylistsComeBackTheSameWithRelativeAndAbsolutePaths() {
        List<Long> order = new ArrayList<>(tracks);
        order.add(tracks.get(2)); // and a duplicate
        java.util.Collections.reverse(order);
        long id = api.post("v1/user/playlists", token, Map.of("name", "Awkward ♫", "trackIds", order)).json().path("id").asLong();
        for (String paths : List.of("relative", "absolute")) {
            String text = export(id, paths);
            assertThat(text).startsWith("#EXTM3U\n#PLAYLIST:Awkward ♫\n#EXTINF:1,Odd - Awkward 2\n");
            JsonNode report = importFile("", text);
            assertThat(report.path("unmatched")).as(paths + ": " + report).isEmpty();
            assertThat(report.path("matched").asInt()).isEqualTo(order.size());
            assertThat(report.at("/playlist/name").asText()).as("the name from #PLAYLIST").isEqualTo("Awkward ♫");
            assertThat(tracksOf(report.at("/playlist/id").asLong())).as(paths).containsExactlyElementsOf(order);
        }
        assertThat(export(id, "relative")).contains("\n" + FILES.get(0) + "\n").contains("\n日本語/曲.mp3\n");
    }

    @Test
    void pathsWrittenElsewhereAreMatchedAndTheRestReportedByLine() throws Exception {
        String root = api.musicRoot.toString();
        String nfc = Normalizer.normalize(FILES.get(0), Normalizer.Form.NFC);
        String text = "\uFEFF#EXTM3U\r\n"
                + "#EXTINF:1,Odd - windows\r\n"
                + "C:\\Users\\ada\\Music\\With Spaces\\Track 1 (live) [2020].mp3\r\n"              // 3: drive letter, backslashes
                + new URI("file", null, root + "/Café/Crème brûlée.mp3", null).toASCIIString() + "\r\n" // 4: file URI, percent-encoded
                + root + "/" + nfc + "\r\n"                                                         // 5: absolute, composed Unicode
                + "\r\n"
                + "./日本語/../日本語/曲.mp3\r\n"                                                    // 7: relative with . and ..
                + "100% Hits\\50% off #1.mp3\r\n"                                                   // 8: relative, Windows separator
                + "../Music/semi;colon &amp; ampersand/it's.mp3\r\n"                               // 9: no such file
                + "../Music/semi;colon & ampersand/it's.mp3\r\n"                                   // 10: climbs out of its folder
                + "file:///D:/Rips/Sigur%20R%C3%B3s/%C3%81g%C3%A6tis%20byrjun/01%20Svefn-g-englar.mp3\r\n" // 11: Windows file URI
                + "http://radio.example/stream.mp3\r\n"                                             // 12: not a file
                + "file:///broken%zzpath.mp3\r\n"                                                   // 13: bad percent-encoding
                + "Missing/nothing.mp3\r\n";                                                        // 14
        JsonNode report = importFile("From Windows", text);
        assertThat(report.at("/playlist/name").asText()).isEqualTo("From Windows");
        assertThat(tracksOf(report.at("/playlist/id").asLong())).containsExactly(tracks.get(2), tracks.get(1), tracks.get(0),
                tracks.get(4), tracks.get(3), tracks.get(5), tracks.get(0));
        assertThat(report.path("matched").asInt()).isEqualTo(7);
        List<String> unmatched = new ArrayList<>();
        report.path("unmatched").forEach(u -> unmatched.add(u.path("line").asInt() + " " + u.path("reason").asText() + " " + u.path("text").asText()));
        assertThat(unmatched).containsExactly(
                "9 not_found ../Music/semi;colon &amp; ampersand/it's.mp3",
                "12 unsupported_uri http://radio.example/stream.mp3",
                "13 invalid_uri file:///broken%zzpath.mp3",
                "14 not_found Missing/nothing.mp3");
    }

    @Test
    void aFileNamingNothingKnownMakesAnEmptyPlaylistAndTracksTheImporterMayNotSeeAreNotMatched() {
        long restricted = api.createUser("cleo", "cleo-password", "regular");
        api.library.setAccess(restricted, List.of(catalog.libraryId("Other")));
        String cleo = api.accessToken("cleo", "cleo-password", "phone");
        ApiHarness.Answer answer = api.call("POST", "v1/user/playlists/import", cleo, "text/plain", "#EXTM3U\nBand/Sky/1.mp3\nFar/1.mp3\n");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().at("/playlist/name").asText()).isEqualTo("Imported playlist");
        assertThat(answer.json().path("matched").asInt()).isEqualTo(1);
        assertThat(answer.json().at("/unmatched/0/line").asInt()).isEqualTo(2);
        assertThat(answer.json().at("/playlist/trackCount").asInt()).isEqualTo(1);
    }
}
