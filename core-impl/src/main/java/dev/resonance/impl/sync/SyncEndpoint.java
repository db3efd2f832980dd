package dev.resonance.impl.sync;

import dev.resonance.impl.http.ServletErrors;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.WebSocketPolicy;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.eclipse.jetty.websocket.server.WebSocketServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/ws}: a plain servlet that upgrades to a WebSocket with Jetty's own WebSocket server and hands each
 * socket's frames to its {@link SyncSession}.
 *
 * <p>Not a JSR-356 endpoint on pax-web's whiteboard: pax-web adds those through a container initializer and so
 * restarts the whole servlet context when one registers — every servlet of the site answered 404 for ~0.3 s after
 * start-up, and again whenever the sync component restarted at runtime (configuration, bus), streams included. A
 * servlet registers like any other, and its sockets live and die with it alone. Frames larger than four times the
 * protocol limit are refused by Jetty itself (close 1009) before they are buffered.
 */
public final class SyncEndpoint extends HttpServlet {

    public static final String PATH = "/api/v1/ws";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SyncEndpoint.class);

    private final transient SyncHub hub;
    private final transient Set<Socket> open = ConcurrentHashMap.newKeySet();
    private transient volatile WebSocketServerFactory factory;

    public SyncEndpoint(SyncHub hub) {
        this.hub = hub;
    }

    @Override
    public void init() throws ServletException {
        WebSocketServerFactory fresh = new WebSocketServerFactory(getServletContext());
        WebSocketPolicy policy = fresh.getPolicy();
        int hardLimit = (int) Math.min(Integer.MAX_VALUE, hub.limits().maxMessageBytes() * 4L);
        policy.setMaxTextMessageSize(hardLimit);
        policy.setMaxTextMessageBufferSize(Math.min(hardLimit, policy.getMaxTextMessageBufferSize()));
        policy.setMaxBinaryMessageSize(1024);
        policy.setMaxBinaryMessageBufferSize(1024);
        policy.setIdleTimeout(hub.limits().idleTimeout().toMillis());
        fresh.setCreator((request, response) -> new Socket(Optional.ofNullable(request.getParameterMap().get("access_token"))
                .flatMap(values -> values.stream().findFirst()).filter(t -> !t.isEmpty())));
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
        if (current != null) {
            try {
                current.stop(); // closes the open sockets (1001): clients reconnect and catch up
            } catch (Exception e) {
                LOG.debug("Stopping the WebSocket server: {}", e.toString());
            }
        }
        // the sessions of sockets whose close callback has not come by now end here (ending is idempotent)
        open.forEach(Socket::ended);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebSocketServerFactory current = factory;
        if (current != null && current.isUpgradeRequest(request, response)) {
            if (current.acceptWebSocket(request, response) || response.isCommitted()) {
                return;
            }
        }
        if (current == null) {
            ServletErrors.write(response, 503, "unavailable", "Sync is not running", 5);
            return;
        }
        response.setHeader("Upgrade", "websocket");
        ServletErrors.write(response, 426, "upgrade_required", PATH + " is a WebSocket: connect with a WebSocket client", 0);
    }

    /** Open sockets seen by this endpoint. */
    public int size() {
        return open.size();
    }

    /** One socket: Jetty calls it on one thread at a time. */
    private final class Socket implements WebSocketListener, SyncSession.Transport {
        private final Optional<String> token;
        private volatile Session session;
        private volatile SyncSession sync;

        Socket(Optional<String> token) {
            this.token = token;
        }

        @Override
        public void onWebSocketConnect(Session connected) {
            session = connected;
            open.add(this);
            // the hub sends "connected" before it returns: the client may have closed again by then
            SyncSession opened = hub.open(this, token);
            synchronized (this) {
                if (session == null) {
                    opened.closed();
                } else {
                    sync = opened;
                }
            }
        }

        @Override
        public void onWebSocketText(String text) {
            SyncSession current = sync;
            if (current != null) {
                current.onText(text);
            }
        }

        @Override
        public void onWebSocketBinary(byte[] payload, int offset, int length) {
            SyncSession current = sync;
            if (current != null) {
                current.onBinary();
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            ended();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            LOG.debug("Sync socket error: {}", cause.toString());
            ended();
        }

        private synchronized void ended() {
            SyncSession current = sync;
            sync = null;
            session = null;
            open.remove(this);
            if (current != null) {
                current.closed();
            }
        }

        @Override
        public void send(String text, java.util.function.Consumer<Throwable> done) {
            Session current = session;
            if (current == null) {
                done.accept(new IOException("socket closed"));
                return;
            }
            try {
                current.getRemote().sendString(text, new WriteCallback() {
                    @Override
                    public void writeFailed(Throwable x) {
                        done.accept(x);
                    }

                    @Override
                    public void writeSuccess() {
                        done.accept(null);
                    }
                });
            } catch (RuntimeException e) {
                done.accept(e);
            }
        }

        @Override
        public void close(int code, String reason) {
            Session current = session;
            if (current != null) {
                try {
                    current.close(code, reason);
                } catch (RuntimeException e) {
                    LOG.debug("Closing a sync socket: {}", e.toString());
                }
            }
        }
    }
}
