package dev.resonance.plugin.lyrics.lrclib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.plugin.testkit.TestClock;
import dev.resonance.plugin.testkit.Tracks;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small pieces of the lrclib source: request URI, cache key and value, request budget, base URL. */
class LrclibPartsTest {

    private static final URI LRCLIB = URI.create("https://lrclib.net");

    @Test
    void theRequestUriEncodesSpacesAsPercent20AndRoundsTheDuration() {
        LookupKey key = LookupKey.of(Tracks.track(1, "Back in Black", " AC/DC ").album(1, "Back in Black", " AC/DC ")
            .durationMs(255_500).build()).orElseThrow();

        assertThat(LrclibClient.uri(URI.create("https://lrclib.net/"), key)).hasToString(
            "https://lrclib.net/api/get?track_name=Back%20in%20Black&artist_name=AC%2FDC&album_name=Back%20in%20Black"
                + "&duration=256");
    }

    @Test
    void aServerUnderAPathKeepsItsPath() {
        LookupKey key = LookupKey.of(Tracks.track(1, "T", "A").durationMs(1_000).build()).orElseThrow();

        assertThat(LrclibClient.uri(URI.create("http://mirror.example/lrclib"), key))
            .hasToString("http://mirror.example/lrclib/api/get?track_name=T&artist_name=A&duration=1");
    }

    @Test
    void cacheKeysAreFixedLengthAndDifferByServerAndDuration() {
        Tracks track = Tracks.track(1, "T", "A".repeat(2_000)).album(1, "Al", "A");
        LookupKey key = LookupKey.of(track.durationMs(100_000).build()).orElseThrow();
        LookupKey longer = LookupKey.of(track.durationMs(103_000).build()).orElseThrow();

        assertThat(key.cacheKey(LRCLIB)).hasSize("lrclib/".length() + 64).startsWith("lrclib/");
        assertThat(key.cacheKey(LRCLIB)).isNotEqualTo(key.cacheKey(URI.create("http://mirror.example")))
            .isNotEqualTo(longer.cacheKey(LRCLIB));
    }

    @Test
    void cachedAnswersRoundTripAndForeignBytesAreIgnored() {
        Answer synced = new Answer(Answer.Kind.SYNCED, "[00:01.00]a\nb");

        assertThat(Answer.decode(synced.encode())).hasValue(synced);
        assertThat(Answer.decode(Answer.NOT_FOUND.encode())).hasValue(Answer.NOT_FOUND);
        assertThat(Answer.decode("garbage".getBytes())).isEmpty();
        assertThat(Answer.decode("LOUD\ntext".getBytes())).isEmpty();
    }

    @Test
    void syncedLyricsWithoutTimeTagsFallBackToPlain() {
        LrclibRecord record = new LrclibRecord(1, "T", "A", "Al", 100, false, Optional.of("plain"),
            Optional.of("no tags here"));

        assertThat(Answer.of(record)).isEqualTo(new Answer(Answer.Kind.PLAIN, "plain"));
        assertThat(Answer.of(new LrclibRecord(1, "T", "A", "Al", 100, false, Optional.of(" "), Optional.empty())))
            .isEqualTo(new Answer(Answer.Kind.NONE, ""));
    }

    @Test
    void theBudgetIsASlidingMinuteAndANewLimitAppliesAtOnce() {
        TestClock clock = new TestClock();
        RequestBudget budget = new RequestBudget(2, clock);

        assertThat(budget.tryAcquire()).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        budget.limit(3);
        assertThat(budget.tryAcquire()).isTrue();
        budget.limit(1);
        clock.advance(Duration.ofSeconds(45));
        assertThat(budget.tryAcquire()).isFalse();
    }

    @Test
    void onlyAbsoluteHttpUrlsAreServers() {
        assertThat(LrclibLyricsProvider.server(" https://lrclib.net ")).hasValue(LRCLIB);
        assertThat(LrclibLyricsProvider.server("http://10.0.0.5:3000/base")).isPresent();
        assertThat(LrclibLyricsProvider.server("lrclib.net")).isEmpty();
        assertThat(LrclibLyricsProvider.server("ftp://lrclib.net")).isEmpty();
        assertThat(LrclibLyricsProvider.server("https://lrclib.net/?x=1")).isEmpty();
        assertThat(LrclibLyricsProvider.server("not a url")).isEmpty();
    }
}
