package dev.resonance.impl.stream.transcode;

import java.util.Objects;

/**
 * One transcode to run: a format, a bitrate inside the format's range and a start offset in milliseconds. Only
 * typed values: this is what {@link FfmpegCommand} turns into arguments.
 */
public record Transcode(TranscodeFormat format, int bitrateKbps, long offsetMillis) {

    public Transcode {
        Objects.requireNonNull(format, "format");
        if (bitrateKbps < format.minKbps() || bitrateKbps > format.maxKbps()) {
            throw new IllegalArgumentException("bitrate " + bitrateKbps + " outside " + format.minKbps() + "-" + format.maxKbps());
        }
        if (offsetMillis < 0) {
            throw new IllegalArgumentException("negative offset");
        }
    }

    /** Whole track from the start: the only kind of transcode that goes into the cache. */
    public boolean wholeTrack() {
        return offsetMillis == 0;
    }

    /** {@code opus/128} — as the decision header shows it. */
    public String label() {
        return format.apiName() + "/" + bitrateKbps;
    }

    /** Bytes per second of output at this bitrate. */
    public long bytesPerSecond() {
        return bitrateKbps * 1000L / 8;
    }
}
