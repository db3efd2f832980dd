package dev.resonance.paxexam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The server under test, over HTTP as its clients see it (used inside Karaf, by the probe). */
final class Server {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    Server(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Answer(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    /** A request with an optional bearer token and JSON body. */
    Answer send(String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().map());
    }

    /** POST {@code body} as a bundle jar. */
    Answer upload(String path, String token, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/java-archive")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().map());
    }

    String login(String user, String password, String device) throws IOException, InterruptedException {
        Answer login = send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + user + "\",\"password\":\"" + password
            + "\",\"deviceId\":\"" + device + "\"}");
        if (login.status() != 200) {
            throw new AssertionError("login as " + user + " failed: " + login);
        }
        return login.json().path("accessToken").asText();
    }

    /** {@code resonance_component_activations_total} by component, from {@code /metrics}. */
    Map<String, Double> activations(String adminToken) throws IOException, InterruptedException {
        Answer scrape = get("/metrics", adminToken);
        if (scrape.status() != 200) {
            throw new AssertionError("/metrics answered " + scrape);
        }
        Map<String, Double> counts = new java.util.TreeMap<>();
        java.util.regex.Matcher line = java.util.regex.Pattern
            .compile("(?m)^resonance_component_activations_total\\{component=\"([^\"]+)\",?\\} (\\S+)$").matcher(scrape.body());
        while (line.find()) {
            counts.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return counts;
    }

    /** Polls {@code check} every 50 ms until it answers non-null; fails with {@code what} after {@code limit}. */
    static <T> T await(String what, Duration limit, Callable<T> check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Object last = null;
        while (true) {
            try {
                T value = check.call();
                if (value != null) {
                    return value;
                }
            } catch (IOException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting until " + what + (last == null ? "" : " (last: " + last + ")"));
            }
            Thread.sleep(50);
        }
    }
}
