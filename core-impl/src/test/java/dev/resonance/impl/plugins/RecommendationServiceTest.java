package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.recommend.Recommendation;
import dev.resonance.api.recommend.RecommendationRequest;
import dev.resonance.api.recommend.Recommender;
import dev.resonance.impl.input.IdList;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recommendations asked of {@link Recommender} plugins in a real OSGi framework over a scanned catalog: answers
 * interleaved by rank in ranking order, duplicates, seeds, excluded and invisible tracks dropped, a failing or hanging
 * recommender contributing nothing, none at all answering an empty list.
 */
class RecommendationServiceTest {

    @TempDir
    Path dir;

    private PluginWorld world;
    private PluginManager manager;
    private PluginCalls calls;
    private Providers<Recommender> providers;
    private TwoLibraries libraries;
    private RecommendationService service;
    private Caller admin;
    /** A regular user who sees the library "Music" only. */
    private Caller limited;
    /** Tracks a1..a4 in "Music"; o1 in "Other". */
    private long a1;
    private long a2;
    private long a3;
    private long a4;
    private long o1;

    @BeforeEach
    void start() throws Exception {
        world = new PluginWorld(dir.resolve("osgi"));
        manager = world.manager();
        // far beyond any scheduling delay: a recommender answering at once must never lose the race on a loaded machine
        calls = new PluginCalls(manager, Duration.ofSeconds(2), 2);
        providers = Providers.track(world.context(), Recommender.class, manager, calls);
        Path music = dir.resolve("music");
        Path other = dir.resolve("other");
        for (int i = 1; i <= 4; i++) {
            PropertiesTagReader.write(music.resolve("a/" + i + ".mp3"), "title", "A" + i, "artist", "Aurora Vale", "album", "Tides");
        }
        PropertiesTagReader.write(other.resolve("b/1.mp3"), "title", "O1", "artist", "Portishead", "album", "Dummy");
        libraries = TwoLibraries.scan(music, other);
        a1 = libraries.track("A1");
        a2 = libraries.track("A2");
        a3 = libraries.track("A3");
        a4 = libraries.track("A4");
        o1 = libraries.track("O1");
        admin = libraries.admin;
        limited = libraries.limited;
        service = new RecommendationService(libraries.catalog.db, providers);
    }

    @AfterEach
    void stop() throws Exception {
        providers.close();
        calls.close();
        manager.close();
        world.close();
        libraries.close();
    }

    private void recommender(String id, int ranking, Recommender recommender) throws Exception {
        world.provider(manager, id, Recommender.class, "dev.resonance.api.recommend", ranking, recommender);
    }

    private static List<Recommendation> of(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(id -> new Recommendation(id, Optional.of("because " + id))).toList();
    }

    private static List<String> titles(RecommendationService.Result result) {
        return result.items().stream().map(item -> item.track().title()).toList();
    }

    private RecommendationService.Result discover(Caller caller, int limit) {
        return service.recommend(caller, RecommendationRequest.Purpose.DISCOVER, List.of(), Set.of(), limit);
    }

    @Test
    void withoutRecommendersTheAnswerIsEmpty() {
        RecommendationService.Result result = discover(admin, 30);

        assertThat(result.items()).isEmpty();
        assertThat(result.plugins()).isEmpty();
        assertThat(result.purpose()).isEqualTo("discover");
        assertThat(service.available()).isFalse();
    }

    @Test
    void answersAreInterleavedByRankInRankingOrderWithoutDuplicates() throws Exception {
        recommender("second", 1, request -> of(a3, a1, a4));
        recommender("first", 10, request -> of(a1, a2));

        RecommendationService.Result result = discover(admin, 30);

        // rank 1: first's A1, second's A3; rank 2: first's A2, second's A1 (already there); rank 3: second's A4
        assertThat(titles(result)).containsExactly("A1", "A3", "A2", "A4");
        assertThat(result.items()).extracting(RecommendationService.Item::plugin).containsExactly("first", "second", "first", "second");
        assertThat(result.items().get(1).reason()).contains("because " + a3);
        assertThat(result.plugins()).containsExactly("first", "second");
        assertThat(service.available()).isTrue();
    }

    @Test
    void theRequestCarriesTheVisibleSeedsAndTheExclusionsAndTheirTracksAreNotRecommended() throws Exception {
        AtomicReference<RecommendationRequest> asked = new AtomicReference<>();
        recommender("similar", 1, request -> {
            asked.set(request);
            return of(a1, a2, a3, a4, o1);
        });

        RecommendationService.Result result = service.recommend(limited, RecommendationRequest.Purpose.SIMILAR,
                List.of(a1, o1), Set.of(a3), 10);

        assertThat(asked.get().userId()).isEqualTo(limited.userId());
        assertThat(asked.get().purpose()).isEqualTo(RecommendationRequest.Purpose.SIMILAR);
        assertThat(asked.get().seedTrackIds()).as("a seed the user cannot see is not passed on").containsExactly(a1);
        assertThat(asked.get().exclude()).contains(a1, a3);
        assertThat(asked.get().limit()).isEqualTo(10);
        // the seeds and the excluded track are not recommended; O1 is in a library the user cannot see
        assertThat(titles(result)).containsExactly("A2", "A4");
    }

    @Test
    void theLimitCutsTheAnswerAndARecommenderSendingMoreIsCutToIt() throws Exception {
        recommender("greedy", 1, request -> of(a1, a2, a3, a4));

        assertThat(titles(discover(admin, 2))).containsExactly("A1", "A2");
    }

    @Test
    void aFailingOrHangingRecommenderGivesNothingAndTheOthersStillAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        recommender("broken", 30, request -> {
            throw new IllegalStateException("model not loaded");
        });
        recommender("hanging", 20, request -> {
            release.await();
            return of(a4);
        });
        recommender("good", 10, request -> of(a2));
        try {
            RecommendationService.Result result = discover(admin, 30);

            assertThat(titles(result)).containsExactly("A2");
            assertThat(result.plugins()).containsExactly("good");
        } finally {
            release.countDown();
        }
    }

    @Test
    void theParametersAreChecked() {
        assertThat(RecommendationsResource.purpose("similar")).isEqualTo(RecommendationRequest.Purpose.SIMILAR);
        assertThat(IdList.parse("seeds", " 3, 4 ", 50)).containsExactly(3L, 4L);
        assertThat(IdList.parse("seeds", "", 50)).isEmpty();
        assertThatThrownBy(() -> RecommendationsResource.purpose("weekly")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> IdList.parse("seeds", "3,x", 50)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> IdList.parse("seeds", "0", 50)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> IdList.parse("exclude", "1,2,3", 2)).isInstanceOf(InvalidInput.class);
    }
}
