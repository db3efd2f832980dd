package dev.resonance.impl.stream.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegLocatorTest {

    @TempDir
    Path data;

    private final AtomicInteger extractions = new AtomicInteger();
    private final byte[] binary = "#!/bin/sh\necho fake ffmpeg\n".getBytes(StandardCharsets.US_ASCII);
    private final FfmpegLocator locator = new FfmpegLocator(() -> {
        extractions.incrementAndGet();
        return new ByteArrayInputStream(binary);
    });

    @Test
    void extractsOnceIntoTheDataDirectoryAndReusesIt() throws Exception {
        Path first = locator.locate("", data);
        Path second = locator.locate(null, data);

        assertThat(first).isEqualTo(second).startsWith(data);
        assertThat(Files.readAllBytes(first)).isEqualTo(binary);
        assertThat(Files.isExecutable(first)).isTrue();
        assertThat(Files.readString(first.resolveSibling("ffmpeg.sha256")).strip()).isEqualTo(FfmpegLocator.sha256(first));
        assertThat(extractions).hasValue(1);
    }

    @Test
    void aCorruptedCopyIsExtractedAgain() throws Exception {
        Path path = locator.locate("", data);
        Files.write(path, "truncated".getBytes(StandardCharsets.US_ASCII));

        Path again = locator.locate("", data);

        assertThat(Files.readAllBytes(again)).isEqualTo(binary);
        assertThat(extractions).hasValue(2);
    }

    @Test
    void aMissingDigestMeansExtractAgain() throws Exception {
        Path path = locator.locate("", data);
        Files.delete(path.resolveSibling("ffmpeg.sha256"));

        locator.locate("", data);

        assertThat(extractions).hasValue(2);
    }

    @Test
    void aConfiguredFfmpegWins() throws Exception {
        Path system = Files.write(data.resolve("my-ffmpeg"), binary);
        system.toFile().setExecutable(true);

        assertThat(locator.locate(system.toString(), data)).isEqualTo(system);
        assertThat(extractions).hasValue(0);
    }

    @Test
    void aConfiguredPathThatIsNotExecutableIsRefused() throws Exception {
        Path notExecutable = Files.write(data.resolve("notes.txt"), binary);

        assertThatThrownBy(() -> locator.locate(notExecutable.toString(), data)).hasMessageContaining("not an executable");
        assertThatThrownBy(() -> locator.locate("/nonexistent/ffmpeg", data)).hasMessageContaining("not an executable");
    }

    @Test
    void theRealEmbeddedBinaryRuns() throws Exception {
        Path ffmpeg = FfmpegLocator.embedded().locate("", data);

        Process process = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isZero();
        assertThat(output).startsWith("ffmpeg version");
    }
}
