package dev.resonance.impl.stream;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@code resonance.core.stream}; defaults shipped in {@code etc/resonance.core.stream.cfg}. */
@ObjectClassDefinition(name = "Resonance streaming", description = "Transcoding (ffmpeg), its limits and cache, signed stream URLs.")
public @interface StreamConfig {

    String PID = "resonance.core.stream";

    @AttributeDefinition(name = "ffmpeg path", description = "A system ffmpeg to use; empty = the static ffmpeg shipped in the core,"
            + " extracted into the data directory on first start", required = false)
    String ffmpegPath() default "";

    @AttributeDefinition(name = "Concurrent transcodes (whole node)", min = "0", max = "10000",
            description = "0 = 20 per CPU core: a core sustains about 20 realtime opus transcodes with headroom (measured in"
                    + " docs/benchmarks.md, ~40-45 on 2 cores); beyond the limit a listener gets 503 + Retry-After instead of"
                    + " every listener stalling")
    int maxTranscodes() default 0;

    @AttributeDefinition(name = "Concurrent transcodes per user", min = "1", max = "1000")
    int maxTranscodesPerUser() default 4;

    @AttributeDefinition(name = "Transcode cache size (MiB)", description = "Finished whole-track transcodes kept on disk, least recently"
            + " used evicted first; 0 disables the cache", min = "0", max = "10000000")
    int transcodeCacheMb() default 1024;

    @AttributeDefinition(name = "Seconds of audio a transcode may run ahead of the listener",
            description = "After this burst, output is paced to pacingSpeed x realtime (ffmpeg then blocks on its pipe)", min = "0", max = "3600")
    int runAheadSeconds() default 30;

    @AttributeDefinition(name = "Pacing speed after the burst (x realtime)", min = "1", max = "100")
    double pacingSpeed() default 1.5;

    @AttributeDefinition(name = "Opus encoder complexity (0-10)", description = "libopus -compression_level: 10 is its default and"
            + " costs about twice the CPU of 5 for a difference hard to hear at 96 kbit/s and up", min = "0", max = "10")
    int opusComplexity() default 5;

    @AttributeDefinition(name = "Signed stream URLs live for (minutes)", min = "1", max = "10080")
    int signedUrlMinutes() default 360;
}
