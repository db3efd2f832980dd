package dev.resonance.impl.stream;

import dev.resonance.api.auth.Authenticator;
import dev.resonance.api.db.Database;
import dev.resonance.impl.stream.transcode.TranscodeCache;
import dev.resonance.impl.stream.transcode.Transcoder;
import dev.resonance.testing.Ffmpeg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stream servlets over the test ffmpeg, and ffmpeg-based checks of what they send. */
final class StreamTesting {

    private StreamTesting() {
    }

    static StreamServlet servlet(Authenticator authenticator, Database db, Path data) {
        return new StreamServlet(authenticator, new TrackFiles(db), transcoder(data, 64, 4, 1024, 30), policy(db));
    }

    static final byte[] KEY = "a test key for signed stream urls".getBytes(StandardCharsets.US_ASCII);

    /** The policy of a test server: device settings in {@code db}; no live sessions for signed URLs. */
    static StreamPolicy policy(Database db) {
        return StreamServices.over(db, new UrlSigner(KEY, java.time.Duration.ofHours(6), java.time.Clock.systemUTC()),
                (user, session) -> Optional.empty()).policy();
    }

    static Transcoder transcoder(Path data, int max, int perUser, long cacheMb, int runAheadSeconds) {
        Optional<TranscodeCache> cache = cacheMb > 0 ? Optional.of(new TranscodeCache(data.resolve("transcodes"), cacheMb * 1024 * 1024))
                : Optional.empty();
        return new Transcoder(Ffmpeg::path, new Transcoder.Settings(max, perUser, runAheadSeconds, 1.5, 5), cache);
    }

    /** What ffmpeg finds when it decodes {@code file} completely. */
    record Probe(String codec, String container, double decodedSeconds, String log) {
    }

    static Probe probe(Path file) throws Exception {
        List<String> command = new ArrayList<>(List.of(Ffmpeg.path().toString(), "-hide_banner", "-nostdin", "-i", file.toString(),
                "-f", "null", "-"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher input = Pattern.compile("Input #0, ([a-z0-9,]+), from").matcher(log);
        Matcher audio = Pattern.compile("Stream #0:0.*?: Audio: ([a-z0-9]+)").matcher(log);
        Matcher time = Pattern.compile("time=(\\d+):(\\d+):(\\d+\\.\\d+)").matcher(log);
        double seconds = -1;
        while (time.find()) {
            seconds = Integer.parseInt(time.group(1)) * 3600 + Integer.parseInt(time.group(2)) * 60 + Double.parseDouble(time.group(3));
        }
        return new Probe(audio.find() ? audio.group(1) : "?", input.find() ? input.group(1) : "?", seconds, log);
    }
}
