package dev.resonance.impl.sync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.websocket.CloseReason;
import javax.websocket.EndpointConfig;
import javax.websocket.OnClose;
import javax.websocket.OnError;
import javax.websocket.OnMessage;
import javax.websocket.OnOpen;
import javax.websocket.Session;
import javax.websocket.server.ServerEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSR-356 adapter of {@code /api/v1/ws}: one instance serves every socket (pax-web's whiteboard registers the
 * service object itself) and hands frames to the socket's {@link SyncSession}. Frames larger than four times the
 * protocol limit are refused by the container itself (close 1009) before they are buffered.
 */
@ServerEndpoint(SyncEndpoint.PATH)
public final class SyncEndpoint {

    public static final String PATH = "/api/v1/ws";

    private static final Logger LOG = LoggerFactory.getLogger(SyncEndpoint.class);

    private final SyncHub hub;
    private final Map<Session, SyncSession> sessions = new ConcurrentHashMap<>();

    public SyncEndpoint(SyncHub hub) {
        this.hub = hub;
    }

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        int hardLimit = (int) Math.min(Integer.MAX_VALUE, hub.limits().maxMessageBytes() * 4L);
        session.setMaxTextMessageBufferSize(hardLimit);
        session.setMaxBinaryMessageBufferSize(1024);
        session.setMaxIdleTimeout(hub.limits().idleTimeout().toMillis());
        Optional<String> token = Optional.ofNullable(session.getRequestParameterMap().get("access_token"))
                .flatMap(values -> values.stream().findFirst()).filter(t -> !t.isEmpty());
        SyncSession sync = hub.open(new Transport(session), token);
        sessions.put(session, sync);
        if (!sync.isOpen()) {
            sessions.remove(session);
        }
    }

    @OnMessage
    public void text(String text, Session session) {
        SyncSession sync = sessions.get(session);
        if (sync != null) {
            sync.onText(text);
        }
    }

    @OnMessage
    public void binary(ByteBuffer data, Session session) {
        SyncSession sync = sessions.get(session);
        if (sync != null) {
            sync.onBinary();
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        SyncSession sync = sessions.remove(session);
        if (sync != null) {
            sync.closed();
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.debug("Sync socket error: {}", failure.toString());
        SyncSession sync = sessions.remove(session);
        if (sync != null) {
            sync.closed();
        }
    }

    /** Open sockets seen by this adapter. */
    public int size() {
        return sessions.size();
    }

    private record Transport(Session session) implements SyncSession.Transport {
        @Override
        public void send(String text, java.util.function.Consumer<Throwable> done) {
            try {
                session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
            } catch (RuntimeException e) {
                done.accept(e);
            }
        }

        @Override
        public void close(int code, String reason) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing a sync socket: {}", e.toString());
            }
        }
    }

}
