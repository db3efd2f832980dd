package dev.resonance.plugin.subsonic;

import static dev.resonance.plugin.subsonic.testing.SampleLibrary.ALICE;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.ALICE_API_KEY;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.ALICE_PASSWORD;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.BOB;
import static dev.resonance.plugin.subsonic.testing.SampleLibrary.BOB_PASSWORD;
import static dev.resonance.plugin.subsonic.testing.SubsonicServer.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.client.Credentials;
import dev.resonance.plugin.subsonic.testing.Answers;
import dev.resonance.plugin.subsonic.testing.SampleLibrary;
import dev.resonance.plugin.subsonic.testing.ServedLibrary;
import dev.resonance.plugin.subsonic.testing.SubsonicServer;
import dev.resonance.plugin.subsonic.testing.SubsonicServer.Exchange;
import dev.resonance.plugin.testkit.PluginHarness;
import dev.resonance.plugin.testkit.TestClientAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import net.beardbot.subsonic.client.base.SubsonicException;
import org.junit.jupiter.api.Test;
import org.subsonic.restapi.ErrorCode;

/**
 * Authentication, parameters and failures, as Subsonic error codes: every refusal is an answer in the requested format
 * (checked against the schema like every other), never the container's error page.
 */
class ErrorsTest extends ServedLibrary {

    private static final String CLIENT = "&v=1.16.1&c=test";

    @Test
    void theThreeKindsOfCredentialsSignIn() throws Exception {
        String salt = "c19b2d";
        String token = TestClientAccess.md5Hex(ALICE_PASSWORD + salt);
        String hex = HexFormat.of().formatHex(ALICE_PASSWORD.getBytes(StandardCharsets.UTF_8));

        assertThat(Answers.errorCode(server.get("ping", "u=alice&p=" + encode(ALICE_PASSWORD) + CLIENT))).isEqualTo(-1);
        assertThat(Answers.errorCode(server.get("ping", "u=alice&p=enc:" + hex + CLIENT))).isEqualTo(-1);
        assertThat(Answers.errorCode(server.get("ping", "u=alice&t=" + token + "&s=" + salt + CLIENT))).isEqualTo(-1);
        assertThat(Answers.errorCode(server.get("ping", "apiKey=" + ALICE_API_KEY + CLIENT))).isEqualTo(-1);
        assertThat(harness.clientAccess().signIns()).contains(new Credentials.Password(ALICE, ALICE_PASSWORD),
            new Credentials.Token(ALICE, token, salt), new Credentials.ApiKey(ALICE_API_KEY));
    }

    @Test
    void aWrongPasswordIsError40ForTheClientLibraryToo() throws Exception {
        assertThatThrownBy(() -> client(ALICE, "not-her-password").system().ping())
            .isInstanceOfSatisfying(SubsonicException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.WRONG_USERNAME_OR_PASSWORD));

