package dev.resonance.plugin.lyrics;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The plugin's one configuration, Config Admin PID {@value #PID} (the core's {@code PluginDescriptor.pid("lyrics")}),
 * shared by every component of the plugin. Each component reads it at activation and again on every change
 * ({@code @Modified}): switching a source off or on, or changing the LRCLIB settings, never re-registers a service.
 */
@ObjectClassDefinition(name = "Resonance lyrics",
    description = "Where lyrics come from: tags embedded in the tracks, .lrc/.elrc/.txt files next to them, and LRCLIB.")
public @interface LyricsConfig {

    String PID = "resonance.plugin.lyrics";

    @AttributeDefinition(name = "Lyrics embedded in the tracks' tags",
        description = "ID3 USLT and SYLT, Vorbis LYRICS and UNSYNCEDLYRICS, MP4 \u00a9lyr.")
    boolean embeddedEnabled() default true;

    @AttributeDefinition(name = "Sidecar files",
        description = "A .lrc, .elrc or .txt file with the track's base name, next to it.")
    boolean sidecarEnabled() default true;

    @AttributeDefinition(name = "Ask LRCLIB when no local lyrics exist",
        description = "Sends the track's artist, title, album and duration to the LRCLIB server below.")
    boolean lrclibEnabled() default false;

    @AttributeDefinition(name = "LRCLIB server",
        description = "Base URL of an LRCLIB-compatible server. Setting it lets the plugin reach that host (besides "
            + "lrclib.net): its network permission names this setting under hostsFromSettings.")
    String lrclibUrl() default "https://lrclib.net";

    @AttributeDefinition(name = "Keep found lyrics (days)",
        description = "How long an LRCLIB answer with lyrics is reused before asking again. Not found: 1 day.",
        min = "1", max = "365")
    int cacheDays() default 30;

    @AttributeDefinition(name = "LRCLIB requests per minute",
        description = "At most this many requests to LRCLIB from this server in any minute; lookups beyond it "
            + "answer no lyrics at once.", min = "1", max = "600")
    int requestsPerMinute() default 30;
}
