package dev.resonance.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.testkit.PluginHarness;
import dev.resonance.plugin.testkit.Tracks;
import java.util.List;
import org.junit.jupiter.api.Test;

class NurseryRhymeLyricsTest {

    private final PluginHarness plugin = PluginHarness.load();
    private final NurseryRhymeLyrics provider = new NurseryRhymeLyrics();

    @Test
    void knowsTheWordsOfATitleWhateverItsCaseAndPunctuation() throws Exception {
        List<Lyrics> found = plugin.call(() ->
            provider.lyrics(Tracks.track(1, "TWINKLE TWINKLE - Little Star!", "Traditional").build()));

        assertEquals(1, found.size());
        assertTrue(found.get(0).synced());
        assertEquals("Twinkle, twinkle, little star,", found.get(0).lines().get(0).text());
    }

    @Test
    void hasNothingForOtherTracks() throws Exception {
        assertEquals(List.of(), plugin.call(() -> provider.lyrics(Tracks.track(2, "Dancing Queen", "ABBA").build())));
    }
}
