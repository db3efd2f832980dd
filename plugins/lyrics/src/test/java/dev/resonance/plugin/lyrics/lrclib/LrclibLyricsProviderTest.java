package dev.resonance.plugin.lyrics.lrclib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.LyricsConfig;
import dev.resonance.plugin.lyrics.PluginVersion;
import dev.resonance.plugin.lyrics.testing.Configs;
import dev.resonance.plugin.lyrics.testing.FakeLrclib;
import dev.resonance.plugin.lyrics.testing.FakeLrclib.Request;
import dev.resonance.plugin.testkit.PluginHarness;
import dev.resonance.plugin.testkit.TestClock;
import dev.resonance.plugin.testkit.TestKeyValueStore;
import dev.resonance.plugin.testkit.TestPluginHttp;
import dev.resonance.plugin.testkit.Tracks;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lrclib source against the fake LRCLIB on 127.0.0.1, through the testkit's real HTTP client limited to the
 * descriptor's hosts plus that one, and the plugin's store on the test clock.
 */
class LrclibLyricsProviderTest {

    private static final String SYNCED = "[00:17.12] I feel your breath upon my neck\n[00:21.50] The clock won't stop\n";
    private static final String PLAIN = "I feel your breath upon my neck\nThe clock won't stop";

    private final FakeLrclib lrclib = FakeLrclib.start();
    private final PluginHarness shipped = PluginHarness.load();
    private final PluginHarness plugin = PluginHarness.of(shipped.descriptor().withNetworkHosts("127.0.0.1"));
    private final TestClock clock = plugin.clock();
    private final TestKeyValueStore store = plugin.storage();
    private final TestPluginHttp http = plugin.http();
    private final TrackInfo track = pompeii(7, 214_400);

    @AfterEach
    void stop() {
        lrclib.close();
    }

    private LyricsConfig enabled(Object... more) {
        Map<String, Object> properties = new HashMap<>(Map.of("lrclibEnabled", true, "lrclibUrl",
            lrclib.url().toString()));
        for (int i = 0; i < more.length; i += 2) {
            properties.put((String) more[i], more[i + 1]);
        }
        return Configs.lyrics(properties);
    }

    private static TrackInfo pompeii(long id, long durationMs) {
        return Tracks.track(id, "Pompeii", "Bastille").album(id, "Bad Blood", "Bastille").durationMs(durationMs)
            .build();
    }

    /** Track {@code id} as LRCLIB knows it after {@code lrclib.add("Artist id", "Title id", "Album id", 200, ...)}. */
    private static TrackInfo numbered(long id) {
        return Tracks.track(id, "Title " + id, "Artist " + id).album(id, "Album " + id, "Artist " + id)
            .durationMs(200_000).build();
    }

    private LrclibLyricsProvider provider(LyricsConfig config) {
        return new LrclibLyricsProvider(http, store, config, clock, Duration.ofSeconds(2));
    }

