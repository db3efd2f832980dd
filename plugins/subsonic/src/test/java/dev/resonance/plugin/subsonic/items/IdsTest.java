package dev.resonance.plugin.subsonic.items;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void eachKindHasItsPrefixAndReadsBack() {
        assertThat(Ids.artist(7)).isEqualTo("ar-7");
        assertThat(Ids.album(7)).isEqualTo("al-7");
        assertThat(Ids.song(7)).isEqualTo("tr-7");
        assertThat(Ids.image(7)).isEqualTo("im-7");
        assertThat(Ids.parse("tr-" + Long.MAX_VALUE)).contains(new Ids.Id(Ids.Kind.SONG, Long.MAX_VALUE));
        assertThat(Ids.parse("al-0")).contains(new Ids.Id(Ids.Kind.ALBUM, 0));
    }

    @Test
    void onlyTheOneDecimalFormIsAnId() {
        for (String text : List.of("", "7", "tr", "tr-", "tr-07", "tr-+7", "tr--7", "tr-7 ", " tr-7", "TR-7", "tr-7a",
                "tr-9223372036854775808", "tr-١٢", "xx-7", "tr_7")) {
            assertThat(Ids.parse(text)).as("\"%s\"", text).isEmpty();
        }
    }
}
