package dev.resonance.impl.stream;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.http.RateLimiter;
import dev.resonance.impl.http.RequestMetrics;
import dev.resonance.impl.http.RouteTemplateFilter;
import dev.resonance.impl.http.ServletErrors;
import dev.resonance.impl.stream.transcode.Transcode;
import dev.resonance.impl.stream.transcode.TranscodeCache;
import dev.resonance.impl.stream.transcode.Transcoder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|HEAD /stream/{trackId}} and {@code /stream/{trackId}/download}: the original file with full RFC
 * 7233/7232 support ({@link FileResponses}), or a transcode — live from ffmpeg as it is produced, or a finished one
 * from the cache, served like a file. Which of them is the {@link StreamDecision}, shown in
 * {@code X-Resonance-Transcode}. Authenticated by bearer header, the web app's cookie, an {@code access_token}
 * query parameter, or a signed URL (for {@code <audio>} elements). Never calls a plugin.
 */
public final class StreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamServlet.class);
    static final String DECISION_HEADER = "X-Resonance-Transcode";
    /** The route labels of this servlet's requests in {@code http_server_requests_seconds}. */
    static final String STREAM_ROUTE = "/stream/{trackId}";
    static final String DOWNLOAD_ROUTE = "/stream/{trackId}/download";

    private final transient Authenticator authenticator;
    private final transient TrackFiles files;
    private final transient Transcoder transcoder;
    private final transient StreamPolicy policy;
    private final transient RateLimiter limiter;
    private final transient MeterRegistry metrics;
    private final transient AtomicInteger active = new AtomicInteger();
    private final transient Gauge activeGauge;
    private final transient Counter fileBytes;
    private final transient Counter liveBytes;

    /** Without a request budget (tests). */
    public StreamServlet(Authenticator authenticator, TrackFiles files, Transcoder transcoder, StreamPolicy policy) {
        this(authenticator, files, transcoder, policy, new RateLimiter(java.util.Map.of()));
    }

    /** With a request budget, without metrics (tests). */
    public StreamServlet(Authenticator authenticator, TrackFiles files, Transcoder transcoder, StreamPolicy policy, RateLimiter limiter) {
        this(authenticator, files, transcoder, policy, limiter, new SimpleMeterRegistry());
    }

    /**
     * With the {@code STREAM} budget of {@code limiter} per user ({@code streamPerMinute}), measured in {@code metrics}:
     * {@code resonance_streams_active} (files being sent: originals and finished transcodes) and
     * {@code resonance_stream_sent_bytes_total} by source ({@code file}, or {@code ffmpeg} for live transcodes).
     */
    public StreamServlet(Authenticator authenticator, TrackFiles files, Transcoder transcoder, StreamPolicy policy, RateLimiter limiter,
                         MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.files = files;
        this.transcoder = transcoder;
        this.policy = policy;
        this.limiter = limiter;
        this.metrics = metrics;
        this.activeGauge = Gauge.builder("resonance.streams.active", active, AtomicInteger::get)
                .description("Files being streamed now: originals and finished transcodes (live transcodes: resonance_transcodes_running)")
                .strongReference(true).register(metrics);
        this.fileBytes = sent(metrics, "file");
        this.liveBytes = sent(metrics, "ffmpeg");
    }

    private static Counter sent(MeterRegistry metrics, String source) {
        return Counter.builder("resonance.stream.sent").baseUnit("bytes")
                .description("Audio bytes sent to clients, from files or from live transcodes (ffmpeg)")
                .tag("source", source).register(metrics);
    }

    /** The route is gone: so is its gauge (the next stream servlet registers its own). */
    @Override
    public void destroy() {
        metrics.remove(activeGauge);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, false);
    }

    /**
     * Every failure is answered here in the API's JSON shape, never by Jetty's HTML error page (which shows the
     * exception chain): a database that cannot be reached is 503 {@code unavailable} with {@code Retry-After}, anything
     * unexpected a 500 with an incident id. Once bytes are on their way, a failure is rethrown so that Jetty cuts the
     * connection: the client must not take a truncated track for a whole one.
     */
    private void handle(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        try {
            serve(request, response, body);
        } catch (ResonanceException e) {
            if (!response.isCommitted()) {
                ServletErrors.write(response, e);
            }
        } catch (IOException | RuntimeException e) {
            if (response.isCommitted() && e instanceof IOException) {
                throw e; // the client went away mid-answer (or the file failed mid-way): nothing to render
            }
            if (!ServletErrors.answer(LOG, response, e)) {
                throw e;
            }
        }
    }

    /** {@code /{id}} or {@code /{id}/download}. */
    record Target(long trackId, boolean download) {
        static Optional<Target> parse(String pathInfo) {
            if (pathInfo == null || !pathInfo.matches("/\\d{1,18}(/download)?")) {
                return Optional.empty();
            }
            boolean download = pathInfo.endsWith("/download");
            return Optional.of(new Target(Long.parseLong(pathInfo.substring(1, download ? pathInfo.length() - 9 : pathInfo.length())), download));
        }
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        Optional<Target> target = Target.parse(request.getPathInfo());
        request.setAttribute(RouteTemplateFilter.ATTRIBUTE, target.map(t -> t.download() ? DOWNLOAD_ROUTE : STREAM_ROUTE)
                .orElse(RouteTemplateFilter.UNMATCHED));
        Caller caller = policy.caller(request, target.map(Target::trackId), () -> token(request).flatMap(authenticator::authenticate));
        if (target.isEmpty()) {
            if (!caller.has(Permission.ACCESS_CATALOG)) {
                throw ResonanceException.forbidden("forbidden", "This needs the AccessCatalog permission");
            }
            throw ResonanceException.notFound("No track at this address");
        }
        deliver(caller, target.get().trackId(), target.get().download(), StreamParameters.parse(request.getParameterMap()),
                request.getParameterMap(), request, response, body);
    }

    /**
     * Serves track {@code trackId} to {@code caller}, as {@code /stream/{id}} (or its {@code /download}) does, from the
     * permissions on: for the core's own route and for client protocols ({@code ClientMedia}). {@code hints}: the query
     * parameters the quality decision reads ({@code client}, {@code network}); a client protocol passes none, its
     * query being another protocol's. A refusal is thrown before anything is written; the caller renders it.
     */
    public void deliver(Caller caller, long trackId, boolean download, StreamParameters parameters, Map<String, String[]> hints,
                        HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        // a player makes a few range requests per play and seek; the budget only stops a client gone wild
        Optional<java.time.Duration> wait = limiter.acquire(RateLimiter.Kind.STREAM, "user:" + caller.userId());
        if (wait.isPresent()) {
            request.setAttribute(RequestMetrics.RATE_LIMITED, RateLimiter.Kind.STREAM); // counted by the site
            throw ResonanceException.of(ResonanceException.Kind.TOO_MANY_REQUESTS, "rate_limited",
                    "Too many stream requests: slow down", wait);
        }
        if (!caller.has(Permission.ACCESS_CATALOG)) {
            throw ResonanceException.forbidden("forbidden", "This needs the AccessCatalog permission");
        }
        if (download && !caller.has(Permission.ISSUE_CONTENT_DOWNLOAD)) {
            // a copy to keep (offline, another player) is the admin's to allow; listening is not
            throw ResonanceException.forbidden("forbidden", "Downloading needs the IssueContentDownload permission");
        }
        TrackFiles.TrackFile file = files.find(caller, trackId).orElseThrow(() -> ResonanceException.notFound("No track " + trackId));
        StreamDecision decision = policy.decide(caller, file, parameters, request::getHeader, hints);
        response.setHeader(DECISION_HEADER, decision.header());
        if (download) {
            String extension = decision.transcode().map(t -> t.format().extension()).orElse(file.format());
            response.setHeader("Content-Disposition", ContentDisposition.attachment(file.path().getFileName().toString(), extension));
        }
        if (decision.transcode().isEmpty()) {
            sendFile(request, response, file.served(), body);
        } else {
            transcoded(request, response, body, caller, file, decision.transcode().get(), download);
        }
    }

    private void transcoded(HttpServletRequest request, HttpServletResponse response, boolean body, Caller caller,
                            TrackFiles.TrackFile file, Transcode transcode, boolean download) throws IOException {
        if (file.durationMillis() > 0 && transcode.offsetMillis() >= file.durationMillis()) {
            throw ResonanceException.invalid("invalid_offset", "offset is past the end of the track (" + file.durationMillis() / 1000.0 + " s)");
        }
        TranscodeCache.Key key = new TranscodeCache.Key(file.trackId(), file.etag(), transcode.format(), transcode.bitrateKbps());
        Optional<TranscodeCache> cache = transcoder.cache();
        if (transcode.wholeTrack() && cache.isPresent()) {
            Optional<Path> cached = cache.get().find(key);
            if (cached.isEmpty() && download && body) {
                // a download is made whole first, so that it is served with ranges and can be resumed
                quietly(() -> transcoder.transcode(caller.userId(), file.path(), transcode, Optional.of(key), false, OutputStream::nullOutputStream));
                cached = cache.get().find(key);
            }
            if (cached.isPresent()) {
                ServedFile served = cachedFile(cached.get(), file, key);
                if (served != null) {
                    sendFile(request, response, served, body);
                    return;
                }
            }
        }
        // live: no length, no ranges, not stored by the browser
        if (!body) {
            liveHeaders(response, transcode);
            return;
        }
        quietly(() -> transcoder.transcode(caller.userId(), file.path(), transcode,
                transcode.wholeTrack() ? Optional.of(key) : Optional.empty(), !download, () -> {
                    liveHeaders(response, transcode);
                    return new FilterOutputStream(response.getOutputStream()) {
                        @Override
                        public void write(byte[] bytes, int offset, int length) throws IOException {
                            out.write(bytes, offset, length);
                            liveBytes.increment(length);
                        }
                    };
                }));
    }

    /** A file (an original, or a finished transcode) with ranges, counted while its body is sent. */
    private void sendFile(HttpServletRequest request, HttpServletResponse response, ServedFile file, boolean body) throws IOException {
        if (!body) {
            FileResponses.serve(request, response, file, false, n -> { });
            return;
        }
        active.incrementAndGet();
        try {
            FileResponses.serve(request, response, file, true, fileBytes::increment);
        } finally {
            active.decrementAndGet();
        }
    }

    private static ServedFile cachedFile(Path path, TrackFiles.TrackFile source, TranscodeCache.Key key) {
        try {
            long size = Files.size(path);
            String etag = "\"" + path.getFileName().toString().replaceAll("\\.[a-z0-9]+$", "") + "-" + size + "\"";
            return new ServedFile(path, size, source.mtimeMillis(), key.format().contentType(), etag);
        } catch (IOException e) {
            return null; // evicted a moment ago: transcode live instead
        }
    }

    private static void liveHeaders(HttpServletResponse response, Transcode transcode) {
        response.setStatus(200);
        response.setContentType(transcode.format().contentType());
        response.setHeader("Cache-Control", "no-store");
    }

    @FunctionalInterface
    private interface Io {
        void run() throws IOException;
    }

    /** Runs a transcode; a client that went away (an I/O error on the response) ends it quietly. */
    private static void quietly(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            // the client disconnected: ffmpeg has been killed; nothing to answer
        }
    }

    static Optional<String> token(HttpServletRequest request) {
        return dev.resonance.impl.http.RequestTokens.of(request, true);
    }
}
