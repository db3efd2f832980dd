package dev.resonance.plugin.lyrics.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import org.junit.jupiter.api.Test;

class PlainTextLyricsTest {

    @Test
    void everyLineIsAnUnsyncedLineBlankEdgesDropped() {
        Lyrics lyrics = PlainTextLyrics.parse("\uFEFF\n\n  First  \r\n\r\nSecond\rThird\n\n").lyrics();
        assertThat(lyrics.synced()).isFalse();
        assertThat(lyrics.lang()).isEqualTo("xxx");
        assertThat(lyrics.lines()).extracting(LyricLine::text).containsExactly("  First", "", "Second", "Third");
    }

    @Test
    void timeTagsInATxtFileAreJustText() {
        assertThat(PlainTextLyrics.parse("[00:01.00]a").lyrics().lines()).containsExactly(LyricLine.plain("[00:01.00]a"));
    }
}
