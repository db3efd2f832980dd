/**
 * Jobs that run periodically on one node of the cluster at a time: the
 * {@link dev.resonance.api.schedule.Scheduler} the core offers plugins (the weekly discovery playlist, index
 * rebuilds, a Lidarr wanted-list sync).
 */
@Export
@Version("1.0.0")
package dev.resonance.api.schedule;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
