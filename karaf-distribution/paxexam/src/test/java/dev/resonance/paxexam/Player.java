package dev.resonance.paxexam;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A client playing a stream to its end on a thread of its own: reading at most {@code bytesPerSecond} (a player at
 * realtime speed; 0 = as fast as the server sends) and writing every byte received to a file for comparison.
 */
final class Player {

    /** What a play received. */
    record Played(int status, Map<String, List<String>> headers, long bytes, Path received, Duration took) {
    }

    private Player() {
    }

    static CompletableFuture<Played> play(HttpClient http, URI uri, String token, long bytesPerSecond, Path received) {
        CompletableFuture<Played> played = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                played.complete(read(http, uri, token, bytesPerSecond, received));
            } catch (Throwable e) {
                played.completeExceptionally(e);
            }
        }, "player " + uri.getPath());
        thread.setDaemon(true);
        thread.start();
        return played;
    }

    private static Played read(HttpClient http, URI uri, String token, long bytesPerSecond, Path received) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
            .build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(received)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                bytes += n;
                if (bytesPerSecond > 0) {
                    long wait = start + bytes * 1_000_000_000L / bytesPerSecond - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        }
        return new Played(response.statusCode(), response.headers().map(), bytes, received,
            Duration.ofNanos(System.nanoTime() - start));
    }
}
