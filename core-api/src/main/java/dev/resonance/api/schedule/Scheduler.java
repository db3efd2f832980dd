package dev.resonance.api.schedule;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a plugin's jobs periodically, once per period for the whole cluster, registered by the core as a bundle-scoped
 * OSGi service (each plugin gets its own; needs the {@code scheduler} permission, or every method throws
 * {@code ResonanceException} of kind {@code FORBIDDEN}).
 *
 * <p><b>Once per period, on one node.</b> Each node checks the plugin's jobs every few seconds; a job is due when its
 * last run started at least {@code every} ago (on any node) and has finished (or was abandoned). The node that claims
 * it first in the database runs it; the others see it claimed. The first run comes one period after the job was first
 * scheduled anywhere; a job scheduled again under the same name (after a restart, an upgrade, on another node) keeps
 * its history, so a restart neither runs it early nor skips it. Runs are not made up: a job due several times while
 * no node was running it runs once.
 *
 * <p><b>Threads, time, failure.</b> A run happens on the core's plugin-call threads and may take at most the job
 * timeout (10 minutes): past it, the thread is interrupted and the run abandoned. A run that throws is reported once
 * (log, plugin manager) and the job stays scheduled. Jobs run only while the plugin is enabled; they stop when the
 * plugin's bundle stops (disable, upgrade, uninstall) or when {@link ScheduledJob#cancel()} is called.
 */
@ProviderType
public interface Scheduler {

    /** The shortest period. */
    Duration MIN_PERIOD = Duration.ofMinutes(1);

    /**
     * Schedules {@code job} under {@code name} (1 to 64 characters of {@code [A-Za-z0-9._-]}, unique within the
     * plugin: scheduling a name again replaces the job on this node).
     *
     * @param every the period, at least {@link #MIN_PERIOD}
     * @throws IllegalArgumentException for a bad name or period
     */
    ScheduledJob schedule(String name, Duration every, Job job);

    /** The work of a job. */
    @FunctionalInterface
    interface Job {
        void run() throws Exception;
    }
}
