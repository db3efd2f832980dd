package dev.resonance.impl.library.tags;

/** Stream properties a format reader found (see {@link AudioTags} for the meaning of each). */
record StreamInfo(String format, String codec, long durationMillis, int bitrateKbps, int sampleRate, int bitDepth, int channels) {

    /** Bitrate from the bytes of audio and the duration (0 when the duration is unknown). */
    static int kbps(long audioBytes, long durationMillis) {
        return durationMillis <= 0 ? 0 : (int) Math.round(audioBytes * 8.0 / durationMillis);
    }

    static long millis(long samples, long sampleRate) {
        return sampleRate <= 0 || samples <= 0 ? 0 : Math.round(samples * 1000.0 / sampleRate);
    }
}
