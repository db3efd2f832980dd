package dev.resonance.impl.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.http.SocketEndpoint;
import dev.resonance.impl.http.HttpRoute;
import dev.resonance.impl.http.RateLimiter;
import graphql.ExecutionResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /graphql/ws}: the <a href="https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md">graphql-transport-ws</a>
 * protocol. The client signs in at the handshake (like the sync socket: {@code ?access_token=} or a bearer header),
 * sends {@code connection_init} within {@value #INIT_SECONDS} s and gets {@code connection_ack}; then each
 * {@code subscribe} runs an operation: a subscription streams {@code next} messages until it ends ({@code complete})
 * or the client sends {@code complete}; a query or mutation answers one {@code next} and {@code complete}. Close
 * codes as the protocol has them: 4400 bad message, 4401 subscribe before the ack, 4408 no init, 4409 an id in use,
 * 4429 a second init.
 */
final class GraphQlSockets implements SocketEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(GraphQlSockets.class);
    static final String PROTOCOL = "graphql-transport-ws";
    static final int INIT_SECONDS = 10;
    static final int MAX_OPERATIONS = 32;

    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<Optional<GraphSchema>> schema;
    private final RateLimiter limiter;
    private final ScheduledExecutorService timer;

    GraphQlSockets(Supplier<Optional<GraphSchema>> schema, RateLimiter limiter, ScheduledExecutorService timer) {
        this.schema = schema;
        this.limiter = limiter;
        this.timer = timer;
    }

    @Override
    public Listener open(Optional<Caller> caller, Socket socket) {
        Optional<String> token = socket instanceof HttpRoute.Handshake handshake ? handshake.accessToken() : Optional.empty();
        Connection connection = new Connection(caller.orElseThrow(), token, socket);
        timer.schedule(connection::initTimeout, INIT_SECONDS, TimeUnit.SECONDS);
        return connection;
    }

    private final class Connection implements Listener {
        private final Caller caller;
        private final Optional<String> token;
        private final Socket socket;
        private final Map<String, Subscription> running = new ConcurrentHashMap<>();
        private volatile boolean initialised;
        private volatile boolean closed;

        Connection(Caller caller, Optional<String> token, Socket socket) {
            this.caller = caller;
            this.token = token;
            this.socket = socket;
        }

        void initTimeout() {
            if (!initialised && !closed) {
                close(4408, "Connection initialisation timeout");
            }
        }

        @Override
        public void onText(String text) {
            JsonNode message;
            try {
                message = json.readTree(text);
            } catch (java.io.IOException e) {
                close(4400, "Invalid message: not JSON");
                return;
            }
            String type = message != null && message.path("type").isTextual() ? message.path("type").asText() : "";
            switch (type) {
                case "connection_init" -> {
                    if (initialised) {
                        close(4429, "Too many initialisation requests");
                    } else {
                        initialised = true;
                        send(Map.of("type", "connection_ack"));
                    }
                }
                case "ping" -> send(Map.of("type", "pong"));
                case "pong" -> {
                }
                case "subscribe" -> subscribe(message);
                case "complete" -> {
                    Subscription gone = running.remove(message.path("id").asText());
                    if (gone != null) {
                        gone.cancel();
                    }
                }
                default -> close(4400, "Invalid message type: " + (type.isEmpty() ? "(none)" : type));
            }
        }

        private void subscribe(JsonNode message) {
            if (!initialised) {
                close(4401, "Unauthorized");
                return;
            }
            String id = message.path("id").isTextual() ? message.path("id").asText() : "";
            JsonNode payload = message.path("payload");
            if (id.isEmpty() || id.length() > 128 || !payload.path("query").isTextual()) {
                close(4400, "Invalid subscribe message: it needs an id and a payload with a query");
                return;
            }
            if (running.size() >= MAX_OPERATIONS) {
                sendError(id, GraphErrors.error("too_many_operations", "At most " + MAX_OPERATIONS + " operations run on one socket"));
                return;
            }
            Placeholder placeholder = new Placeholder();
            if (running.putIfAbsent(id, placeholder) != null) {
                close(4409, "Subscriber for " + id + " already exists");
                return;
            }
            String query = payload.path("query").asText();
            Optional<GraphSchema> current = schema.get();
            if (current.isEmpty() || query.length() > GraphSchema.MAX_QUERY_CHARS) {
                running.remove(id);
                sendError(id, current.isEmpty() ? GraphErrors.error("unavailable", "Resonance is starting or its database is down")
                        : GraphErrors.error("query_too_large", "A query has at most " + GraphSchema.MAX_QUERY_CHARS + " characters"));
                return;
            }
            String client = "user:" + caller.userId();
            if (limiter.acquire(RateLimiter.Kind.READ, client).isPresent()) {
                running.remove(id);
                sendError(id, GraphErrors.error("rate_limited", "Too many requests."));
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = payload.path("variables").isObject() ? json.convertValue(payload.path("variables"), Map.class) : Map.of();
            String operationName = payload.path("operationName").isTextual() ? payload.path("operationName").asText() : null;
            ExecutionResult result;
            try {
                result = current.get().execute(caller, token, kind -> {
                    Optional<Duration> wait = limiter.acquire(kind, client);
                    if (wait.isPresent()) {
                        throw ResonanceException.tooManyRequests("rate_limited", "Too many requests.", wait.get());
                    }
                }, new GraphSchema.Request(query, operationName, variables));
            } catch (RuntimeException e) {
                LOG.warn("A GraphQL operation on a socket failed: {}", e.toString());
                running.remove(id);
                sendError(id, GraphErrors.error("internal", "The operation failed"));
                return;
            }
            if (result.getData() instanceof Publisher<?> publisher) {
                @SuppressWarnings("unchecked")
                Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) publisher;
                results.subscribe(new Stream(id, placeholder));
            } else if (result.getData() == null && !result.getErrors().isEmpty()) {
                running.remove(id);
                send(Map.of("id", id, "type", "error", "payload", result.toSpecification().get("errors")));
            } else {
                running.remove(id);
                send(Map.of("id", id, "type", "next", "payload", result.toSpecification()));
                send(Map.of("id", id, "type", "complete"));
            }
        }

        private void sendError(String id, Map<String, Object> error) {
            send(Map.of("id", id, "type", "error", "payload", List.of(error)));
        }

        /** One subscription's results to the socket. */
        private final class Stream implements Subscriber<ExecutionResult> {
            private final String id;
            private final Placeholder placeholder;
            private volatile Subscription subscription;

            Stream(String id, Placeholder placeholder) {
                this.id = id;
                this.placeholder = placeholder;
            }

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                if (!running.replace(id, placeholder, s)) {
                    s.cancel(); // completed by the client (or the socket closed) before it started
                    return;
                }
                s.request(Long.MAX_VALUE); // the socket's own send queue bounds what waits
            }

            @Override
            public void onNext(ExecutionResult result) {
                Map<String, Object> next = new LinkedHashMap<>();
                next.put("id", id);
                next.put("type", "next");
                next.put("payload", result.toSpecification());
                send(next);
            }

            @Override
            public void onError(Throwable failure) {
                if (running.remove(id, subscription)) {
                    Throwable cause = GraphErrors.unwrap(failure);
                    sendError(id, cause instanceof ResonanceException e ? GraphErrors.error(e.code(), e.getMessage())
                            : GraphErrors.error("internal", "The subscription ended with an error"));
                }
            }

            @Override
            public void onComplete() {
                if (running.remove(id, subscription)) {
                    send(Map.of("id", id, "type", "complete"));
                }
            }
        }

        @Override
        public void onClose(int code, String reason) {
            closed = true;
            List.copyOf(running.values()).forEach(Subscription::cancel);
            running.clear();
        }

        private void send(Map<String, ?> message) {
            if (closed) {
                return;
            }
            try {
                socket.send(json.writeValueAsString(message));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                LOG.warn("A GraphQL socket message could not be written: {}", e.toString());
            }
        }

        private void close(int code, String reason) {
            socket.close(code, reason);
        }
    }

    /** Holds an operation's id from its subscribe until its stream starts. */
    private static final class Placeholder implements Subscription {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
