package dev.resonance.impl.stream.transcode;

import dev.resonance.api.error.ResonanceException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ffmpeg for one stream and pumps its output to the client as it is produced (flushed chunk by chunk, never
 * the whole file in memory), within the node's and the user's transcode limits, paced by {@link Pacer}. ffmpeg is
 * killed (destroyForcibly, then waited for) when the client goes away, when the request ends, and when the
 * component stops. A whole-track transcode that ends cleanly is also written to the {@link TranscodeCache}.
 */
public final class Transcoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transcoder.class);
    private static final int CHUNK = 16 * 1024;
    /** Buckets of {@code resonance_transcode_start_seconds}. */
    private static final Duration[] START_BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    /** Limits and pacing, from {@code resonance.core.stream}. */
    public record Settings(int maxTotal, int maxPerUser, int runAheadSeconds, double pacingSpeed, int opusComplexity) {
    }

    /** Where the output goes: called once, when ffmpeg's first bytes are there (headers can still be set). */
    @FunctionalInterface
    public interface Output {
        OutputStream begin() throws IOException;
    }

    private final Supplier<Path> ffmpeg;
    private volatile Settings settings;
    private final TranscodeLimits limits;
    private final Optional<TranscodeCache> cache;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;
    private final Gauge runningGauge;
    private final Timer firstOutput;

    /** Without metrics (tests). */
    public Transcoder(Supplier<Path> ffmpeg, Settings settings, Optional<TranscodeCache> cache) {
        this(ffmpeg, settings, cache, new SimpleMeterRegistry());
    }

    /**
     * Measured in {@code metrics}: {@code resonance_transcodes_running}, {@code resonance_transcodes_refused_total}
     * by limit, {@code resonance_transcode_start_seconds} (ffmpeg started to its first output).
     */
    public Transcoder(Supplier<Path> ffmpeg, Settings settings, Optional<TranscodeCache> cache, MeterRegistry metrics) {
        this.ffmpeg = ffmpeg;
        this.settings = settings;
        this.metrics = metrics;
        for (TranscodeLimits.Limit limit : TranscodeLimits.Limit.values()) {
            refused(limit); // at 0 from the start
        }
        this.limits = new TranscodeLimits(settings.maxTotal(), settings.maxPerUser(), limit -> refused(limit).increment());
        this.cache = cache;
        this.runningGauge = Gauge.builder("resonance.transcodes.running", limits, TranscodeLimits::running)
                .description("Transcodes (ffmpeg processes) running on this node").strongReference(true).register(metrics);
        this.firstOutput = Timer.builder("resonance.transcode.start")
                .description("Time from starting ffmpeg to its first output bytes")
                .serviceLevelObjectives(START_BUCKETS).register(metrics);
    }

    private Counter refused(TranscodeLimits.Limit limit) {
        return Counter.builder("resonance.transcodes.refused")
                .description("Transcodes refused (503) because the node's or the user's limit was reached")
                .tag("limit", limit.name().toLowerCase(java.util.Locale.ROOT)).register(metrics);
    }

    /**
     * Settings for the transcodes that start from now on (a configuration change). Running transcodes keep theirs,
     * and their ffmpeg processes are not touched.
     */
    public void update(Settings next) {
        settings = next;
        limits.update(next.maxTotal(), next.maxPerUser());
    }

    public Settings settings() {
        return settings;
    }

    public Optional<TranscodeCache> cache() {
        return cache;
    }

    /** Transcodes running now. */
    public int running() {
        return limits.running();
    }

    /**
     * Transcodes {@code input} for {@code userId} into {@code output}, paced unless {@code paced} is false (a
     * download). {@code cacheKey} set: a clean, whole-track result is kept. Throws {@link ResonanceException} (unavailable) when
     * a limit is reached and 502 when ffmpeg gives nothing; an IOException when the client goes away.
     */
    public void transcode(long userId, Path input, Transcode transcode, Optional<TranscodeCache.Key> cacheKey, boolean paced,
                          Output output) throws IOException {
        try (TranscodeLimits.Permit permit = limits.acquire(userId)) {
            Path binary = ffmpeg.get();
            long started = System.nanoTime();
            Process process = FfmpegCommand.processBuilder(binary, input, transcode, settings.opusComplexity()).start();
            running.add(process);
            Optional<TranscodeCache.Entry> entry = cacheKey.filter(k -> transcode.wholeTrack()).flatMap(k -> cache.flatMap(c -> c.begin(k)));
            boolean complete = false;
            try {
                pump(process.getInputStream(), transcode, paced, output, entry, started);
                complete = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
                if (!complete) {
                    LOG.warn("ffmpeg ended with {} for {}", process.isAlive() ? "a timeout" : process.exitValue(), input.getFileName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                stop(process);
                if (entry.isPresent()) {
                    if (complete) {
                        entry.get().commit();
                    } else {
                        entry.get().abort();
                    }
                }
            }
        }
    }

    private void pump(InputStream from, Transcode transcode, boolean paced, Output output, Optional<TranscodeCache.Entry> entry,
                      long startedNanos) throws IOException, InterruptedException {
        byte[] buffer = new byte[CHUNK];
        int n = from.read(buffer);
        if (n < 0) {
            throw ResonanceException.upstreamFailed("transcode_failed", "The track could not be transcoded");
        }
        firstOutput.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        OutputStream out = output.begin();
        Pacer pacer = new Pacer(transcode.bytesPerSecond(), settings.runAheadSeconds(), settings.pacingSpeed(), System.nanoTime());
        long sent = 0;
        while (n >= 0) {
            if (n > 0) {
                if (entry.isPresent()) {
                    entry.get().write(buffer, 0, n);
                }
                out.write(buffer, 0, n);
                out.flush();
                sent += n;
                if (paced) {
                    long wait = pacer.waitNanos(sent, System.nanoTime());
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            n = from.read(buffer);
        }
    }

    private void stop(Process process) {
        running.remove(process);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                LOG.warn("ffmpeg {} did not exit after SIGKILL", process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(process.getInputStream());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.trace("closing ffmpeg's output", e);
        }
    }

    /** Kills every running ffmpeg (the component is stopping) and takes its gauges (and the cache's) away. */
    @Override
    public void close() {
        running.forEach(this::stop);
        metrics.remove(runningGauge);
        cache.ifPresent(TranscodeCache::close);
    }
}
