package dev.resonance.plugin.lyrics.lrclib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An LRCLIB answer becomes a record: lenient about nulls and new members, strict about syntax and types. */
class LrclibRecordTest {

    @Test
    void readsAnLrclibRecordWithNullsAndMembersItDoesNotKnow() throws JsonProcessingException {
        LrclibRecord record = LrclibRecord.fromJson("""
            {"id":3396226,"name":"I Want to Live","trackName":"I Want to Live","artistName":"Borislav Slavov",
             "albumName":"Baldur's Gate 3 (Original Game Soundtrack)","duration":233.0,"instrumental":false,
             "plainLyrics":"I feel your breath upon my neck\\n","syncedLyrics":null,"isrcs":[],"extra":{"a":[1]}}""");

        assertThat(record).isEqualTo(new LrclibRecord(3396226, "I Want to Live", "Borislav Slavov",
            "Baldur's Gate 3 (Original Game Soundtrack)", 233.0, false,
            Optional.of("I feel your breath upon my neck\n"), Optional.empty()));
    }

    @Test
    void missingOrNullMembersAreEmptyAndAFractionalDurationIsKept() throws JsonProcessingException {
        assertThat(LrclibRecord.fromJson("{\"trackName\":null,\"duration\":214.6,\"instrumental\":true}"))
            .isEqualTo(new LrclibRecord(0, "", "", "", 214.6, true, Optional.empty(), Optional.empty()));
        assertThat(LrclibRecord.fromJson("{\"id\":7,\"duration\":180}").duration()).isEqualTo(180.0);
    }

    @Test
    void escapesIncludingSurrogatePairs() throws JsonProcessingException {
        assertThat(LrclibRecord.fromJson("{\"plainLyrics\":\"\\u00e9\\ud83c\\udfb5 \\\"\\\\\\/\\b\\f\\n\\r\\t\"}")
            .plainLyrics()).hasValue("é🎵 \"\\/\b\f\n\r\t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"id\"}", "{\"id\":1,}", "{\"id\":01}", "{\"id\":-}", "{\"duration\":1.}",
        "{\"instrumental\":tru}", "{\"plainLyrics\":\"unterminated}", "{\"plainLyrics\":\"bad \\x escape\"}",
        "{\"plainLyrics\":\"raw \n newline\"}", "{} {}", "{'id':1}", "{\"duration\":NaN}", "<html>503</html>",
        "null", "[]", "[{}]", "\"a record\"", "42"})
    void whatIsNotAnObjectInJsonIsRefused(String text) {
        assertThatThrownBy(() -> LrclibRecord.fromJson(text)).isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":1,\"instrumental\":\"no\"}", "{\"instrumental\":\"true\"}",
        "{\"instrumental\":1}", "{\"duration\":\"233\"}", "{\"id\":\"1\"}", "{\"id\":true}", "{\"trackName\":42}",
        "{\"plainLyrics\":false}", "{\"syncedLyrics\":1.5}", "{\"albumName\":[\"a\"]}", "{\"artistName\":{}}"})
    void aRecordWithAMemberOfTheWrongTypeIsRefused(String text) {
        assertThatThrownBy(() -> LrclibRecord.fromJson(text)).isInstanceOf(JsonProcessingException.class);
    }
}
