package dev.resonance.plugin.subsonic.browsing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArtistIndexTest {

    @Test
    void theKeyIsTheFirstLetterWithoutItsAccentInUpperCaseAndEverythingElseIsHash() {
        assertThat(ArtistIndex.key("beatles")).isEqualTo("B");
        assertThat(ArtistIndex.key("Émilie Simon")).isEqualTo("E");
        assertThat(ArtistIndex.key("  øystein")).isEqualTo("Ø");
        assertThat(ArtistIndex.key("Мумий Тролль")).isEqualTo("М");
        assertThat(ArtistIndex.key("2Pac")).isEqualTo("#");
        assertThat(ArtistIndex.key("!!!")).isEqualTo("#");
        assertThat(ArtistIndex.key("")).isEqualTo("#");
    }
}