    @Test
    void offByDefaultItSendsNothing() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, SYNCED);
        LyricsConfig defaults = Configs.defaults();

        assertThat(defaults.lrclibEnabled()).isFalse();
        assertThat(defaults.lrclibUrl()).isEqualTo("https://lrclib.net");
        assertThat(provider(defaults).lyrics(track)).isEmpty();
        assertThat(lrclib.requests()).isEmpty();
    }

    @Test
    void asksApiGetWithTheTracksSignatureAndIdentifiesItself() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, SYNCED);

        provider(enabled()).lyrics(track);

        assertThat(lrclib.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/api/get");
            assertThat(request.query()).containsExactly(Map.entry("track_name", "Pompeii"),
                Map.entry("artist_name", "Bastille"), Map.entry("album_name", "Bad Blood"),
                Map.entry("duration", "214"));
            assertThat(request.header("User-Agent")).hasValue(
                "Resonance-lyrics/" + PluginVersion.current() + " (+https://github.com/resonance)");
        });
        assertThat(PluginVersion.current()).isNotEqualTo(PluginVersion.UNKNOWN);
    }

    @Test
    void syncedLyricsArePreferredAndReadAsLrc() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, SYNCED);

        assertThat(provider(enabled()).lyrics(track)).singleElement().satisfies(lyrics -> {
            assertThat(lyrics.synced()).isTrue();
            assertThat(lyrics.lines()).containsExactly(LyricLine.timed(17_120, "I feel your breath upon my neck"),
                LyricLine.timed(21_500, "The clock won't stop"));
        });
    }

    @Test
    void plainLyricsWhenTheRecordHasNoSyncedOnes() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, null);

        assertThat(provider(enabled()).lyrics(track)).singleElement().satisfies(lyrics -> {
            assertThat(lyrics.synced()).isFalse();
            assertThat(lyrics.plainText()).isEqualTo(PLAIN);
        });
    }

    @Test
    void namesMatchAsLrclibFoldsThemAndDurationsWithinTwoSeconds() throws Exception {
        lrclib.add("BASTILLE", "Pompeii!", "Bad Blood", 216.0, PLAIN, null);
        TrackInfo twoSecondsShorter = pompeii(1, 214_400);
        TrackInfo threeSecondsShorter = pompeii(2, 213_400);

        LrclibLyricsProvider provider = provider(enabled());

        assertThat(provider.lyrics(twoSecondsShorter)).hasSize(1);
        assertThat(provider.lyrics(threeSecondsShorter)).isEmpty();
    }

    @Test
    void aTrackWithoutAlbumIsAskedWithoutAlbumName() throws Exception {
        lrclib.add("Bastille", "Pompeii", "All This Bad Blood", 214, PLAIN, null);
        TrackInfo single = Tracks.track(3, "Pompeii", "Bastille").durationMs(214_000).build();

        assertThat(provider(enabled()).lyrics(single)).hasSize(1);
        assertThat(lrclib.requests().get(0).query()).doesNotContainKey("album_name");
    }

    @Test
    void aTrackWithoutTitleOrArtistIsNotLookedUp() throws Exception {
        LrclibLyricsProvider provider = provider(enabled());

        assertThat(provider.lyrics(Tracks.track(4, "Title", " ").album(4, "Album", " ").build())).isEmpty();
        assertThat(provider.lyrics(Tracks.track(5, "", "Artist").album(5, "Album", "Artist").build())).isEmpty();
        assertThat(lrclib.requests()).isEmpty();
    }

    @Test
    void aFoundAnswerIsCachedForCacheDaysSoARepeatedRequestSendsNothing() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, SYNCED);
        LrclibLyricsProvider provider = provider(enabled("cacheDays", 10));

        List<Lyrics> first = provider.lyrics(track);
        clock.advance(Duration.ofDays(10).minusSeconds(1));
        List<Lyrics> again = provider.lyrics(track);

        assertThat(again).isEqualTo(first).hasSize(1);
        assertThat(lrclib.requests()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        provider.lyrics(track);
        assertThat(lrclib.requests()).hasSize(2);
    }

    @Test
    void theCacheKeyIgnoresCaseSpacingAndUnicodeForm() throws Exception {
        lrclib.add("Beyoncé", "Halo", "I Am... Sasha Fierce", 261, PLAIN, null);
        LrclibLyricsProvider provider = provider(enabled());

        provider.lyrics(Tracks.track(1, "Halo", "Beyoncé").album(1, "I Am... Sasha Fierce", "Beyoncé")
            .durationMs(261_000).build());
        List<Lyrics> variant = provider.lyrics(Tracks.track(2, "halo", "  BEYONCE\u0301 ")
            .album(2, "I  am... sasha fierce", "  BEYONCE\u0301 ").durationMs(260_600).build());

        assertThat(variant).hasSize(1);
        assertThat(lrclib.requests()).hasSize(1);
    }

    @Test
    void notFoundIsNoLyricsAndIsBelievedForOneDay() throws Exception {
        LrclibLyricsProvider provider = provider(enabled());

        assertThat(provider.lyrics(track)).isEmpty();
        clock.advance(Duration.ofDays(1).minusSeconds(1));
        assertThat(provider.lyrics(track)).isEmpty();
        assertThat(lrclib.requests()).hasSize(1);

        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, null);
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.lyrics(track)).hasSize(1);
        assertThat(lrclib.requests()).hasSize(2);
    }

    @Test
    void anInstrumentalRecordIsNoLyricsAndIsCachedLikeAHit() throws Exception {
        lrclib.addInstrumental("Bastille", "Pompeii", "Bad Blood", 214);
        LrclibLyricsProvider provider = provider(enabled());

        assertThat(provider.lyrics(track)).isEmpty();
        clock.advance(Duration.ofDays(29));
        assertThat(provider.lyrics(track)).isEmpty();
        assertThat(lrclib.requests()).hasSize(1);
    }

    @Test
    void beyondRequestsPerMinuteLookupsAnswerNothingAtOnceUntilTheMinuteHasPassed() throws Exception {
        LrclibLyricsProvider provider = provider(enabled("requestsPerMinute", 2));
        lrclib.add("Artist 3", "Title 3", "Album 3", 200, PLAIN, null);

        provider.lyrics(numbered(1));
        provider.lyrics(numbered(2));
        List<Lyrics> third = provider.lyrics(numbered(3));

        assertThat(third).isEmpty();
        assertThat(lrclib.requests()).hasSize(2);

        clock.advance(Duration.ofSeconds(59));
        assertThat(provider.lyrics(numbered(3))).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.lyrics(numbered(3))).hasSize(1);
        assertThat(lrclib.requests()).hasSize(3);
    }

    @Test
    void cachedAnswersDoNotCountAgainstTheRequestBudget() throws Exception {
        LrclibLyricsProvider provider = provider(enabled("requestsPerMinute", 1));
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, null);

        for (int i = 0; i < 5; i++) {
            assertThat(provider.lyrics(track)).hasSize(1);
        }
        assertThat(lrclib.requests()).hasSize(1);
    }

    @Test
    void serverErrorsAreNoLyricsNotCachedAndOneWarningPerOutage() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, null);
        LrclibLyricsProvider provider = provider(enabled());

        lrclib.failWith(503);
        for (int i = 0; i < 3; i++) {
            assertThat(provider.lyrics(track)).isEmpty();
        }
        assertThat(lrclib.requests()).hasSize(3);
        assertThat(provider.outage().warnings()).isEqualTo(1);

        lrclib.failWith(0);
        assertThat(provider.lyrics(track)).hasSize(1);

        lrclib.failWith(500);
        assertThat(provider.lyrics(numbered(9))).isEmpty();
        assertThat(provider.lyrics(numbered(10))).isEmpty();
        assertThat(provider.outage().warnings()).isEqualTo(2);
    }

    @Test
    void aTimeoutIsNoLyricsAndCountsAsAnOutage() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, null);
        lrclib.delay(Duration.ofSeconds(3));
        LrclibLyricsProvider provider = new LrclibLyricsProvider(http, store, enabled(), clock,
            Duration.ofMillis(200));

        long start = System.nanoTime();
        assertThat(provider.lyrics(track)).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(provider.outage().warnings()).isEqualTo(1);
        assertThat(store.calls()).doesNotContain("KeyValueStore.put");
    }

    @Test
    void aServerHostThePluginDidNotDeclareIsRefusedBeforeAnythingIsSent() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, null);
        TestPluginHttp declaredOnly = shipped.http();
        LrclibLyricsProvider provider = new LrclibLyricsProvider(declaredOnly, store, enabled(), clock,
            Duration.ofSeconds(2));

        assertThat(provider.lyrics(track)).isEmpty();
        assertThat(provider.lyrics(track)).isEmpty();

        assertThat(lrclib.requests()).isEmpty();
        assertThat(provider.outage().warnings()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotAnLrclibRecordIsAnOutageNotAnException() throws Exception {
        lrclib.failWith(200);
        LrclibLyricsProvider provider = provider(enabled());

        assertThat(provider.lyrics(track)).isEmpty();
        assertThat(provider.outage().warnings()).isEqualTo(1);
        assertThat(store.calls()).doesNotContain("KeyValueStore.put");
    }

    @Test
    void aFailingStoreOnlyCostsTheCache() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, null);
        LrclibLyricsProvider provider = provider(enabled());

        store.unavailable(true);
        assertThat(provider.lyrics(track)).hasSize(1);
        assertThat(provider.lyrics(track)).hasSize(1);

        assertThat(lrclib.requests()).hasSize(2);
    }

    @Test
    void aConfigurationChangeAppliesInPlace() throws Exception {
        lrclib.add("Bastille", "Pompeii", "Bad Blood", 214, PLAIN, null);
        LrclibLyricsProvider provider = provider(Configs.defaults());
        assertThat(provider.lyrics(track)).isEmpty();

        provider.modified(enabled());
        assertThat(provider.lyrics(track)).hasSize(1);

        provider.modified(enabled("lrclibUrl", "not a url"));
        assertThat(provider.lyrics(numbered(1))).isEmpty();

        try (FakeLrclib other = FakeLrclib.start()) {
            other.add("Bastille", "Pompeii", "Bad Blood", 214, null, SYNCED);
            provider.modified(enabled("lrclibUrl", other.url() + "/"));

            assertThat(provider.lyrics(track)).singleElement().extracting(Lyrics::synced).isEqualTo(true);
            assertThat(other.requests()).extracting(Request::path).containsExactly("/api/get");
        }
        assertThat(provider.source()).isEqualTo("lrclib");
    }
}
