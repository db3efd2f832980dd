package dev.resonance.impl.stream.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The argument list for one transcode, built from typed values only: the ffmpeg the locator found, the track's
 * absolute path from the catalog (never from the client) and a {@link Transcode}. Started with
 * {@link ProcessBuilder}, never through a shell. The input is given as a {@code file:} URL so a file name can never
 * be read as another protocol or an option.
 */
public final class FfmpegCommand {

    private FfmpegCommand() {
    }

    /** libopus's default complexity; {@code resonance.core.stream} sets the one used (see docs/decisions.md). */
    public static final int DEFAULT_OPUS_COMPLEXITY = 10;

    public static List<String> arguments(Path ffmpeg, Path input, Transcode transcode) {
        return arguments(ffmpeg, input, transcode, DEFAULT_OPUS_COMPLEXITY);
    }

    /** @param opusComplexity libopus {@code -compression_level}, 0 (fastest) to 10 */
    public static List<String> arguments(Path ffmpeg, Path input, Transcode transcode, int opusComplexity) {
        if (opusComplexity < 0 || opusComplexity > 10) {
            throw new IllegalArgumentException("opus complexity " + opusComplexity + " outside 0-10");
        }
        if (!input.isAbsolute()) {
            throw new IllegalArgumentException("the input must be an absolute path from the catalog");
        }
        List<String> args = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error"));
        if (transcode.offsetMillis() > 0) {
            // before -i: input seeking (decodes from the nearest point and drops what lies before the offset)
            args.add("-ss");
            args.add(String.format(Locale.ROOT, "%d.%03d", transcode.offsetMillis() / 1000, transcode.offsetMillis() % 1000));
        }
        args.addAll(List.of("-i", "file:" + input.normalize(),
                "-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1",
                "-c:a", transcode.format().encoder(), "-b:a", transcode.bitrateKbps() + "k"));
        args.addAll(transcode.format().extraArguments());
        if (transcode.format() == TranscodeFormat.OPUS && opusComplexity != DEFAULT_OPUS_COMPLEXITY) {
            args.addAll(List.of("-compression_level", Integer.toString(opusComplexity)));
        }
        args.addAll(List.of("-flush_packets", "1", "-f", transcode.format().muxer(), "pipe:1"));
        return List.copyOf(args);
    }

    public static ProcessBuilder processBuilder(Path ffmpeg, Path input, Transcode transcode, int opusComplexity) {
        return new ProcessBuilder(arguments(ffmpeg, input, transcode, opusComplexity)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
    }
}
