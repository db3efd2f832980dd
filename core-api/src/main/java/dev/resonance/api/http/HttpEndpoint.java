package dev.resonance.api.http;

import javax.servlet.Servlet;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A servlet served by Resonance under the path in its {@link HttpContribution#PATH} service property (and everything
 * below it), to the callers its {@link HttpContribution#ACCESS} property admits. Publish it as a service of this type
 * (not {@code javax.servlet.Servlet}, which the container's own whiteboard would try to mount):
 *
 * <pre>{@code
 * context.registerService(HttpEndpoint.class, new LyricsFiles(), HttpContribution.endpoint("/api/plugins/lyrics/files",
 *         HttpContribution.SIGNED_IN));
 * }</pre>
 *
 * <p>The core initialises it with its own servlet context before the first request (with the contributing bundle's
 * class loader as the thread's context class loader), and destroys it once it is unregistered and its requests have
 * returned. One whose {@code init} throws is refused and reported; everything else keeps serving. A signed-in caller
 * is in the request attribute {@link HttpContribution#CALLER_ATTRIBUTE}.
 */
@ConsumerType
public interface HttpEndpoint extends Servlet {
}
