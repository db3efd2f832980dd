package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.search.SearchHit;
import dev.resonance.api.search.SearchKind;
import dev.resonance.api.search.SearchProvider;
import dev.resonance.api.search.SearchQuery;
import dev.resonance.api.search.SearchResult;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.library.scan.CatalogFixture;
import dev.resonance.impl.library.scan.PropertiesTagReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search asking {@link SearchProvider} plugins in a real OSGi framework over a scanned catalog: a plugin's answer is
 * used and hydrated, hits the caller may not see are dropped, and the core answers when a plugin throws, hangs past the
 * deadline, cannot answer, or there is none.
 */
class SearchServiceTest {

    /**
     * How long the search waits for the providers. Providers that answer at once get a deadline far beyond any machine's
     * scheduling delay (a short one made them lose the race on a loaded machine, and the core answered instead); the
     * test of a provider past the deadline uses {@link #SHORT_DEADLINE} with a provider that never answers.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration SHORT_DEADLINE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private PluginWorld world;
    private PluginManager manager;
    private PluginCalls calls;
    private Providers<SearchProvider> providers;
    private TwoLibraries libraries;
    private CatalogFixture catalog;
    private SearchService search;
    private Caller admin;
    /** A regular user who sees the library "Music" only. */
    private Caller limited;
    private long beatlesTrack;
    private long otherTrack;

    @BeforeEach
    void start() throws Exception {
        world = new PluginWorld(dir.resolve("osgi"));
        manager = world.manager();
        calls = new PluginCalls(manager, Duration.ofSeconds(5), 2);
        providers = Providers.track(world.context(), SearchProvider.class, manager, calls);
        Path music = dir.resolve("music");
        Path other = dir.resolve("other");
        PropertiesTagReader.write(music.resolve("a/1.mp3"), "title", "Come Together", "artist", "The Beatles", "album", "Abbey Road");
        PropertiesTagReader.write(other.resolve("b/1.mp3"), "title", "Roads", "artist", "Portishead", "album", "Dummy");
        libraries = TwoLibraries.scan(music, other);
        catalog = libraries.catalog;
        beatlesTrack = libraries.track("Come Together");
        otherTrack = libraries.track("Roads");
        admin = libraries.admin;
        limited = libraries.limited;
        search = new SearchService(catalog.db, providers, DEADLINE);
    }

    @AfterEach
    void stop() throws Exception {
        providers.close();
        calls.close();
        manager.close();
        world.close();
        libraries.close();
    }

    private void provider(String id, SearchProvider provider) throws Exception {
        world.provider(manager, id, SearchProvider.class, "dev.resonance.api.search", 0, provider);
    }

    private SearchService.Result run(Caller caller, String text) {
        return search.search(caller, new SearchService.Query(text, Set.of(), Optional.empty(), Optional.empty(), 20, Optional.empty(), true));
    }

    private static List<String> titles(SearchService.Result result) {
        return result.tracks().orElseThrow().items().stream().map(CatalogViews.Track::title).toList();
    }

    @Test
    void withoutPluginsTheCoreAnswers() {
        SearchService.Result result = run(admin, "come togeter");

        assertThat(result.provider()).isEqualTo("core");
        assertThat(titles(result)).containsExactly("Come Together");
    }

    @Test
    void aPluginsAnswerIsUsedInItsOrderAndHydrated() throws Exception {
        AtomicReference<SearchQuery> asked = new AtomicReference<>();
        provider("meili", query -> {
            asked.set(query);
            return Optional.of(new SearchResult(List.of(new SearchHit(SearchKind.TRACK, otherTrack, 2),
                    new SearchHit(SearchKind.TRACK, beatlesTrack, 1))));
        });

        SearchService.Result result = run(admin, "anything at all");

        assertThat(result.provider()).isEqualTo("meili");
        assertThat(titles(result)).containsExactly("Roads", "Come Together");
        assertThat(result.tracks().orElseThrow().items().get(1).album()).isEqualTo("Abbey Road");
        assertThat(result.facets().orElseThrow().kinds()).containsExactly(Map.entry("track", 2L));
        assertThat(asked.get().text()).isEqualTo("anything at all");
        assertThat(asked.get().kinds()).containsExactlyInAnyOrder(SearchKind.values());
        assertThat(asked.get().limit()).as("one more than the page, to know whether another follows").isEqualTo(21);
    }

