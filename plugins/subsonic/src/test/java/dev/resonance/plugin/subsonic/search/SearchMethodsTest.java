package dev.resonance.plugin.subsonic.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchMethodsTest {

    @Test
    void twoDoubleQuotesAreTheEmptyQueryAndQuotesAroundAQueryAreDropped() {
        assertThat(SearchMethods.query("\"\"")).isEmpty();
        assertThat(SearchMethods.query("")).isEmpty();
        assertThat(SearchMethods.query(" \"help\" ")).isEqualTo("help");
        assertThat(SearchMethods.query("say \"hi\"")).isEqualTo("say \"hi\"");
        assertThat(SearchMethods.query("\"")).isEqualTo("\"");
    }
}
