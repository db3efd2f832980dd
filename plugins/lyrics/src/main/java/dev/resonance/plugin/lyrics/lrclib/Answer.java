package dev.resonance.plugin.lyrics.lrclib;

import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.formats.LrcParser;
import dev.resonance.plugin.lyrics.formats.PlainTextLyrics;
import dev.resonance.plugin.lyrics.model.ParsedLyrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What LRCLIB answered for one track, reduced to what the plugin serves and caches: synced lyrics (LRC) when the
 * record has usable ones, else its plain lyrics, else nothing.
 *
 * <p><b>Instrumental.</b> A record marked {@code instrumental:true} is an answer of "no lyrics" (cached like a hit):
 * the structuredLyrics model has no instrumental flag, and an empty answer lets a lower-ranked source or the client
 * say "no lyrics"; an "[instrumental]" placeholder line would be shown as if it were sung.
 *
 * @param text the LRC or plain text; empty for {@link Kind#NONE} and {@link Kind#NOT_FOUND}
 */
record Answer(Kind kind, String text) {

    enum Kind {
        /** Synced lyrics, LRC text. */
        SYNCED,
        /** Plain lyrics only. */
        PLAIN,
        /** LRCLIB has the track, without lyrics (instrumental, or a record with none). */
        NONE,
        /** LRCLIB does not know the track (404 TrackNotFound). */
        NOT_FOUND
    }

    static final Answer NOT_FOUND = new Answer(Kind.NOT_FOUND, "");

    Answer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    static Answer of(LrclibRecord record) {
        if (record.instrumental()) {
            return new Answer(Kind.NONE, "");
        }
        Optional<String> synced = record.syncedLyrics().filter(lrc -> {
            ParsedLyrics parsed = LrcParser.parse(lrc);
            return parsed.lyrics().synced() && parsed.hasText();
        });
        if (synced.isPresent()) {
            return new Answer(Kind.SYNCED, synced.get());
        }
        return record.plainLyrics().filter(plain -> !plain.isBlank())
            .map(plain -> new Answer(Kind.PLAIN, plain))
            .orElse(new Answer(Kind.NONE, ""));
    }

    /** Whether LRCLIB has the track (with or without lyrics): such answers are kept longer than a not-found. */
    boolean found() {
        return kind != Kind.NOT_FOUND;
    }

    List<Lyrics> lyrics() {
        ParsedLyrics parsed = switch (kind) {
            case SYNCED -> LrcParser.parse(text);
            case PLAIN -> PlainTextLyrics.parse(text);
            case NONE, NOT_FOUND -> null;
        };
        return parsed != null && parsed.hasText() ? List.of(parsed.lyrics()) : List.of();
    }

    /** As stored in the cache: the kind's name, a line feed, the text (UTF-8). */
    byte[] encode() {
        return (kind.name() + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }

    /** A cached answer; empty when the bytes are not one {@link #encode()} wrote (then LRCLIB is asked again). */
    static Optional<Answer> decode(byte[] bytes) {
        String stored = new String(bytes, StandardCharsets.UTF_8);
        int newline = stored.indexOf('\n');
        if (newline < 0) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.name().equals(stored.substring(0, newline))) {
                return Optional.of(new Answer(kind, stored.substring(newline + 1)));
            }
        }
        return Optional.empty();
    }
}