        Exchange wrong = server.get("ping", "u=alice&p=nope" + CLIENT + "&f=json");
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(Answers.errorCode(wrong)).isEqualTo(40);
        assertThat(Answers.errorMessage(wrong)).contains("App passwords");
        assertThat(Answers.errorCode(server.get("ping", "u=nobody&p=nope" + CLIENT))).isEqualTo(40);
    }

    @Test
    void aMalformedEncodedPasswordIsAWrongPasswordNotAFailure() throws Exception {
        for (String bad : List.of("enc:zz", "enc:abc", "enc:ff")) {
            Exchange answer = server.get("ping", "u=alice&p=" + encode(bad) + CLIENT);
            assertThat(answer.status()).as(bad).isEqualTo(200);
            assertThat(Answers.errorCode(answer)).as(bad).isEqualTo(40);
        }
    }

    @Test
    void missingCredentialsAndParametersAreError10() throws Exception {
        assertThat(Answers.errorCode(server.get("ping", "v=1.16.1&c=test"))).isEqualTo(10);
        assertThat(Answers.errorCode(server.get("ping", "p=x" + CLIENT))).isEqualTo(10);
        assertThat(Answers.errorCode(server.get("ping", "u=alice" + CLIENT))).isEqualTo(10);
        assertThat(Answers.errorCode(server.get("ping", "u=alice&t=abc" + CLIENT))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("getAlbum", ""))).isEqualTo(10);
        assertThat(Answers.errorMessage(asAlice("getAlbum", ""))).contains("id");
        assertThat(Answers.errorCode(asAlice("search3", ""))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("getSongsByGenre", ""))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("getTopSongs", ""))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("getAlbumList2", ""))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("getAlbumList2", "type=byYear&fromYear=1990"))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("getAlbumList", "type=byGenre"))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("getSonicSimilarTracks", ""))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("findSonicPath", "startSongId=tr-100"))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("findSonicPath", "endSongId=tr-100"))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("createBookmark", "position=1000"))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("createBookmark", "id=tr-100"))).isEqualTo(10);
        assertThat(Answers.errorCode(asAlice("deleteBookmark", ""))).isEqualTo(10);
    }

    @Test
    void malformedValuesAreError0AndSizesAreCutTo500() throws Exception {
        assertThat(Answers.errorCode(asAlice("getAlbumList2", "type=best"))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("getAlbumList2", "type=newest&size=ten"))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("getAlbumList2", "type=newest&offset=-1"))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("createBookmark", "id=tr-100&position=ten"))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("createBookmark", "id=tr-100&position=-1"))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("createBookmark", "id=tr-100&position=1&comment=" + "x".repeat(1001)))).isEqualTo(0);
        assertThat(Answers.errorCode(asAlice("getAlbumList2", "type=newest&size=100000"))).isEqualTo(-1);
        assertThat(Answers.errorCode(asAlice("search3", "query=&songCount=100000"))).isEqualTo(-1);
    }

    @Test
    void unknownMalformedAndWrongKindIdsAreError70() throws Exception {
        assertThat(Answers.errorCode(asAlice("getSong", "id=tr-999"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getSong", "id=al-10"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getSong", "id=tr-%2B100"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getSong", "id=tr-99999999999999999999"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getArtist", "id=1"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getMusicDirectory", "id=im-501"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getArtists", "musicFolderId=music"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getSonicSimilarTracks", "id=tr-999"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getSonicSimilarTracks", "id=al-10"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("createBookmark", "id=tr-999&position=1"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("createBookmark", "id=al-10&position=1"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("deleteBookmark", "id=tr-999"))).as("no bookmark, no such song").isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("findSonicPath", "startSongId=tr-100&endSongId=tr-999"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("findSonicPath", "startSongId=ar-1&endSongId=tr-100"))).isEqualTo(70);
        assertThat(Answers.errorCode(asAlice("getArtists", "musicFolderId=99"))).as("a folder the user cannot see "
            + "holds nothing").isEqualTo(-1);
    }

    @Test
    void aUserWithoutAccessCatalogIsSignedInButNotAuthorizedToBrowse() throws Exception {
        String bob = "u=" + BOB + "&p=" + encode(BOB_PASSWORD) + CLIENT;

        assertThat(Answers.errorCode(server.get("ping", bob))).isEqualTo(-1);
        for (String method : List.of("getMusicFolders", "getArtists", "getIndexes", "getGenres", "getStarred2", "getBookmarks")) {
            assertThat(Answers.errorCode(server.get(method, bob))).as(method).isEqualTo(50);
        }
        assertThat(Answers.errorCode(server.get("search3", bob + "&query=&f=json"))).isEqualTo(50);
        assertThat(Answers.errorCode(server.get("getAlbum", bob + "&id=al-10"))).isEqualTo(50);
        assertThatThrownBy(() -> client(BOB, BOB_PASSWORD).browsing().getMusicFolders())
            .isInstanceOfSatisfying(SubsonicException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.USER_NOT_AUTHORIZED));
    }

    @Test
    void conflictingMechanismsAreError43AndAWrongApiKey44() throws Exception {
        assertThat(Answers.errorCode(server.get("ping", "apiKey=" + ALICE_API_KEY + "&u=alice" + CLIENT))).isEqualTo(43);
        assertThat(Answers.errorCode(server.get("ping", "apiKey=" + ALICE_API_KEY + "&p=x" + CLIENT))).isEqualTo(43);
        assertThat(Answers.errorCode(server.get("ping", "u=alice&p=x&t=y&s=z" + CLIENT))).isEqualTo(43);
        assertThat(Answers.errorCode(server.get("ping", "apiKey=not-a-key" + CLIENT + "&f=json"))).isEqualTo(44);
    }

    @Test
    void theExtensionsAnswerWithoutCredentialsAndEvenWithWrongOnes() throws Exception {
        assertThat(Answers.errorCode(server.get("getOpenSubsonicExtensions", ""))).isEqualTo(-1);
        assertThat(Answers.errorCode(server.get("getOpenSubsonicExtensions", "u=alice&p=wrong" + CLIENT))).isEqualTo(-1);
        assertThat(Answers.errorCode(server.get("ping", ""))).isEqualTo(10);
    }

    @Test
    void parametersMayComeInAFormBody() throws Exception {
        Exchange answer = server.post("getAlbum.view", "f=json", "u=alice&p=" + encode(ALICE_PASSWORD)
            + "&v=1.16.1&c=test&id=al-10");

        assertThat(Answers.errorCode(answer)).isEqualTo(-1);
        assertThat(Answers.json(answer).path("album").path("name").asText()).isEqualTo("Help!");
        Exchange search = server.post("search3", "", alice() + "&f=json&query=" + encode("végét"));
        assertThat(Answers.json(search).path("searchResult3").path("album").get(0).path("name").asText())
            .isEqualTo("Végétal");
    }

    @Test
    void aMethodAnswersWithAndWithoutItsViewSuffix() throws Exception {
        assertThat(asAlice("getGenres.view", "").text()).isEqualTo(asAlice("getGenres", "").text());
        assertThat(Answers.errorCode(asAlice("getGenres.view", ""))).isEqualTo(-1);
    }

    @Test
    void anUnknownMethodIs404WithError0BeforeAnyAuthentication() throws Exception {
        for (String path : List.of("getChatMessages", "jukeboxControl.view", "ping.view.view", "Ping", "", "a/b")) {
            Exchange answer = server.get(path, "f=json");
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(Answers.errorCode(answer)).as(path).isEqualTo(0);
        }
    }

    @Test
    void jsonpIsRefusedInJsonAndAnUnknownFormatInXml() throws Exception {
        Exchange jsonp = asAlice("ping", "f=jsonp&callback=steal");
        assertThat(jsonp.json()).isTrue();
        assertThat(Answers.errorCode(jsonp)).isEqualTo(0);
        assertThat(Answers.errorMessage(jsonp)).contains("f=json");
        assertThat(jsonp.text()).doesNotContain("steal(");

        Exchange yaml = asAlice("ping", "f=yaml");
        assertThat(yaml.json()).isFalse();
        assertThat(Answers.errorCode(yaml)).isEqualTo(0);
    }

    @Test
    void otherHttpMethodsAndUnreadableParametersGetASubsonicErrorNotAnErrorPage() throws Exception {
        Exchange put = server.send("PUT", "ping", alice());
        assertThat(put.status()).isEqualTo(405);
        assertThat(Answers.errorCode(put)).isEqualTo(0);

        Exchange broken = server.post("ping", alice(), "x=%zz");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(Answers.errorCode(broken)).isEqualTo(0);

        Exchange head = server.send("HEAD", "ping", alice());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aLockedUsernameIs40SayingToWaitAndAnUnavailableDatabaseIs0() throws Exception {
        PluginHarness locking = PluginHarness.load();
        SampleLibrary.fill(locking);
        locking.clientAccess().lockOutAfter(2, Duration.ofMinutes(15));
        try (SubsonicServer own = new SubsonicServer(locking.clientAccess(), SERVER_VERSION)) {
            own.get("ping", "u=alice&p=wrong" + CLIENT);
            own.get("ping", "u=alice&p=wrong" + CLIENT);
            Exchange locked = own.get("ping", alice());
            assertThat(Answers.errorCode(locked)).isEqualTo(40);
            assertThat(Answers.errorMessage(locked)).contains("wait").contains("900 s");
            SCHEMA.checkXml(locked.body());

            locking.clock().advance(Duration.ofMinutes(15));
            assertThat(Answers.errorCode(own.get("ping", alice()))).isEqualTo(-1);

            locking.clientAccess().unavailable(true);
            Exchange down = own.get("ping", alice() + "&f=json");
            assertThat(down.status()).isEqualTo(200);
            assertThat(Answers.errorCode(down)).isEqualTo(0);
            assertThat(Answers.errorMessage(down)).contains("try again later");
            SCHEMA.checkJson(down.body());
        }
    }
}
