package dev.resonance.impl.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void asciiNamesStayReadable() {
        assertThat(ContentDisposition.attachment("01 Song (Live).flac", "opus"))
                .isEqualTo("attachment; filename=\"01 Song (Live).opus\"; filename*=UTF-8''01%20Song%20%28Live%29.opus");
    }

    @Test
    void quotesControlCharactersAndUnicodeCannotBreakTheHeader() {
        String header = ContentDisposition.attachment("Björk \"Jóga\"\r\nSet-Cookie: x=1.mp3", "mp3");

        assertThat(header).doesNotContain("\r", "\n").startsWith("attachment; filename=\"Bj_rk _J_ga___Set-Cookie_ x_1.mp3\";");
        assertThat(header).endsWith("filename*=UTF-8''Bj%C3%B6rk%20%22J%C3%B3ga%22__Set-Cookie%3A%20x%3D1.mp3");
    }

    @Test
    void anEmptyOrDotsOnlyNameBecomesTrack() {
        assertThat(ContentDisposition.attachment("..", "mp3")).startsWith("attachment; filename=\"track.mp3\"");
        assertThat(ContentDisposition.attachment(".flac", "flac")).startsWith("attachment; filename=\"track.flac\"");
    }
}
