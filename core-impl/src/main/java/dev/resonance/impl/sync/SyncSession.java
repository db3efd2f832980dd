package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventLog;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.db.DatabaseFailures;
import dev.resonance.impl.input.InputRules;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.sync.bus.BusMessage;
import dev.resonance.impl.sync.bus.SyncBus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync WebSocket, independent of the WebSocket API: fed with text frames by an adapter, it answers through a
 * {@link Transport}. Thread-safe: frames arrive on container threads, bus messages on publisher threads. Outgoing
 * frames go through a bounded queue with one send in flight; a socket that cannot keep up is closed, never buffered
 * without bound.
 */
public final class SyncSession {

    private static final Logger LOG = LoggerFactory.getLogger(SyncSession.class);

    /** Close codes (RFC 6455 and the application range); documented in docs/sync-protocol.md. */
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int POLICY = 1008;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int TOO_BIG = 1009;
    public static final int UNAUTHENTICATED = 4401;

    /** How the session talks to its socket. */
    public interface Transport {
        /** Sends a text frame asynchronously and calls {@code done} with {@code null} or the failure. */
        void send(String text, java.util.function.Consumer<Throwable> done);

        /** Closes the socket with a close frame. */
        void close(int code, String reason);
    }

    /** Refusals that are the client's own mistake: they count towards closing the socket; the others do not. */
    private static final Set<ResonanceException.Kind> STRIKES = EnumSet.of(ResonanceException.Kind.INVALID,
            ResonanceException.Kind.UNAUTHENTICATED, ResonanceException.Kind.TOO_LARGE);

    private final SyncHub hub;
    private final Transport transport;
    private final RateBucket rate;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean sending;
    private boolean ready; // "connected" is queued: bus messages may follow it
    private final ArrayDeque<String> early = new ArrayDeque<>(); // bus messages that arrived before "connected"
    private boolean closed;
    private int strikes;
    private volatile String token;
    private volatile Caller caller;
    private SyncBus.Subscription subscription;

    SyncSession(SyncHub hub, Transport transport) {
        this.hub = hub;
        this.transport = transport;
        this.rate = new RateBucket(hub.limits().messagesPerSecond(), hub.clock());
    }

    /** The authenticated caller, once there is one. */
    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    String token() {
        return token;
    }

    boolean isOpen() {
        synchronized (outbox) {
            return !closed;
        }
    }

