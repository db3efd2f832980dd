package dev.resonance.impl.stream.transcode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished whole-track transcodes on disk, a size-bounded LRU, keyed by track id + the source file's ETag + format +
 * bitrate (an edited file has a new ETag, so its old transcodes are never served and age out). A transcode is
 * written to a {@code .part} file and moved into place atomically only when ffmpeg ended cleanly, so a partial or
 * aborted one never enters. Recency is the file's mtime, so the order survives restarts.
 */
public final class TranscodeCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TranscodeCache.class);
    private static final String PART = ".part";

    /** What a cached transcode is of. */
    public record Key(long trackId, String sourceEtag, TranscodeFormat format, int bitrateKbps) {
        String fileName() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest((trackId + "|" + sourceEtag + "|" + format.apiName() + "|"
                        + bitrateKbps).getBytes(StandardCharsets.UTF_8));
                return trackId + "-" + format.apiName() + bitrateKbps + "-" + HexFormat.of().formatHex(digest, 0, 8) + "." + format.extension();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Path directory;
    private volatile long maxBytes; // 0: the cache is off (a configuration change may turn it on again)
    /** file name → size, least recently used first. */
    private final LinkedHashMap<String, Long> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long totalBytes;
    private final MeterRegistry metrics;
    private final Counter hits;
    private final Counter misses;
    private final Gauge size;

    /** Without metrics (tests). */
    public TranscodeCache(Path directory, long maxBytes) {
        this(directory, maxBytes, new SimpleMeterRegistry());
    }

    /**
     * Measured in {@code metrics}: {@code resonance_transcode_cache_lookups_total} by result (hit, miss) and
     * {@code resonance_transcode_cache_size_bytes}, until {@link #close()}.
     */
    public TranscodeCache(Path directory, long maxBytes, MeterRegistry metrics) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
        this.hits = lookups(metrics, "hit");
        this.misses = lookups(metrics, "miss");
        this.size = Gauge.builder("resonance.transcode.cache.size", this, TranscodeCache::sizeBytes).baseUnit("bytes")
                .description("Disk space taken by finished transcodes").strongReference(true).register(metrics);
        try {
            Files.createDirectories(directory);
            record Found(String name, long size, FileTime used) {
            }
            List<Found> found = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    if (file.getFileName().toString().endsWith(PART)) {
                        Files.deleteIfExists(file); // left by a crash mid-transcode
                        continue;
                    }
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        found.add(new Found(file.getFileName().toString(), attributes.size(), attributes.lastModifiedTime()));
                    }
                }
            }
            found.sort(java.util.Comparator.comparing(Found::used));
            synchronized (this) {
                found.forEach(f -> {
                    entries.put(f.name(), f.size());
                    totalBytes += f.size();
                });
                evict();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("opening the transcode cache " + directory, e);
        }
    }

    private static Counter lookups(MeterRegistry metrics, String result) {
        return Counter.builder("resonance.transcode.cache.lookups").description("Transcode cache lookups by result (hit, miss)")
                .tag("result", result).register(metrics);
    }

    /** The finished transcode for {@code key}, now the most recently used. */
    public Optional<Path> find(Key key) {
        String name = key.fileName();
        synchronized (this) {
            if (entries.get(name) == null) {
                misses.increment();
                return Optional.empty();
            }
        }
        Path file = directory.resolve(name);
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            hits.increment();
            return Optional.of(file);
        } catch (IOException e) {
            forget(name); // removed behind our back
            misses.increment();
            return Optional.empty();
        }
    }

    /** Takes the size gauge away (the files stay for the next start). */
    @Override
    public void close() {
        metrics.remove(size);
    }

    /** Starts writing a transcode for {@code key}; empty if the cache cannot take it now (it will play uncached). */
    public Optional<Entry> begin(Key key) {
        if (maxBytes == 0) {
            return Optional.empty();
        }
        try {
            Path part = Files.createTempFile(directory, key.trackId() + "-", PART);
            return Optional.of(new Entry(key, part, Files.newOutputStream(part)));
        } catch (IOException e) {
            LOG.warn("Transcode cache not writable: {}", e.toString());
            return Optional.empty();
        }
    }

    public synchronized long sizeBytes() {
        return totalBytes;
    }

    public synchronized int count() {
        return entries.size();
    }

    private synchronized void forget(String name) {
        Long size = entries.remove(name);
        if (size != null) {
            totalBytes -= size;
        }
    }

    /** A new size limit, applied at once (evicting the least recently used past it). */
    public synchronized void resize(long newMaxBytes) {
        maxBytes = newMaxBytes;
        evict();
    }

    private synchronized void add(String name, long size) {
        Long previous = entries.put(name, size);
        totalBytes += size - (previous == null ? 0 : previous);
        evict();
    }

    private void evict() {
        Iterator<Map.Entry<String, Long>> oldest = entries.entrySet().iterator();
        while (totalBytes > maxBytes && oldest.hasNext()) {
            Map.Entry<String, Long> victim = oldest.next();
            oldest.remove();
            totalBytes -= victim.getValue();
            try {
                Files.deleteIfExists(directory.resolve(victim.getKey())); // a reader holding it open keeps reading
            } catch (IOException e) {
                LOG.warn("Could not evict {}: {}", victim.getKey(), e.toString());
            }
        }
    }

    /** A transcode being written; {@link #commit()} when ffmpeg ended cleanly, else {@link #abort()}. */
    public final class Entry {
        private final Key key;
        private final Path part;
        private final OutputStream out;
        private boolean failed;

        private Entry(Key key, Path part, OutputStream out) {
            this.key = key;
            this.part = part;
            this.out = out;
        }

        void write(byte[] bytes, int offset, int length) {
            if (failed) {
                return;
            }
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                failed = true; // disk full: the stream goes on, the cache does without
                LOG.warn("Transcode cache write failed: {}", e.toString());
            }
        }

        void commit() {
            try {
                out.close();
                if (failed) {
                    abort();
                    return;
                }
                String name = key.fileName();
                long size = Files.size(part);
                if (size > maxBytes) {
                    abort();
                    return;
                }
                Files.move(part, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                add(name, size);
            } catch (IOException e) {
                LOG.warn("Could not keep a finished transcode: {}", e.toString());
                abort();
            }
        }

        void abort() {
            try {
                out.close();
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.debug("Removing a partial transcode: {}", e.toString());
            }
        }
    }
}
