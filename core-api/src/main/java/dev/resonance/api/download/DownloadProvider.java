package dev.resonance.api.download;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Gets releases the library lacks (Lidarr, say), registered as an OSGi service by plugins. What it downloads arrives
 * in the music folder and is found by the core's scan like any other file; the provider never writes the catalog.
 *
 * <p><b>How the core calls it.</b> When a user with the download permission asks for a release, the core asks the
 * enabled providers in service-ranking order and keeps the first that accepts ({@link #request} returns a request);
 * it then asks that provider for the request's {@link #status} until it is done or failed. A provider that fails or
 * runs past the plugin call timeout has not accepted (the next is asked); a status call that fails leaves the last
 * known status. Calling conventions: {@code dev.resonance.api.plugin}.
 */
@ConsumerType
public interface DownloadProvider {

    /** Starts getting {@code wanted}; empty when this provider cannot get it (not found, not configured). */
    Optional<DownloadStatus> request(WantedRelease wanted) throws Exception;

    /** How the request {@code requestId} (as returned by {@link #request}) goes now. */
    DownloadStatus status(String requestId) throws Exception;
}
