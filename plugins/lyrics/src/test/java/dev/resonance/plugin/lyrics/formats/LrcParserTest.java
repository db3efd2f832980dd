package dev.resonance.plugin.lyrics.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import dev.resonance.api.lyrics.WordCue;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LrcParserTest {

    private static Lyrics lyrics(String text) {
        return LrcParser.parse(text).lyrics();
    }

    @Test
    void timedLinesBecomeSyncedLyrics() {
        Lyrics lyrics = lyrics("[00:12.00]Hello\n[00:15.50]world\n");
        assertThat(lyrics.synced()).isTrue();
        assertThat(lyrics.lines()).containsExactly(LyricLine.timed(12_000, "Hello"), LyricLine.timed(15_500, "world"));
    }

    @ParameterizedTest(name = "[{0}] is {1} ms")
    @CsvSource({
        "00:12, 12000", "00:12.5, 12500", "00:12.05, 12050", "00:12.345, 12345", "00:12:34, 12340",
        "01:02.03, 62030", "75:00.00, 4500000", "123:59.99, 7439990", "0:07.1, 7100", "00:7.25, 7250",
    })
    void timeTagVariants(String tag, long millis) {
        assertThat(lyrics("[" + tag + "]line").lines()).containsExactly(LyricLine.timed(millis, "line"));
    }

    @Test
    void severalTimeTagsRepeatTheLineAndAllLinesAreSortedByTime() {
        Lyrics lyrics = lyrics("""
            [00:12.00][00:45.50]chorus
            [00:20.00]verse
            """);
        assertThat(lyrics.lines()).containsExactly(LyricLine.timed(12_000, "chorus"), LyricLine.timed(20_000, "verse"),
            LyricLine.timed(45_500, "chorus"));
    }

    @Test
    void sortingIsStableForEqualTimes() {
        Lyrics lyrics = lyrics("[00:05.00]second\n[00:01.00]first\n[00:05.00]third\n[00:05.00]fourth");
        assertThat(lyrics.lines()).extracting(LyricLine::text).containsExactly("first", "second", "third", "fourth");
    }

    @Test
    void secondsAbove59AreNotATimeTag() {
        ParsedLyrics parsed = LrcParser.parse("[00:01.00]ok\n[00:75.00]bad");
        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.timed(1_000, "ok"));
        assertThat(parsed.ignoredLines()).isEqualTo(1);
    }

    @Test
    void headersFillTheDisplayFieldsLanguageAndTags() {
        ParsedLyrics parsed = LrcParser.parse("""
            [ar: Daft Punk ]
            [ti:One More Time]
            [al:Discovery]
            [by:someone]
            [length: 05:20]
            [la:EN]
            [00:01.00]One more time
            """);
        Lyrics lyrics = parsed.lyrics();
        assertThat(lyrics.displayArtist()).hasValue("Daft Punk");
        assertThat(lyrics.displayTitle()).hasValue("One More Time");
        assertThat(lyrics.lang()).isEqualTo("en");
        assertThat(parsed.tags()).containsEntry("al", "Discovery").containsEntry("by", "someone")
            .containsEntry("length", "05:20");
        assertThat(parsed.ignoredLines()).isZero();
    }

    @Test
    void langHeaderIsAnAliasOfLa() {
        assertThat(lyrics("[lang:deu]\n[00:01]x").lang()).isEqualTo("deu");
        assertThat(lyrics("[00:01]x").lang()).isEqualTo(Lyrics.UNKNOWN_LANGUAGE);
        assertThat(lyrics("[la:not a code]\n[00:01]x").lang()).isEqualTo(Lyrics.UNKNOWN_LANGUAGE);
    }

    @ParameterizedTest
    @CsvSource({"+250, 250", "-120, -120", "300, 300", "' +40 ', 40"})
    void offsetIsCarriedNotApplied(String value, long offset) {
        Lyrics lyrics = lyrics("[offset:" + value + "]\n[00:01.00]a");
        assertThat(lyrics.offsetMs()).isEqualTo(offset);
        assertThat(lyrics.lines().get(0).startMs()).hasValue(1_000);
    }

    @Test
    void malformedOffsetIsIgnoredAndCounted() {
        ParsedLyrics parsed = LrcParser.parse("[offset:soon]\n[00:01.00]a");
        assertThat(parsed.lyrics().offsetMs()).isZero();
        assertThat(parsed.ignoredLines()).isEqualTo(1);
    }

    @Test
    void unknownTagsAndGarbageAreIgnoredAndCountedCommentsAreNot() {
        ParsedLyrics parsed = LrcParser.parse("""
            [re:writer]
            [xyz:unknown]
            [#:a comment]
            garbage without a tag
            [00:01.00]kept
            [00:xx.00]broken tag
            """);
        assertThat(parsed.lyrics().lines()).containsExactly(LyricLine.timed(1_000, "kept"));
        assertThat(parsed.ignoredLines()).isEqualTo(3);
        assertThat(parsed.warnings()).singleElement().asString().contains("2 line(s) without a time tag");
    }

    @Test
    void blankTimedLinesAreKeptAsInstrumentalGaps() {
        assertThat(lyrics("[00:01.00]a\n[00:05.00]\n[00:09.00]   \n[00:10.00]b").lines()).containsExactly(
            LyricLine.timed(1_000, "a"), LyricLine.timed(5_000, ""), LyricLine.timed(9_000, ""),
            LyricLine.timed(10_000, "b"));
    }

    @Test
    void bomCrLfCrAndTrailingWhitespaceAreForgiven() {
        Lyrics lyrics = lyrics("\uFEFF[00:01.00]a  \r\n[00:02.00] b\t\r[00:03.00]c\r\n");
        assertThat(lyrics.lines()).containsExactly(LyricLine.timed(1_000, "a"), LyricLine.timed(2_000, "b"),
            LyricLine.timed(3_000, "c"));
    }

    @Test
    void wordTimingsBecomeCuesWithATrailingTagAsTheLastWordsEnd() {
        LyricLine line = lyrics("[00:12.00]<00:12.00>Hello <00:12.50>big <00:13.00>world<00:14.25>").lines().get(0);
        assertThat(line.startMs()).hasValue(12_000);
        assertThat(line.text()).isEqualTo("Hello big world");
        assertThat(line.cues()).containsExactly(new WordCue(12_000, "Hello "), new WordCue(12_500, "big "),
            new WordCue(13_000, OptionalLong.of(14_250), "world"));
    }

    @Test
    void textBeforeTheFirstWordTimingIsTextWithoutACue() {
        LyricLine line = lyrics("[00:01.00]v1: <00:01.50>la").lines().get(0);
        assertThat(line.text()).isEqualTo("v1: la");
        assertThat(line.cues()).containsExactly(new WordCue(1_500, "la"));
    }

    @Test
    void repeatedLinesShareTheirWordCues() {
        Lyrics lyrics = lyrics("[00:01.00][00:09.00]<00:01.00>la <00:01.20>la");
        assertThat(lyrics.lines()).hasSize(2);
        assertThat(lyrics.lines().get(1).cues()).hasSize(2);
    }

    @Test
    void textWithoutTimeTagsIsUnsyncedPlainLines() {
        ParsedLyrics parsed = LrcParser.parse("""
            [ar:Someone]

            First line
            [Chorus]

            Second stanza
            """);
        Lyrics lyrics = parsed.lyrics();
        assertThat(lyrics.synced()).isFalse();
        assertThat(lyrics.displayArtist()).hasValue("Someone");
        assertThat(lyrics.lines()).extracting(LyricLine::text)
            .containsExactly("First line", "[Chorus]", "", "Second stanza");
        assertThat(parsed.ignoredLines()).isZero();
    }

    @Test
    void emptyInputIsEmptyUnsyncedLyrics() {
        assertThat(lyrics("")).isEqualTo(Lyrics.plain(List.of()));
        assertThat(lyrics("\uFEFF\r\n\n")).isEqualTo(Lyrics.plain(List.of()));
    }

    @Test
    void anUnclosedBracketIsText() {
        assertThat(lyrics("[00:01.00\nhello").lines()).extracting(LyricLine::text)
            .containsExactly("[00:01.00", "hello");
    }
}
