package dev.resonance.plugin.lyrics.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.resonance.plugin.lyrics.formats.LyricsFormats.Format;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import dev.resonance.api.lyrics.WordCue;
import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random text and bytes never make a reader hang or fail with anything but {@link MalformedLyricsException}, and what
 * comes back keeps the model's promises: no negative time (before or after the offset is applied), synced lines in
 * order. The texts are biased towards LRC's own characters so that tags, cues and near-misses are common; the frames
 * get a valid-looking header half of the time so that the entry loop is reached. Deterministic: fixed seed.
 */
class LyricsParsersFuzzTest {

    static final String SEED = "20261203";
    static final int TRIES = 2_000;
    static final Duration HANG = Duration.ofSeconds(5);

    @Provide
    Arbitrary<String> lrcLike() {
        Arbitrary<String> biased = Arbitraries.strings()
            .withChars("[]<>:.+-#0123456789 \t\r\n\uFEFFarti offsetlang é♪")
            .ofMaxLength(400);
        Arbitrary<String> tokens = Arbitraries.of("[00:12.00]", "[01:02]", "[1:2.345]", "[00:12:34]", "<00:12.50>",
                "[offset:+250]", "[offset:-99999]", "[ar:x]", "[la:en]", "[xx:", "]", "[", "<", "\n", "\r\n", "word ",
                "[99:59.999]", "[999999:00]", "<00:00>", "")
            .list().ofMaxSize(40).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(biased, tokens, Arbitraries.strings().ofMaxLength(200));
    }

    @Provide
    Arbitrary<byte[]> frameBodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> headed = random.flatMap(rest -> Arbitraries.integers().between(0, 3)
            .flatMap(encoding -> Arbitraries.integers().between(1, 2).map(format -> {
                byte[] body = new byte[6 + rest.length];
                body[0] = (byte) (int) encoding;
                body[1] = 'e';
                body[2] = 'n';
                body[3] = 'g';
                body[4] = (byte) (int) format;
                body[5] = 1;
                System.arraycopy(rest, 0, body, 6, rest.length);
                return body;
            })));
        return Arbitraries.oneOf(random, headed);
    }

    @Property(tries = TRIES, seed = SEED)
    void lrcTextAlwaysParsesToSaneLyrics(@ForAll("lrcLike") String text) {
        ParsedLyrics parsed = assertTimeoutPreemptively(HANG, () -> LrcParser.parse(text));
        assertSane(parsed);
        assertThat(parsed.lyrics().lines()).allSatisfy(line -> assertThat(line.text()).doesNotContain("\r", "\n"));
        assertSane(PlainTextLyrics.parse(text));
    }

    @Property(tries = TRIES, seed = SEED)
    void bytesOfEveryFormatParseOrFailWithTheDocumentedError(@ForAll("frameBodies") byte[] bytes,
                                                            @ForAll Format format) {
        assertTimeoutPreemptively(HANG, () -> {
            try {
                assertSane(LyricsFormats.parse(format, bytes));
            } catch (MalformedLyricsException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        });
    }

    @Property(tries = TRIES, seed = SEED)
    void syltWithMpegFramesConvertedStaysSane(@ForAll("frameBodies") byte[] bytes) {
        assertTimeoutPreemptively(HANG, () -> {
            try {
                assertSane(SyltDecoder.decode(bytes, Optional.of(frames -> frames * 26 - 1_000)));
            } catch (MalformedLyricsException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        });
    }

    private static void assertSane(ParsedLyrics parsed) {
        assertThat(parsed.ignoredLines()).isNotNegative();
        // the Lyrics constructor has already checked order, lang and start presence; times are checked here
        for (Lyrics lyrics : new Lyrics[] {parsed.lyrics(), parsed.lyrics().withOffsetApplied()}) {
            for (LyricLine line : lyrics.lines()) {
                assertThat(line.startMs().orElse(0)).isNotNegative();
                for (WordCue cue : line.cues()) {
                    assertThat(cue.startMs()).isNotNegative();
                    assertThat(cue.endMs().orElse(0)).isNotNegative();
                }
            }
        }
    }
}
