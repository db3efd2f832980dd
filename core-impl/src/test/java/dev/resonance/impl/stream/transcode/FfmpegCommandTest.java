package dev.resonance.impl.stream.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {

    private static final Path FFMPEG = Path.of("/opt/ffmpeg");

    @Test
    void argumentsAreTypedValuesInFixedPlaces() {
        List<String> args = FfmpegCommand.arguments(FFMPEG, Path.of("/music/a/b.flac"), new Transcode(TranscodeFormat.OPUS, 128, 30_500));

        assertThat(args).containsExactly("/opt/ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                "-ss", "30.500", "-i", "file:/music/a/b.flac", "-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1",
                "-c:a", "libopus", "-b:a", "128k", "-ar", "48000", "-flush_packets", "1", "-f", "ogg", "pipe:1");
    }

    @Test
    void noOffsetNoSeek() {
        List<String> args = FfmpegCommand.arguments(FFMPEG, Path.of("/music/x.mp3"), new Transcode(TranscodeFormat.AAC, 160, 0));

        assertThat(args).doesNotContain("-ss").containsSequence("-c:a", "aac", "-b:a", "160k").containsSequence("-f", "adts", "pipe:1");
    }

    @Test
    void aHostileFileNameStaysOneArgumentBehindFileColon() {
        for (String name : List.of("; rm -rf ~.mp3", "-i", "-y", "http:evil.mp3", "pipe:0", "$(reboot).mp3", "a\nb.mp3", "ü ñ 漢.mp3")) {
            Path input = Path.of("/music").resolve(name);
            List<String> args = FfmpegCommand.arguments(FFMPEG, input, new Transcode(TranscodeFormat.MP3, 192, 0));

            assertThat(args.get(args.indexOf("-i") + 1)).isEqualTo("file:" + input);
            assertThat(args).hasSize(24);
        }
    }

    @Test
    void aRelativeOrTraversingPathIsRefusedOrNormalised() {
        assertThatThrownBy(() -> FfmpegCommand.arguments(FFMPEG, Path.of("../../etc/passwd"), new Transcode(TranscodeFormat.MP3, 192, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        List<String> args = FfmpegCommand.arguments(FFMPEG, Path.of("/music/../etc/passwd"), new Transcode(TranscodeFormat.MP3, 192, 0));
        assertThat(args).contains("file:/etc/passwd"); // the catalog path is checked against the library root before this
    }

    @Test
    void bitratesOutsideTheFormatCannotBeBuilt() {
        assertThatThrownBy(() -> new Transcode(TranscodeFormat.OPUS, 320, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Transcode(TranscodeFormat.MP3, 8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Transcode(TranscodeFormat.MP3, 128, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opusComplexityIsAnIntInItsRange() {
        assertThat(FfmpegCommand.arguments(FFMPEG, Path.of("/m/x.flac"), new Transcode(TranscodeFormat.OPUS, 96, 0), 5))
                .containsSequence("-ar", "48000", "-compression_level", "5", "-flush_packets");
        assertThat(FfmpegCommand.arguments(FFMPEG, Path.of("/m/x.flac"), new Transcode(TranscodeFormat.MP3, 96, 0), 5))
                .doesNotContain("-compression_level");
        assertThatThrownBy(() -> FfmpegCommand.arguments(FFMPEG, Path.of("/m/x.flac"), new Transcode(TranscodeFormat.OPUS, 96, 0), 11))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
