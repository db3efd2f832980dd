package dev.resonance.plugin.lyrics.lrclib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plugin's JSON reader agrees with Jackson (which writes the fake LRCLIB's answers) and refuses what is not JSON. */
class JsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Property(tries = 1_000, seed = "20261203")
    void anyStringJacksonWritesReadsBackTheSame(@ForAll String text) throws JsonProcessingException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("syncedLyrics", text);
        record.put(text, List.of(text, 1L, -2.5, true));

        assertThat(Json.parse(JACKSON.writeValueAsString(record))).isEqualTo(record);
    }

    @Test
    void readsAnLrclibRecordWithNullsAndMembersItDoesNotKnow() {
        LrclibRecord record = LrclibRecord.fromJson("""
            {"id":3396226,"name":"I Want to Live","trackName":"I Want to Live","artistName":"Borislav Slavov",
             "albumName":"Baldur's Gate 3 (Original Game Soundtrack)","duration":233.0,"instrumental":false,
             "plainLyrics":"I feel your breath upon my neck\\n","syncedLyrics":null,"isrcs":[]}""");

        assertThat(record).isEqualTo(new LrclibRecord(3396226, "I Want to Live", "Borislav Slavov",
            "Baldur's Gate 3 (Original Game Soundtrack)", 233.0, false,
            Optional.of("I feel your breath upon my neck\n"), Optional.empty()));
    }

    @Test
    void numbersAreLongsWhenIntegralAndDoublesOtherwise() {
        assertThat(Json.parse("[0, -7, 9223372036854775807, 9223372036854775808, 1.5, 2e3, -0.0]"))
            .isEqualTo(List.of(0L, -7L, Long.MAX_VALUE, 9.223372036854775808e18, 1.5, 2000.0, -0.0));
    }

    @Test
    void escapesIncludingSurrogatePairs() {
        assertThat(Json.parse("\"\\u00e9\\ud83c\\udfb5 \\\"\\\\\\/\\b\\f\\n\\r\\t\"")).isEqualTo("é🎵 \"\\/\b\f\n\r\t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "[01]", "-", "1.", "1e", "tru", "nul",
        "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"raw \n newline\"", "{} {}", "{'a':1}", "NaN",
        "<html>503</html>"})
    void whatIsNotJsonIsRefused(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.MalformedJsonException.class);
    }

    @Test
    void nestingIsBounded() {
        char[] open = new char[Json.MAX_DEPTH + 2];
        Arrays.fill(open, '[');
        assertThatThrownBy(() -> Json.parse(new String(open))).isInstanceOf(Json.MalformedJsonException.class)
            .hasMessageContaining("nested deeper");
    }

    @Test
    void aRecordWithMembersOfTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> LrclibRecord.fromJson("{\"id\":1,\"instrumental\":\"no\"}"))
            .isInstanceOf(Json.MalformedJsonException.class).hasMessageContaining("instrumental");
        assertThatThrownBy(() -> LrclibRecord.fromJson("[]")).isInstanceOf(Json.MalformedJsonException.class);
    }
}
