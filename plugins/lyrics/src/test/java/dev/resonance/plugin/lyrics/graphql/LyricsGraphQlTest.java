package dev.resonance.plugin.lyrics.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.graphql.FieldRequest;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.LyricsProvider;
import dev.resonance.plugin.testkit.PluginHarness;
import dev.resonance.plugin.testkit.TestCatalog;
import dev.resonance.plugin.testkit.Tracks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code Track.lyrics}: the first source with lyrics, by ranking; a failing source skipped; nothing for an unknown track. */
class LyricsGraphQlTest {

    private final TestCatalog catalog = PluginHarness.load().catalog();
    private final LyricsGraphQl contribution = new LyricsGraphQl(catalog, null);

    private record Source(String source, List<Lyrics> lyrics, boolean fails) implements LyricsProvider {
        @Override
        public List<Lyrics> lyrics(TrackInfo track) throws Exception {
            if (fails) {
                throw new IllegalStateException("down");
            }
            return lyrics;
        }
    }

    private static Lyrics synced(String text) {
        return new Lyrics("eng", true, 0, Optional.empty(), Optional.empty(), List.of(new LyricLine(OptionalLong.of(1500), text, List.of())));
    }

    private static FieldRequest field(long id) {
        return new FieldRequest() {
            public String type() {
                return "Track";
            }

            public String field() {
                return "lyrics";
            }

            public OptionalLong id() {
                return OptionalLong.of(id);
            }

            public Map<String, Object> arguments() {
                return Map.of();
            }

            public Caller caller() {
                return null;
            }
        };
    }

    @Test
    void theHighestRankedSourceWithLyricsAnswersAndAFailingOneIsSkipped() throws Exception {
        catalog.add(Tracks.track(1, "Song", "Artist").build());
        contribution.addProvider(new Source("lrclib", List.of(synced("from lrclib")), false), Map.of("service.ranking", 100));
        contribution.addProvider(new Source("embedded", List.of(), true), Map.of("service.ranking", 300));
        contribution.addProvider(new Source("sidecar", List.of(synced("from the sidecar")), false), Map.of("service.ranking", 200));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answer = (List<Map<String, Object>>) contribution.resolve(field(1));
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0)).containsEntry("source", "sidecar").containsEntry("synced", true).containsEntry("lang", "eng");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) answer.get(0).get("lines");
        assertThat(lines.get(0)).containsEntry("startMs", 1500L).containsEntry("text", "from the sidecar");
        assertThat(contribution.schema()).contains("extend type Track").contains("lyrics: [LyricsText!]");
    }

    @Test
    void anUnknownTrackOrNoSourceWithLyricsIsAnEmptyList() throws Exception {
        assertThat((List<?>) contribution.resolve(field(42))).isEmpty();
        catalog.add(Tracks.track(2, "Song", "Artist").build());
        contribution.addProvider(new Source("sidecar", List.of(), false), Map.of());
        assertThat((List<?>) contribution.resolve(field(2))).isEmpty();
    }
}
