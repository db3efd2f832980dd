package dev.resonance.impl.library.scan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * What scans report to the node's meters, as they go: {@code resonance_scan_files_processed_total} (its rate is the
 * files per second), {@code resonance_scan_errors_total} (files and folders that could not be read),
 * {@code resonance_scan_phase_seconds} by phase (loading, walking, reading, finishing, analyzing, covers) and
 * {@code resonance_scans_total} by kind and end state. Fed by {@link ScanProgress}, which sees all of it happen.
 */
public final class ScanMetrics {

    private final MeterRegistry registry;
    private final Counter processed;
    private final Counter errors;

    public ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.processed = Counter.builder("resonance.scan.files.processed").description("Files whose tags a scan read (or failed to)")
                .register(registry);
        this.errors = Counter.builder("resonance.scan.errors").description("Files and folders a scan could not read")
                .register(registry);
    }

    void fileProcessed() {
        processed.increment();
    }

    void problem() {
        errors.increment();
    }

    void phase(String phase, long nanos) {
        Timer.builder("resonance.scan.phase").description("Time scans spent in each phase").tag("phase", phase).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void ended(String kind, String state) {
        Counter.builder("resonance.scans").description("Scans by kind (full, quick, folder) and how they ended")
                .tags("kind", kind, "state", state).register(registry).increment();
    }
}
