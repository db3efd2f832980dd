package dev.resonance.impl.library.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.resonance.impl.library.tags.TagReader.UnreadableAudioException;
import dev.resonance.testing.audio.AudioFixtures;
import dev.resonance.testing.audio.Corruption;
import dev.resonance.testing.audio.FixtureTags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged files are reported as unreadable, with a one-line reason, and nothing else ever escapes. */
class CorruptFilesTest {

    @TempDir
    static Path dir;

    private final AudioFileReader reader = new AudioFileReader();

    static Stream<Arguments> everyFormatAndCorruption() {
        return FormatCase.containers().flatMap(c -> Arrays.stream(Corruption.values()).map(k -> Arguments.of(c, k)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyFormatAndCorruption")
    void corruptFileIsUnreadable(FormatCase c, Corruption corruption) {
        Path valid = c.write(dir, "valid", FixtureTags.full());
        Path damaged = AudioFixtures.corrupt(valid, corruption, dir.resolve(corruption.name().toLowerCase() + "-" + c.name() + "." + c.fixture.extension()));

        assertThatThrownBy(() -> reader.read(damaged))
                .isInstanceOf(UnreadableAudioException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
        Throwable picture = catchThrowable(() -> reader.embeddedPicture(damaged));
        if (picture != null) {
            assertThat(picture).isInstanceOf(UnreadableAudioException.class);
        }
    }

    /**
     * Cuts at many points and flipped bytes: the reader may read such a file (a cut in the audio is not visible
     * without decoding) or call it unreadable, but never throws anything else.
     */
    @ParameterizedTest
    @MethodSource("dev.resonance.impl.library.tags.FormatCase#containers")
    void damageAnywhereNeverEscapesAsAnotherException(FormatCase c) throws Exception {
        byte[] original = Files.readAllBytes(c.write(dir, "fuzz", FixtureTags.full()));
        Random random = new Random(42);
        Path damaged = dir.resolve("fuzz-damaged-" + c.name() + "." + c.fixture.extension());
        for (int i = 0; i < 60; i++) {
            byte[] bytes;
            if (i < 30) {
                bytes = Arrays.copyOf(original, random.nextInt(original.length));
            } else {
                bytes = original.clone();
                int header = Math.min(bytes.length, 8192); // where the structure is
                for (int flips = 0; flips < 1 + random.nextInt(8); flips++) {
                    bytes[random.nextInt(header)] = (byte) random.nextInt(256);
                }
            }
            Files.write(damaged, bytes);
            Throwable read = catchThrowable(() -> reader.read(damaged));
            Throwable picture = catchThrowable(() -> reader.embeddedPicture(damaged));
            if (read != null) {
                assertThat(read).as("read, case %d", i).isInstanceOf(UnreadableAudioException.class);
            }
            if (picture != null) {
                assertThat(picture).as("picture, case %d", i).isInstanceOf(UnreadableAudioException.class);
            }
        }
    }

    @Test
    void unsupportedExtensionIsUnreadable() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not audio");

        assertThatThrownBy(() -> reader.read(text)).isInstanceOf(UnreadableAudioException.class).hasMessageContaining(".txt");
    }

    @Test
    void missingFileIsAnIoErrorNotUnreadableAudio() {
        assertThatThrownBy(() -> reader.read(dir.resolve("missing.mp3"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
