package dev.resonance.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A WebSocket client's side of the sync and GraphQL sockets: JSON frames collected, waited for by type. */
final class JsonFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFrames() {
    }

    /** A listener that puts every whole text frame, as JSON, into {@code into}. */
    static WebSocket.Listener collector(BlockingQueue<JsonNode> into) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        into.add(JSON.readTree(text.toString()));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }

    /** The next frame of {@code type} within 10 s (frames of other types before it are dropped). */
    static JsonNode next(BlockingQueue<JsonNode> frames, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(200, TimeUnit.MILLISECONDS);
            if (frame != null && frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
        throw new AssertionError("no '" + type + "' frame within 10 s");
    }
}
