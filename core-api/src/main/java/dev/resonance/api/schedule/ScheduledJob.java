package dev.resonance.api.schedule;

import org.osgi.annotation.versioning.ProviderType;

/** A scheduled job, as {@link Scheduler#schedule} returns it. */
@ProviderType
public interface ScheduledJob {

    /** The job's name. */
    String name();

    /** Stops scheduling the job on this node (a run in progress finishes). Idempotent. */
    void cancel();
}
