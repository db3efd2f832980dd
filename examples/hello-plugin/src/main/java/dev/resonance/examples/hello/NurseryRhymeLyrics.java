package dev.resonance.examples.hello;

import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.LyricsProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Lyrics for two public-domain nursery rhymes, matched by title (case and punctuation aside). Ranked below every
 * real source ({@code service.ranking} -100): the core asks providers from the highest ranking down and keeps the
 * first answer. Needs no permission: the core hands it the track.
 */
@Component(service = LyricsProvider.class, property = "service.ranking:Integer=-100")
public final class NurseryRhymeLyrics implements LyricsProvider {

    private static final Map<String, Lyrics> BY_TITLE = Map.of(
        "twinkle twinkle little star", new Lyrics("en", true, 0, Optional.empty(), Optional.empty(), List.of(
            LyricLine.timed(0, "Twinkle, twinkle, little star,"),
            LyricLine.timed(4_000, "How I wonder what you are!"),
            LyricLine.timed(8_000, "Up above the world so high,"),
            LyricLine.timed(12_000, "Like a diamond in the sky."))),
        "row row row your boat", new Lyrics("en", false, 0, Optional.empty(), Optional.empty(), List.of(
            LyricLine.plain("Row, row, row your boat,"),
            LyricLine.plain("Gently down the stream."),
            LyricLine.plain("Merrily, merrily, merrily, merrily,"),
            LyricLine.plain("Life is but a dream."))));

    @Override
    public String source() {
        return "hello";
    }

    @Override
    public List<Lyrics> lyrics(TrackInfo track) {
        Lyrics lyrics = BY_TITLE.get(key(track.title()));
        return lyrics == null ? List.of() : List.of(lyrics);
    }

    private static String key(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
