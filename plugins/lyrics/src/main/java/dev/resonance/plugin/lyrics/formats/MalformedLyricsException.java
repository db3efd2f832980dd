package dev.resonance.plugin.lyrics.formats;

/**
 * The only exception a lyrics reader throws for bad input: the source cannot be read as lyrics at all (as opposed to
 * a few bad lines, which are skipped and counted in {@link dev.resonance.plugin.lyrics.model.ParsedLyrics}). The
 * message names what is wrong and where, for a scan log.
 */
public final class MalformedLyricsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedLyricsException(String message) {
        super(message);
    }
}
