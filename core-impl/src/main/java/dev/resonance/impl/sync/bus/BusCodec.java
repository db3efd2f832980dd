package dev.resonance.impl.sync.bus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;

/**
 * The wire form of a {@link BusMessage} on Redis: a small JSON object with one-letter keys
 * ({@code {"n":"node","u":7,"o":"origin","s":3,"j":"{...}","a":1700000000000}}), absent devices left out. {@code n} is
 * the node that PUBLISHed it, so that node can skip its own copy whatever the publisher put into {@code originNode};
 * {@code a} when it was published (epoch milliseconds, the receiver measures the bus's lag with it; absent in messages
 * of nodes older than it).
 */
final class BusCodec {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** A decoded message, the node that published it and when, if it said. */
    record Received(String node, BusMessage message, Optional<Instant> publishedAt) {
    }

    /** The JSON fields; the frame stays a string so it reaches the sockets unchanged. */
    private record Wire(String n, long u, String o, Long s, Long t, String j, Long a) {
    }

    private BusCodec() {
    }

    static String encode(BusMessage message, String publishingNode, Instant publishedAt) {
        try {
            return JSON.writeValueAsString(new Wire(publishingNode, message.userId(), message.originNode(),
                    message.sourceDevice(), message.targetDevice(), message.json(), publishedAt.toEpochMilli()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bus message could not be encoded", e); // plain fields: cannot happen
        }
    }

    /** The message, or empty when {@code payload} is not one of ours (another program writing to the channel). */
    static Optional<Received> decode(String payload) {
        try {
            Wire wire = JSON.readValue(payload, Wire.class);
            if (wire.n() == null || wire.o() == null || wire.j() == null) {
                return Optional.empty();
            }
            return Optional.of(new Received(wire.n(), new BusMessage(wire.u(), wire.o(), wire.s(), wire.t(), wire.j()),
                    Optional.ofNullable(wire.a()).map(Instant::ofEpochMilli)));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
