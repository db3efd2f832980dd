package dev.resonance.api.lyrics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One set of lyrics for a track, shaped like OpenSubsonic's {@code structuredLyrics} entry
 * ({@code lang, synced, displayArtist?, displayTitle?, offset?, line[]}). A track may have several (languages,
 * translations, an embedded and a sidecar copy).
 *
 * <p><b>Offset.</b> {@code offsetMs} is carried, not applied: line and cue times are the ones written in the source,
 * and the offset travels next to them, exactly as OpenSubsonic defines it and as LRC's {@code [offset:±ms]} means it —
 * a <em>positive</em> offset shows the lyrics <em>sooner</em> (display time = start − offset). A consumer that wants
 * final times calls {@link #withOffsetApplied()}, which clamps at 0.
 *
 * <p>Invariants: {@code lang} is a lower-case ISO 639 code of 2 or 3 letters, or {@code "xxx"} when unknown (the value
 * OpenSubsonic uses); synced lyrics have a start on every line, unsynced lyrics on none; synced lines are in
 * non-decreasing time order.
 *
 * @param lang ISO 639 code or {@value #UNKNOWN_LANGUAGE}
 * @param synced whether every line has a start time
 * @param offsetMs milliseconds to show the lyrics sooner (negative: later); 0 when the source had none
 * @param displayArtist the artist the lyrics name (LRC {@code [ar:]}), when given
 * @param displayTitle the title the lyrics name (LRC {@code [ti:]}), when given
 * @param lines the lines in display order
 */
public record Lyrics(String lang, boolean synced, long offsetMs, Optional<String> displayArtist,
                     Optional<String> displayTitle, List<LyricLine> lines) {

    /** OpenSubsonic's (and ID3's) language code for "unknown". */
    public static final String UNKNOWN_LANGUAGE = "xxx";

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    public Lyrics {
        Objects.requireNonNull(lang, "lang");
        if (!LANGUAGE.matcher(lang).matches()) {
            throw new IllegalArgumentException("not a lower-case ISO 639 code: " + lang);
        }
        Objects.requireNonNull(displayArtist, "displayArtist");
        Objects.requireNonNull(displayTitle, "displayTitle");
        lines = List.copyOf(lines);
        long previous = 0;
        for (LyricLine line : lines) {
            if (line.startMs().isPresent() != synced) {
                throw new IllegalArgumentException(synced
                    ? "synced lyrics need a start time on every line" : "unsynced lyrics cannot have start times");
            }
            if (synced) {
                if (line.startMs().getAsLong() < previous) {
                    throw new IllegalArgumentException("synced lines must be in time order");
                }
                previous = line.startMs().getAsLong();
            }
        }
    }

    /**
     * A language code as found in a file ({@code [la:EN]}, ID3 {@code "eng"}, {@code "XXX"}) made valid: lower case
     * when it is 2 or 3 ASCII letters, {@value #UNKNOWN_LANGUAGE} otherwise.
     */
    public static String language(String code) {
        if (code == null) {
            return UNKNOWN_LANGUAGE;
        }
        String lower = code.strip().toLowerCase(Locale.ROOT);
        return LANGUAGE.matcher(lower).matches() ? lower : UNKNOWN_LANGUAGE;
    }

    /** Unsynced lyrics in an unknown language, no offset, no display names. */
    public static Lyrics plain(List<LyricLine> lines) {
        return new Lyrics(UNKNOWN_LANGUAGE, false, 0, Optional.empty(), Optional.empty(), lines);
    }

    /** The same lyrics with another language code (made valid by {@link #language(String)}). */
    public Lyrics withLang(String code) {
        return new Lyrics(language(code), synced, offsetMs, displayArtist, displayTitle, lines);
    }

    /**
     * The same lyrics with the offset folded into the times and {@code offsetMs} 0: every start and cue moves
     * {@code offsetMs} earlier (later when negative), clamped at 0 so nothing starts before the track. Order is kept
     * (a shift plus a clamp is monotonic).
     */
    public Lyrics withOffsetApplied() {
        if (offsetMs == 0) {
            return this;
        }
        return new Lyrics(lang, synced, 0, displayArtist, displayTitle,
            lines.stream().map(line -> line.shiftedEarlier(offsetMs)).toList());
    }

    /** The lines' texts joined by {@code \n}: what a client without lyrics support shows (Subsonic {@code getLyrics}). */
    public String plainText() {
        return String.join("\n", lines.stream().map(LyricLine::text).toList());
    }
}
