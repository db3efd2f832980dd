package dev.resonance.impl.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.health.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryFolderCheckTest {

    @TempDir
    Path temp;

    private static HealthCheck check(Path path) {
        return new LibraryFolderCheck(Optional.of(path)).check();
    }

    @Test
    void anExistingFolderIsUp() {
        assertThat(check(temp).isUp()).isTrue();
    }

    @Test
    void noFolderConfiguredIsUpWithAHint() {
        HealthCheck check = new LibraryFolderCheck(Optional.empty()).check();

        assertThat(check.isUp()).isTrue();
        assertThat(check.detail()).hasValueSatisfying(d -> assertThat(d).contains("MUSIC_LIBRARY_PATH"));
    }

    @Test
    void problemsAreDownAndNameTheSetting() throws IOException {
        Path file = Files.createFile(temp.resolve("song.mp3"));

        assertThat(check(temp.resolve("missing")).detail()).hasValue("MUSIC_LIBRARY_PATH=" + temp.resolve("missing") + " does not exist");
        assertThat(check(file).detail()).hasValue("MUSIC_LIBRARY_PATH=" + file + " is not a folder");
        assertThat(check(Path.of("relative/music")).detail()).hasValue("MUSIC_LIBRARY_PATH=relative/music is not an absolute path");
        assertThat(check(file).isUp()).isFalse();
    }
}
