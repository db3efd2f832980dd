package dev.resonance.impl.sync;

import dev.resonance.impl.events.EventLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) for the sync tests: collects text frames and the close code. */
final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri) throws Exception {
        socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(EventLog.tree(partial.toString()));
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closeReason.complete(reason);
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closeCode.complete(-1);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    static WsClient connect(String uri) throws Exception {
        return new WsClient(URI.create(uri));
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * Sends unless the server has closed the socket: the JDK client closes its output once it has answered the server's
     * Close frame (after {@code onClose} has recorded the code), so a send racing that close fails with "Output closed".
     * Returns false then; any other failure is thrown.
     */
    boolean sendUnlessClosed(String text) {
        try {
            socket.sendText(text, true).join();
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            if (closeCode.isDone()) {
                return false;
            }
            throw e;
        }
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
    }

    /** The next frame, failing after 5 s. */
    JsonNode next() throws InterruptedException {
        JsonNode frame = received.poll(5, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 5 s (closed: " + closeCode.getNow(null) + ")");
        }
        return frame;
    }

    /** The next frame of {@code type}, skipping others. */
    JsonNode next(String type) throws InterruptedException {
        while (true) {
            JsonNode frame = next();
            if (frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
    }

    int awaitClose() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
