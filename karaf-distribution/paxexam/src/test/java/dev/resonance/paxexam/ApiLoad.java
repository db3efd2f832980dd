package dev.resonance.paxexam;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client using the API while the admin works: {@code GET /api/v1/content/tracks} and the plugin's
 * {@code GET /api/plugins/lyrics/status} in turn, every answer recorded with when it was asked and answered, with a
 * pause of {@value #PAUSE_MILLIS} ms: ~40 requests a second, so that several fall into every swap. (That is more than
 * the default per-user read budget of 3000 a minute: the test runs the server without one, see ResonanceDistribution.)
 */
final class ApiLoad implements AutoCloseable {

    static final String TRACKS = "/api/v1/content/tracks";
    static final String STATUS = "/api/plugins/lyrics/status";
    private static final long PAUSE_MILLIS = 15;

    /** One request: its path, when it started and ended ({@code System.nanoTime}), the status (-1: no answer). */
    record Call(String path, long started, long ended, int status, String version, String detail) {
        /** The plugin's endpoint answered with the plugin there. */
        boolean present() {
            return status == 200;
        }

        @Override
        public String toString() {
            return path + " -> " + (status < 0 ? detail : status + (version == null ? "" : " " + version)
                + (status == 200 || status == 404 ? "" : " " + detail));
        }
    }

    private final Server server;
    private final String token;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ApiLoad(Server server, String token) {
        this.server = server;
        this.token = token;
        this.thread = new Thread(this::run, "api-load");
        thread.setDaemon(true);
    }

    ApiLoad start() {
        thread.start();
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Requests that failed: the track list answers 200, the plugin's endpoint 200 (there) or 404 (not there); a 5xx,
     * a 401 or a connection error is a failure whatever the plugin is doing.
     */
    List<Call> failures() {
        return calls.stream().filter(c -> c.path().equals(TRACKS) ? c.status() != 200 : c.status() != 200 && c.status() != 404)
            .toList();
    }

    private void run() {
        for (int i = 0; running; i++) {
            String path = i % 2 == 0 ? TRACKS : STATUS;
            long started = System.nanoTime();
            try {
                Server.Answer answer = server.get(path, token);
                String version = null;
                if (path.equals(STATUS) && answer.status() == 200) {
                    version = answer.json().path("version").asText();
                }
                calls.add(new Call(path, started, System.nanoTime(), answer.status(), version, answer.body()));
            } catch (IOException | RuntimeException e) {
                calls.add(new Call(path, started, System.nanoTime(), -1, null, e.toString()));
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(35_000);
    }
}
