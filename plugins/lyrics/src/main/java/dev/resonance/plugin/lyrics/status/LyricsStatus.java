package dev.resonance.plugin.lyrics.status;

import java.util.List;

/**
 * What {@code GET /api/plugins/lyrics/status} answers (serialised by the core's JSON mapping):
 * <pre>{@code
 * {"plugin":"lyrics","version":"1.0.0","sources":[{"source":"embedded","ranking":300,"enabled":true}, ...],
 *  "lrclib":{"url":"https://lrclib.net","requestsPerMinute":30,"cacheDays":30},"cache":{"usedBytes":2048}}
 * }</pre>
 *
 * @param plugin the plugin's id
 * @param version the plugin's version (its Bundle-Version)
 * @param sources every source, in the order the core asks them (highest ranking first)
 * @param lrclib the LRCLIB settings
 * @param cache the LRCLIB answer cache
 */
public record LyricsStatus(String plugin, String version, List<Source> sources, Lrclib lrclib, Cache cache) {

    public LyricsStatus {
        sources = List.copyOf(sources);
    }

    /** One lyrics source: its label, its service ranking and whether it is switched on. */
    public record Source(String source, int ranking, boolean enabled) {
    }

    /** Where LRCLIB is asked and how politely. */
    public record Lrclib(String url, int requestsPerMinute, int cacheDays) {
    }

    /**
     * The plugin's key-value store, which holds only LRCLIB answers. The store counts bytes, not entries: an answer
     * takes about as many bytes as its lyrics plus 80.
     */
    public record Cache(long usedBytes) {
    }
}