    @Test
    void hitsTheCallerMayNotSeeAreDropped() throws Exception {
        provider("meili", query -> Optional.of(new SearchResult(List.of(new SearchHit(SearchKind.TRACK, otherTrack, 3),
                new SearchHit(SearchKind.TRACK, 999_999, 2), new SearchHit(SearchKind.TRACK, beatlesTrack, 1)))));

        SearchService.Result result = run(limited, "roads");

        assertThat(result.provider()).isEqualTo("meili");
        assertThat(titles(result)).containsExactly("Come Together");
        assertThat(result.facets().orElseThrow().kinds()).containsExactly(Map.entry("track", 1L));
    }

    @Test
    void aThrowingPluginLeavesTheAnswerToTheCore() throws Exception {
        provider("broken", query -> {
            throw new IllegalStateException("index corrupt");
        });

        SearchService.Result result = run(admin, "beatls");

        assertThat(result.provider()).isEqualTo("core");
        assertThat(titles(result)).containsExactly("Come Together");
        assertThat(manager.get("broken").problem().orElseThrow().message()).contains("SearchProvider.search failed", "index corrupt");
    }

    @Test
    void aPluginPastTheDeadlineIsAbandonedAndTheCoreAnswers() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        provider("slow", query -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return Optional.empty();
        });

        SearchService impatient = new SearchService(catalog.db, providers, SHORT_DEADLINE);
        SearchService.Result result = impatient.search(admin, new SearchService.Query("beatles", Set.of(), Optional.empty(),
                Optional.empty(), 20, Optional.empty()));

        assertThat(result.provider()).isEqualTo("core");
        assertThat(titles(result)).containsExactly("Come Together");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the abandoned call was interrupted").isTrue();
        assertThat(manager.get("slow").problem().orElseThrow().message()).contains("SearchProvider.search took longer than");
    }

    @Test
    void aPluginThatCannotAnswerLeavesItToTheCore() throws Exception {
        provider("building", query -> Optional.empty());

        SearchService.Result result = run(limited, "portishead");

        assertThat(result.provider()).isEqualTo("core");
        assertThat(titles(result)).as("the core's answer keeps visibility too").isEmpty();
        assertThat(titles(run(admin, "portishead"))).containsExactly("Roads");
        assertThat(manager.get("building").problem()).isEmpty();
    }

    @Test
    void filteredSearchesAreTheCoresSinceTheSpiCarriesNoFilters() throws Exception {
        provider("meili", query -> Optional.of(new SearchResult(List.of(new SearchHit(SearchKind.TRACK, otherTrack, 1)))));

        SearchService.Result result = search.search(admin, new SearchService.Query("roads", Set.of(SearchKind.TRACK), Optional.empty(),
                Optional.of(1999), 20, Optional.empty()));

        assertThat(result.provider()).isEqualTo("core");
    }

    @Test
    void theKindsRankedAtOnceAnswerAsRankedInTurnAndAClosedPoolStillAnswers() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            SearchService parallel = new SearchService(catalog.db, providers, DEADLINE, pool);
            SearchService.Query query = new SearchService.Query("road", Set.of(), Optional.empty(), Optional.empty(), 20, Optional.empty(), true);
            SearchService.Result inTurn = search.search(admin, query);
            SearchService.Result atOnce = parallel.search(admin, query);
            assertThat(atOnce).isEqualTo(inTurn);
            assertThat(atOnce.tracks().orElseThrow().items()).isNotEmpty();
            pool.shutdownNow();
            assertThat(parallel.search(admin, query)).as("a search racing the platform's close ranks its kinds itself").isEqualTo(inTurn);
        } finally {
            pool.shutdownNow();
        }
    }
}
