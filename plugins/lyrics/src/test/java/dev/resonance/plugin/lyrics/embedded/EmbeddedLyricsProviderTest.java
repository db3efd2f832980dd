package dev.resonance.plugin.lyrics.embedded;

import static dev.resonance.plugin.lyrics.formats.FrameBytes.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.EmbeddedLyrics.Kind;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.WordCue;
import dev.resonance.plugin.lyrics.testing.Configs;
import dev.resonance.plugin.testkit.PluginHarness;
import dev.resonance.plugin.testkit.TestCatalog;
import dev.resonance.plugin.testkit.Tracks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedLyricsProviderTest {

    private static final int UTF8 = 3;
    private static final int ISO = 0;
    private static final int MILLISECONDS = 2;
    private static final int LYRICS = 1;

    private final TestCatalog catalog = PluginHarness.load().catalog();
    private final EmbeddedLyricsProvider provider = new EmbeddedLyricsProvider(catalog, Configs.defaults());

    /** A track whose file carries these lyrics, in the catalog as the scanner leaves it: hasLyrics when it has any. */
    private TrackInfo track(long id, EmbeddedLyrics... lyrics) {
        TrackInfo track = catalog.add(Tracks.track(id, "Title " + id, "Artist " + id).hasLyrics(lyrics.length > 0)
            .build());
        for (EmbeddedLyrics embedded : lyrics) {
            catalog.addEmbeddedLyrics(id, embedded);
        }
        return track;
    }

    private static EmbeddedLyrics text(Kind kind, String language, String text) {
        return new EmbeddedLyrics(kind, language, "", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void usltHoldingLrcIsSyncedInTheFramesLanguage() {
        TrackInfo track = track(1,
            text(Kind.ID3_USLT, "ENG", "[ar:Someone]\n[00:01.50]First line\n[00:04.00]Second line\n"));

        List<Lyrics> lyrics = provider.lyrics(track);

        assertThat(lyrics).singleElement().satisfies(l -> {
            assertThat(l.synced()).isTrue();
            assertThat(l.lang()).isEqualTo("eng");
            assertThat(l.displayArtist()).hasValue("Someone");
            assertThat(l.lines()).containsExactly(LyricLine.timed(1_500, "First line"),
                LyricLine.timed(4_000, "Second line"));
        });
    }

    @Test
    void usltPlainTextIsUnsyncedAndTheLrcLanguageTagWinsOverTheFrames() {
        TrackInfo plain = track(1, text(Kind.ID3_USLT, "deu", "Erste Zeile\r\nZweite Zeile"));
        TrackInfo tagged = track(2, text(Kind.ID3_USLT, "eng", "[la:fr]\n[00:01.00]Bonjour"));

        assertThat(provider.lyrics(plain)).singleElement().satisfies(l -> {
            assertThat(l.synced()).isFalse();
            assertThat(l.lang()).isEqualTo("deu");
            assertThat(l.lines()).extracting(LyricLine::text).containsExactly("Erste Zeile", "Zweite Zeile");
        });
        assertThat(provider.lyrics(tagged)).singleElement().extracting(Lyrics::lang).isEqualTo("fr");
    }

    @Test
    void syltFrameBodyIsDecodedWithItsSyllablesAsWordCues() {
        byte[] body = frame().bytes(UTF8).iso("jpn").bytes(MILLISECONDS, LYRICS).bytes(0)
            .utf8("さく").bytes(0).stamp(1_000)
            .utf8("ら").bytes(0).stamp(1_400)
            .utf8("\nはな").bytes(0).stamp(3_000).build();
        TrackInfo track = track(1, new EmbeddedLyrics(Kind.ID3_SYLT, "jpn", "", body));

        Lyrics lyrics = provider.lyrics(track).get(0);

        assertThat(lyrics.synced()).isTrue();
        assertThat(lyrics.lang()).isEqualTo("jpn");
        assertThat(lyrics.lines()).extracting(LyricLine::text).containsExactly("さくら", "はな");
        assertThat(lyrics.lines().get(0).cues()).containsExactly(new WordCue(1_000, "さく"), new WordCue(1_400, "ら"));
    }

    @Test
    void syltWithAnUnknownLanguageTakesNoneFromTheRecordEither() {
        byte[] body = frame().bytes(ISO).iso("XXX").bytes(MILLISECONDS, LYRICS).bytes(0)
            .iso("line").bytes(0).stamp(500).build();
        TrackInfo track = track(1, new EmbeddedLyrics(Kind.ID3_SYLT, "XXX", "", body));

        assertThat(provider.lyrics(track)).singleElement().extracting(Lyrics::lang).isEqualTo(Lyrics.UNKNOWN_LANGUAGE);
    }

    @Test
    void vorbisAndMp4TextAreReadLikeUsltWithoutALanguage() {
        TrackInfo track = track(1,
            text(Kind.VORBIS_LYRICS, "", "[00:02.00]Timed"),
            text(Kind.VORBIS_UNSYNCEDLYRICS, "", "Untimed"),
            text(Kind.MP4_LYR, "12x", "\uFEFFFrom MP4"));

        List<Lyrics> lyrics = provider.lyrics(track);

        assertThat(lyrics).extracting(Lyrics::synced).containsExactly(true, false, false);
        assertThat(lyrics).extracting(Lyrics::lang).containsOnly(Lyrics.UNKNOWN_LANGUAGE);
        assertThat(lyrics).extracting(Lyrics::plainText).containsExactly("Timed", "Untimed", "From MP4");
    }

    @Test
    void aBrokenOrEmptyTagGivesNothingAndTheOthersStillCount() {
        byte[] truncatedHeader = frame().bytes(UTF8).iso("en").build();
        byte[] undefinedTimeFormat = frame().bytes(UTF8).iso("eng").bytes(7, LYRICS).bytes(0).build();
        TrackInfo track = track(1,
            new EmbeddedLyrics(Kind.ID3_SYLT, "eng", "", truncatedHeader),
            new EmbeddedLyrics(Kind.ID3_SYLT, "eng", "", undefinedTimeFormat),
            text(Kind.ID3_USLT, "eng", "[ti:only a header]\n\n"),
            text(Kind.VORBIS_LYRICS, "", "   \n  "),
            text(Kind.MP4_LYR, "", "The one that counts"));

        assertThat(provider.lyrics(track)).extracting(Lyrics::plainText).containsExactly("The one that counts");
    }

    @Test
    void theSameLyricsInTwoTagsAreAnsweredOnce() {
        TrackInfo track = track(1,
            text(Kind.VORBIS_LYRICS, "", "[00:01.00]Same"),
            text(Kind.VORBIS_UNSYNCEDLYRICS, "", "[00:01.00]Same"));

        assertThat(provider.lyrics(track)).hasSize(1);
    }

    @Test
    void aTrackWithoutEmbeddedLyricsIsAnsweredWithoutAskingTheCatalog() {
        TrackInfo track = track(1);

        assertThat(provider.lyrics(track)).isEmpty();
        assertThat(catalog.calls()).isEmpty();
    }

    @Test
    void switchedOffItAnswersNothingUntilSwitchedOnAgain() {
        TrackInfo track = track(1, text(Kind.ID3_USLT, "eng", "Words"));

        provider.modified(Configs.lyrics(Map.of("embeddedEnabled", false)));
        assertThat(provider.lyrics(track)).isEmpty();

        provider.modified(Configs.defaults());
        assertThat(provider.lyrics(track)).hasSize(1);
        assertThat(provider.source()).isEqualTo("embedded");
    }
}
