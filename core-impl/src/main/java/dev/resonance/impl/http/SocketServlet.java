package dev.resonance.impl.http;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.http.HttpEndpoint;
import dev.resonance.api.http.SocketEndpoint;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.server.WebSocketServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a contributed {@link SocketEndpoint}: upgrades with Jetty's own WebSocket server (a servlet, so it comes and
 * goes like any route and restarts nothing; see {@code sync.SyncEndpoint} for why not JSR-356) and hands each socket to
 * the endpoint. The site has checked access before; the caller it found is in the request.
 */
final class SocketServlet extends HttpServlet implements HttpEndpoint {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SocketServlet.class);
    /** Text messages larger than this close the socket (1009). */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final transient SocketEndpoint endpoint;
    private final transient String subprotocol;
    private final transient Set<Adapter> open = ConcurrentHashMap.newKeySet();
    private transient volatile WebSocketServerFactory factory;

    SocketServlet(SocketEndpoint endpoint) {
        this(endpoint, null);
    }

    SocketServlet(SocketEndpoint endpoint, String subprotocol) {
        this.endpoint = endpoint;
        this.subprotocol = subprotocol;
    }

    @Override
    public void init() throws ServletException {
        WebSocketServerFactory fresh = new WebSocketServerFactory(getServletContext());
        fresh.getPolicy().setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        fresh.getPolicy().setMaxBinaryMessageSize(1);
        fresh.setCreator((request, response) -> {
            if (subprotocol != null && request.getSubProtocols().contains(subprotocol)) {
                response.setAcceptedSubProtocol(subprotocol);
            }
            return new Adapter(Optional.ofNullable(
                    (Caller) request.getHttpServletRequest().getAttribute(HttpContribution.CALLER_ATTRIBUTE)),
                    RequestTokens.forSocket(request.getHttpServletRequest()));
        });
        try {
            fresh.start();
        } catch (Exception e) {
            throw new ServletException("Could not start the WebSocket server", e);
        }
        factory = fresh;
    }

    @Override
    public void destroy() {
        WebSocketServerFactory current = factory;
        factory = null;
        // the endpoint hears first why its sockets end; then Jetty closes them with the same code
        open.forEach(a -> a.ended(StatusCode.SHUTDOWN, "the endpoint went away"));
        if (current != null) {
            try {
                current.stop(); // closes the open sockets with 1001
            } catch (Exception e) {
                LOG.debug("Stopping a WebSocket server: {}", e.toString());
            }
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebSocketServerFactory current = factory;
        if (current != null && current.isUpgradeRequest(request, response)
                && (current.acceptWebSocket(request, response) || response.isCommitted())) {
            return;
        }
        response.setHeader("Upgrade", "websocket");
        ServletErrors.write(response, 426, "upgrade_required", "This is a WebSocket: connect with a WebSocket client", 0);
    }

    /**
     * One socket, between Jetty and the endpoint's listener. The listener hears {@code onClose} exactly once, also
     * when the socket ends (the endpoint goes away, the client leaves) while the endpoint's {@code open} is still
     * running: then it is told as soon as {@code open} has returned it.
     */
    private final class Adapter implements WebSocketListener, SocketEndpoint.Socket, HttpRoute.Handshake {
        private final Optional<Caller> caller;
        private final Optional<String> token;
        private volatile Session session;
        private volatile SocketEndpoint.Listener listener;
        private boolean ended;       // guarded by this
        private int endedCode;       // guarded by this
        private String endedReason;  // guarded by this

        Adapter(Optional<Caller> caller, Optional<String> token) {
            this.caller = caller;
            this.token = caller.isPresent() ? token : Optional.empty();
        }

        @Override
        public Optional<String> accessToken() {
            return token;
        }

        @Override
        public void onWebSocketConnect(Session connected) {
            session = connected;
            open.add(this);
            SocketEndpoint.Listener opened;
            try {
                opened = endpoint.open(caller, this);
            } catch (RuntimeException e) {
                LOG.warn("A socket endpoint failed to open a socket: {}", e.toString());
                close(StatusCode.SERVER_ERROR, "the endpoint failed");
                return;
            }
            int code;
            String reason;
            synchronized (this) {
                if (!ended) {
                    listener = opened;
                    return;
                }
                code = endedCode;
                reason = endedReason;
            }
            closed(opened, code, reason); // it ended while the endpoint was opening it
        }

        @Override
        public void onWebSocketText(String text) {
            SocketEndpoint.Listener current = listener;
            if (current != null) {
                try {
                    current.onText(text);
                } catch (RuntimeException e) {
                    LOG.warn("A socket endpoint failed on a message: {}", e.toString());
                }
            }
        }

        @Override
        public void onWebSocketBinary(byte[] payload, int offset, int length) {
            close(StatusCode.BAD_DATA, "text messages only");
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            ended(statusCode, reason);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            ended(StatusCode.ABNORMAL, cause.toString());
        }

        void ended(int code, String reason) {
            SocketEndpoint.Listener current;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                endedCode = code;
                endedReason = reason;
                current = listener;
                listener = null;
                session = null;
            }
            open.remove(this);
            if (current != null) {
                closed(current, code, reason);
            }
        }

        private void closed(SocketEndpoint.Listener to, int code, String reason) {
            try {
                to.onClose(code, reason);
            } catch (RuntimeException e) {
                LOG.debug("A socket endpoint failed on close: {}", e.toString());
            }
        }

        @Override
        public void send(String text) {
            Session current = session;
            if (current != null) {
                current.getRemote().sendString(text, null);
            }
        }

        @Override
        public void close(int code, String reason) {
            Session current = session;
            if (current != null) {
                current.close(code, reason);
            }
        }
    }
}