    /** A text frame from the client. Never throws. */
    public void onText(String text) {
        if (!isOpen()) {
            return;
        }
        if (text.length() > hub.limits().maxMessageBytes()
                || text.length() * 3L > hub.limits().maxMessageBytes()
                && text.getBytes(StandardCharsets.UTF_8).length > hub.limits().maxMessageBytes()) {
            strike(null, "message_too_big", "Messages are limited to " + hub.limits().maxMessageBytes() + " bytes");
            return;
        }
        if (!rate.tryTake()) {
            strike(null, "rate_limited", "Too many messages: at most " + hub.limits().messagesPerSecond() + " per second");
            return;
        }
        JsonNode message;
        try {
            message = EventLog.JSON.readTree(text);
        } catch (Exception e) {
            strike(null, "invalid_json", "The message is not JSON");
            return;
        }
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            strike(null, "invalid_message", "A message is a JSON object with a string field 'type'");
            return;
        }
        JsonNode id = message.get("id");
        String type = message.get("type").asText();
        try {
            InputRules.check(message);
            handle(type, message, id);
        } catch (InvalidInput e) {
            strike(id, "invalid_field", e.getMessage());
        } catch (ResonanceException e) {
            if (STRIKES.contains(e.kind())) {
                strike(id, e.code(), e.getMessage());
            } else {
                error(id, e.code(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("A sync message of type '{}' failed: {}", printable(type), e.toString());
            if (DatabaseFailures.isUnavailable(e)) {
                error(id, "unavailable", DatabaseFailures.MESSAGE);
            } else {
                error(id, "internal_error", "The server could not handle this message");
            }
        }
    }

    /**
     * Authenticating the token given at connect time failed (not: the token is invalid). The client gets an error
     * frame, never the exception, and the socket closes: 1013 (try again later) while the database is unavailable.
     */
    void couldNotAuthenticate(RuntimeException failure) {
        LOG.warn("Authenticating a sync socket failed: {}", failure.toString());
        boolean unavailable = DatabaseFailures.isUnavailable(failure);
        sendNow(unavailable ? Frames.error("unavailable", DatabaseFailures.MESSAGE)
                : Frames.error("internal_error", "The server could not authenticate this socket"));
        close(unavailable ? TRY_AGAIN_LATER : 1011, unavailable ? "database unavailable" : "server error");
    }

    /** A binary frame: not part of the protocol. */
    public void onBinary() {
        strike(null, "invalid_message", "Binary messages are not supported: send JSON text");
    }

    private void handle(String type, JsonNode message, JsonNode id) {
        if (type.equals("ping")) {
            sendNow(Frames.frame("pong", withId(id, Map.of("serverTime", hub.clock().instant()))));
            return;
        }
        if (type.equals("auth")) {
            JsonNode given = message.get("token");
            if (given == null || !given.isTextual()) {
                throw ResonanceException.invalid("invalid_field", "token must be the access token");
            }
            authenticate(given.asText(), id);
            return;
        }
        Caller who = caller;
        if (who == null) {
            throw ResonanceException.unauthenticated("unauthenticated", "Send {\"type\":\"auth\",\"token\":\"…\"} first");
        }
        Map<String, Object> ack = switch (type) {
            case "device.announce" -> hub.playback().announce(who, message);
            case "playback.state" -> hub.playback().report(who, message);
            case "playback.command" -> hub.playback().command(who, message);
            case "playback.transfer" -> hub.playback().transfer(who, message);
            default -> throw ResonanceException.invalid("unknown_type", "Unknown message type '" + printable(type) + "'");
        };
        sendNow(Frames.frame("ack", withId(id, ack)));
    }

    /** Authenticates (or re-authenticates with a fresh token: same user and device only). */
    void authenticate(String accessToken, JsonNode id) {
        Optional<Caller> found = hub.authenticator().authenticate(accessToken);
        Caller previous = caller;
        if (found.isEmpty() || previous != null
                && (found.get().userId() != previous.userId() || found.get().deviceId() != previous.deviceId())) {
            sendNow(Frames.error("invalid_token", "The access token is not valid (expired, revoked or for another device)"));
            close(UNAUTHENTICATED, "invalid token");
            return;
        }
        token = accessToken;
        caller = found.get();
        if (previous != null) {
            sendNow(Frames.frame("ack", withId(id, Map.of())));
            return;
        }
        Caller who = found.get();
        SyncBus.Subscription subscribed = hub.sync().bus().subscribe(who.userId(), this::fromBus);
        synchronized (outbox) {
            if (closed) {
                subscribed.close();
                return;
            }
            subscription = subscribed;
        }
        hub.playback().connection(who, true);
        long seq = hub.sync().currentSeq(who.userId());
        Map<String, Object> connected = new LinkedHashMap<>();
        connected.put("deviceId", who.deviceId());
        connected.put("userId", who.userId());
        connected.put("seq", seq);
        connected.put("serverTime", hub.clock().instant());
        connected.put("heartbeatSeconds", hub.limits().heartbeatSeconds());
        synchronized (outbox) {
            outbox.addLast(Frames.frame("connected", connected));
            outbox.addAll(early); // what the bus delivered since subscribing comes after "connected"
            early.clear();
            ready = true;
        }
        pump();
    }

    /** Queues a server frame that is not a user's event (e.g. library scan progress). */
    void push(String frame) {
        enqueue(frame);
    }

    private void fromBus(BusMessage message) {
        Caller who = caller;
        if (who == null || !message.deliverableTo(who.deviceId())) {
            return;
        }
        hub.fannedOut();
        enqueue(message.json());
        if (message.json().contains("\"permissions.changed\"")) {
            hub.recheckSoon(this); // the caller's permissions changed: refresh them now, not at the next periodic check
        }
    }

    /** Re-validates the token and session (on permission changes); closes the socket when they ended. */
    void recheck() {
        String current = token;
        if (current != null && isOpen()) {
            rechecked(current, hub.authenticator().authenticate(current));
        }
    }

    /** The token to re-validate, if the socket is open and authenticated (the hub rechecks all of a node's at once). */
    Optional<String> tokenToRecheck() {
        String current = token;
        return current != null && isOpen() ? Optional.of(current) : Optional.empty();
    }

    /**
     * What re-validating {@code checked} found: the caller now (fresh permissions), or nothing, which ends the socket.
     * Ignored when the client sent a new token meanwhile (that one was checked when it came).
     */
    void rechecked(String checked, Optional<Caller> found) {
        if (!checked.equals(token)) {
            return;
        }
        if (found.isEmpty()) {
            sendNow(Frames.error("session_ended", "Signed out, revoked or expired: reconnect with a fresh access token"));
            close(UNAUTHENTICATED, "session ended");
        } else {
            caller = found.get();
        }
    }

    private void strike(JsonNode id, String code, String message) {
        boolean tooMany;
        synchronized (outbox) {
            tooMany = ++strikes >= hub.limits().maxStrikes();
        }
        error(id, code, message);
        if (tooMany) {
            close(code.equals("message_too_big") ? TOO_BIG : POLICY, "too many invalid messages");
        }
    }

    private void error(JsonNode id, String code, String message) {
        sendNow(Frames.frame("error", withId(id, Map.of("code", code, "message", message))));
    }

    private static Map<String, Object> withId(JsonNode id, Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        if (id != null) {
            all.put("id", id);
        }
        all.putAll(fields);
        return all;
    }

    /** Replies and errors: in order, after "connected" if the socket is authenticated. */
    private void sendNow(String frame) {
        synchronized (outbox) {
            if (closed) {
                return;
            }
            outbox.addLast(frame);
        }
        pump();
    }

    private void enqueue(String frame) {
        boolean overflow;
        synchronized (outbox) {
            if (closed) {
                return;
            }
            ArrayDeque<String> queue = ready ? outbox : early;
            overflow = queue.size() >= hub.limits().sendQueue();
            if (!overflow) {
                queue.addLast(frame);
            }
        }
        if (overflow) {
            close(POLICY, "too slow: messages were piling up");
            return;
        }
        pump();
    }

    private void pump() {
        String next;
        synchronized (outbox) {
            if (sending || closed || outbox.isEmpty()) {
                return;
            }
            sending = true;
            next = outbox.pollFirst();
        }
        transport.send(next, failure -> {
            synchronized (outbox) {
                sending = false;
            }
            if (failure != null) {
                close(GOING_AWAY, "send failed");
            } else {
                pump();
            }
        });
    }

    /** Closes the socket (idempotent) and releases the subscription and the device's presence. */
    public void close(int code, String reason) {
        if (release()) {
            try {
                transport.close(code, reason);
            } catch (RuntimeException e) {
                LOG.debug("Closing a sync socket failed: {}", e.toString());
            }
        }
    }

    /** The socket closed from the other side (or the container): release what it held. */
    public void closed() {
        release();
    }

    private boolean release() {
        SyncBus.Subscription held;
        synchronized (outbox) {
            if (closed) {
                return false;
            }
            closed = true;
            outbox.clear();
            early.clear();
            held = subscription;
            subscription = null;
        }
        hub.forget(this);
        if (held != null) {
            held.close();
            Caller who = caller;
            if (who != null) {
                try {
                    hub.playback().connection(who, false);
                } catch (RuntimeException e) {
                    LOG.debug("Presence of device {} not updated on close: {}", who.deviceId(), e.toString());
                }
            }
        }
        return true;
    }

    private static String printable(String text) {
        return InputRules.printable(text, 40);
    }
}
