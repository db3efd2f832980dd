package dev.resonance.api.lyrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LyricsTest {

    private static Lyrics synced(long offset, LyricLine... lines) {
        return new Lyrics("en", true, offset, Optional.empty(), Optional.empty(), List.of(lines));
    }

    @Test
    void syncedLyricsNeedAStartOnEveryLine() {
        assertThatThrownBy(() -> synced(0, LyricLine.timed(0, "a"), LyricLine.plain("b")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every line");
    }

    @Test
    void unsyncedLyricsCannotHaveStarts() {
        assertThatThrownBy(() -> new Lyrics("xxx", false, 0, Optional.empty(), Optional.empty(),
            List.of(LyricLine.timed(5, "a")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void syncedLinesMustBeInTimeOrderButEqualTimesAreFine() {
        assertThatThrownBy(() -> synced(0, LyricLine.timed(10, "a"), LyricLine.timed(5, "b")))
            .hasMessageContaining("time order");
        assertThat(synced(0, LyricLine.timed(5, "a"), LyricLine.timed(5, "b")).lines()).hasSize(2);
    }

    @Test
    void negativeTimesAreRejected() {
        assertThatThrownBy(() -> LyricLine.timed(-1, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WordCue(-1, "a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void languageIsALowerCaseIsoCodeOrXxx() {
        assertThat(Lyrics.language("EN")).isEqualTo("en");
        assertThat(Lyrics.language(" eng ")).isEqualTo("eng");
        assertThat(Lyrics.language("XXX")).isEqualTo("xxx");
        assertThat(Lyrics.language("english")).isEqualTo("xxx");
        assertThat(Lyrics.language("\0\0\0")).isEqualTo("xxx");
        assertThat(Lyrics.language(null)).isEqualTo("xxx");
        assertThat(Lyrics.plain(List.of()).withLang("e1").lang()).isEqualTo("xxx");
        assertThatThrownBy(() -> new Lyrics("EN", false, 0, Optional.empty(), Optional.empty(), List.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void positiveOffsetAppliedShowsLinesAndCuesSoonerClampedAtZero() {
        LyricLine first = new LyricLine(OptionalLong.of(100), "hello world",
            List.of(new WordCue(100, OptionalLong.of(300), "hello "), new WordCue(600, "world")));
        Lyrics applied = synced(500, first, LyricLine.timed(2_000, "next")).withOffsetApplied();

        assertThat(applied.offsetMs()).isZero();
        assertThat(applied.lines().get(0).startMs()).hasValue(0);
        assertThat(applied.lines().get(0).cues()).containsExactly(
            new WordCue(0, OptionalLong.of(0), "hello "), new WordCue(100, "world"));
        assertThat(applied.lines().get(1).startMs()).hasValue(1_500);
    }

    @Test
    void negativeOffsetAppliedShowsLinesLater() {
        Lyrics applied = synced(-250, LyricLine.timed(1_000, "a")).withOffsetApplied();
        assertThat(applied.lines().get(0).startMs()).hasValue(1_250);
    }

    @Test
    void unsyncedLyricsIgnoreTheOffsetWhenApplied() {
        Lyrics plain = new Lyrics("xxx", false, 300, Optional.empty(), Optional.empty(), List.of(LyricLine.plain("a")));
        assertThat(plain.withOffsetApplied().lines()).containsExactly(LyricLine.plain("a"));
    }

    @Test
    void plainTextJoinsLinesWithNewlines() {
        assertThat(synced(0, LyricLine.timed(0, "a"), LyricLine.timed(1, ""), LyricLine.timed(2, "b")).plainText())
            .isEqualTo("a\n\nb");
    }

    @Test
    void recordsAreImmutableCopies() {
        var lines = new java.util.ArrayList<>(List.of(LyricLine.plain("a")));
        Lyrics lyrics = Lyrics.plain(lines);
        lines.add(LyricLine.plain("b"));
        assertThat(lyrics.lines()).hasSize(1);
        assertThatThrownBy(() -> lyrics.lines().add(LyricLine.plain("c")))
            .isInstanceOf(UnsupportedOperationException.class);
    }
}
