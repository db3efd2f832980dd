package dev.resonance.plugin.subsonic.lyrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.plugin.subsonic.testing.Answers;
import dev.resonance.plugin.subsonic.testing.ServedLibrary;
import java.util.List;
import java.util.OptionalLong;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.WordCue;
import org.junit.jupiter.api.Test;

/** getLyricsBySongId as the spec shows it, and the byte ranges of word cues (UTF-8, end inclusive). */
class LyricsMethodsTest extends ServedLibrary {

    @Test
    void theSongsLyricsAreStructuredWithWordsWhenEnhanced() throws Exception {
        JsonNode plain = Answers.json(asAlice("getLyricsBySongId", "id=tr-100&f=json")).path("lyricsList").path("structuredLyrics");
        JsonNode enhanced = Answers.json(asAlice("getLyricsBySongId", "id=tr-100&enhanced=true&f=json")).path("lyricsList")
            .path("structuredLyrics");

        assertThat(plain).hasSize(2);
        JsonNode synced = plain.get(0);
        assertThat(synced.path("lang").asText()).isEqualTo("en");
        assertThat(synced.path("synced").asBoolean()).isTrue();
        assertThat(synced.path("offset").asLong()).isEqualTo(100);
        assertThat(synced.path("displayTitle").asText()).isEqualTo("Help!");
        assertThat(synced.at("/line/0/start").asLong()).isEqualTo(1000);
        assertThat(synced.at("/line/1/value").asText()).isEqualTo("Help, not just anybody");
        assertThat(synced.has("cueLine")).as("no word timing unless enhanced").isFalse();
        assertThat(plain.get(1).at("/line/0").has("start")).isFalse();

        JsonNode words = enhanced.get(0).path("cueLine");
        assertThat(enhanced.get(0).path("kind").asText()).isEqualTo("main");
        assertThat(words).hasSize(1);
        assertThat(words.at("/0/index").asInt()).isZero();
        assertThat(words.at("/0/end").asLong()).as("the next line's start").isEqualTo(3500);
        assertThat(words.at("/0/cue/2/value").asText()).isEqualTo("need");
        assertThat(words.at("/0/cue/2/byteStart").asInt()).isEqualTo(8);
        assertThat(words.at("/0/cue/2/byteEnd").asInt()).isEqualTo(11);
        assertThat(Answers.json(asAlice("getLyricsBySongId", "id=tr-101&f=json")).path("lyricsList").path("structuredLyrics")
            .size()).isZero();
        assertThat(Answers.errorCode(asAlice("getLyricsBySongId", "id=tr-999"))).isEqualTo(70);
    }

    @Test
    void theOldGetLyricsFindsTheSongByTitleAndArtistAndAnswersPlainText() throws Exception {
        JsonNode help = Answers.json(asAlice("getLyrics", "artist=the%20beatles&title=HELP!&f=json")).path("lyrics");

        assertThat(help.path("artist").asText()).isEqualTo("The Beatles");
        assertThat(help.path("title").asText()).isEqualTo("Help!");
        assertThat(help.path("value").asText()).isEqualTo("Help, I need somebody\nHelp, not just anybody");
        assertThat(Answers.json(asAlice("getLyrics", "artist=Bj%C3%B6rk&title=Help!&f=json")).path("lyrics").has("value"))
            .as("another artist's song of that title has none").isFalse();
        assertThat(Answers.json(asAlice("getLyrics", "title=Venus%20as%20a%20Boy&f=json")).path("lyrics").has("value"))
            .as("found, without lyrics").isFalse();
        assertThat(Answers.errorCode(asAlice("getLyrics", ""))).as("nothing asked: an empty answer").isEqualTo(-1);
    }

    @Test
    void wordRangesCountUtf8BytesAndAWordNotInTheLineDropsTheLinesCues() {
        LyricLine korean = new LyricLine(OptionalLong.of(2747), "눈을 뜬 순간", List.of(new WordCue(2747, OptionalLong.of(3018), "눈"),
            new WordCue(3018, OptionalLong.empty(), "을"), new WordCue(3582, OptionalLong.of(4100), "뜬")));
        var node = LyricsMethods.cueLine(0, korean, OptionalLong.empty()).orElseThrow();
        var cues = ((dev.resonance.plugin.subsonic.response.Node.Many) node.content().get("cue")).nodes();
        assertThat(cues).extracting(c -> c.attributes().get("byteStart")).containsExactly(0, 3, 7);
        assertThat(cues).extracting(c -> c.attributes().get("byteEnd")).containsExactly(2, 5, 9);
        assertThat(node.attributes().get("end")).as("its last word's end").isEqualTo(4100L);

        LyricLine mismatched = new LyricLine(OptionalLong.of(0), "one two", List.of(new WordCue(0, "two"), new WordCue(100, "one")));
        assertThat(LyricsMethods.cueLine(0, mismatched, OptionalLong.empty())).isEmpty();
    }
}
