package dev.resonance.api.net;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The HTTP client plugins use for the network, registered by the core as a bundle-scoped OSGi service: each plugin's
 * instance sends only to the hosts its descriptor lists under the {@code network} permission (exact host names,
 * or {@code *.example.org} for subdomains), adds a {@code User-Agent} naming Resonance and the plugin unless the
 * request has one, and bounds every exchange by the request's timeout or {@link #DEFAULT_TIMEOUT}, whichever is shorter.
 * A host the plugin did not declare throws {@code ResonanceException} of kind {@code FORBIDDEN} before anything is
 * sent. Redirects are followed only to declared hosts.
 *
 * <p>Thread-safe; blocking; honours interruption (the core interrupts a plugin call past its timeout).
 */
@ProviderType
public interface PluginHttp {

    /** The longest any exchange may take. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Sends the request and waits for the response.
     *
     * @throws IOException on a network failure or timeout ({@code java.net.http.HttpTimeoutException})
     * @throws InterruptedException when the calling thread is interrupted
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
        throws IOException, InterruptedException;
}
