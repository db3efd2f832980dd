package dev.resonance.api.http;

import dev.resonance.api.auth.Caller;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A WebSocket served by Resonance at the path in its {@link HttpContribution#PATH} service property, to the callers
 * its {@link HttpContribution#ACCESS} property admits: publish it as a service of this type. The core upgrades the
 * connection (text messages; binary ones are refused) and hands each socket to {@link #open}. A client signs in with
 * {@code ?access_token=} (browsers cannot set headers on a WebSocket) or an {@code Authorization: Bearer} header —
 * never the web app's cookie, which a page of another site could make a browser send.
 *
 * <p>The sockets live as long as the endpoint's registration: when it goes (the plugin is stopped, updated or
 * removed) they are closed with 1001 (going away), and nothing else is touched.
 */
@ConsumerType
public interface SocketEndpoint {

    /**
     * A socket was opened by {@code caller} (empty on a public endpoint when the client sent no valid token).
     * Returns what receives its messages; called on the socket's thread, so it should return promptly.
     */
    Listener open(Optional<Caller> caller, Socket socket);

    /** The client's end of one socket, as the endpoint sees it. */
    @ProviderType
    interface Socket {

        /** Sends a text message (asynchronously; messages go out in the order sent). */
        void send(String text);

        /** Closes the socket with a WebSocket close code (1000 normal, 1008 policy, ...). */
        void close(int code, String reason);
    }

    /** What one socket's messages go to. */
    @ConsumerType
    interface Listener {

        /** A text message from the client. */
        void onText(String text);

        /** The socket closed (by either side, or because the endpoint went away). */
        default void onClose(int code, String reason) {
        }
    }
}
