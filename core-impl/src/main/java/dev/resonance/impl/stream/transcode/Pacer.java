package dev.resonance.impl.stream.transcode;

/**
 * Lets a transcode run ahead of the listener by a burst of audio, then holds it to a multiple of realtime: the
 * pump stops reading ffmpeg's output, the pipe fills and ffmpeg blocks in write() without using CPU. A client that
 * reads slowly holds it back further through TCP backpressure.
 */
final class Pacer {

    private final long burstBytes;
    private final double bytesPerNano;
    private final long startNanos;

    Pacer(long bytesPerSecond, int runAheadSeconds, double speed, long startNanos) {
        this.burstBytes = bytesPerSecond * runAheadSeconds;
        this.bytesPerNano = bytesPerSecond * speed / 1e9;
        this.startNanos = startNanos;
    }

    /** How long to wait before sending more, having sent {@code sentBytes} by {@code nowNanos}; 0 = go on. */
    long waitNanos(long sentBytes, long nowNanos) {
        long over = sentBytes - burstBytes - (long) ((nowNanos - startNanos) * bytesPerNano);
        return over <= 0 ? 0 : (long) (over / bytesPerNano);
    }
}
