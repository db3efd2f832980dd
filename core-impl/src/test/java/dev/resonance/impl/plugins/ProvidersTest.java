package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.ArtistInfo;
import dev.resonance.api.metadata.ArtistMetadata;
import dev.resonance.api.metadata.MetadataProvider;
import dev.resonance.api.recommend.Recommendation;
import dev.resonance.api.recommend.RecommendationRequest;
import dev.resonance.api.recommend.Recommender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * The registries the core asks plugins through, in a real OSGi framework: only enabled plugins that declare the SPI,
 * ranking order, services arriving and leaving at any time, and "ask everyone" running the plugins side by side
 * within one timeout, a hanging or throwing one costing the others nothing.
 */
class ProvidersTest {

    private static final Duration TIMEOUT = Duration.ofMillis(600);
    private static final String IMPORTS = "dev.resonance.api.library;version=\"[1.1,2)\",dev.resonance.api.metadata;"
        + "version=\"[1.0,2)\",dev.resonance.api.recommend;version=\"[1.0,2)\"";

    @TempDir
    Path storage;

    private PluginWorld world;
    private PluginManager manager;
    private PluginCalls calls;
    private Providers<MetadataProvider> metadata;
    private Providers<Recommender> recommenders;

    @BeforeEach
    void start() {
        world = new PluginWorld(storage);
        manager = world.manager();
        calls = new PluginCalls(manager, TIMEOUT, 2);
        metadata = Providers.track(world.context(), MetadataProvider.class, manager, calls);
        recommenders = Providers.track(world.context(), Recommender.class, manager, calls);
    }

    @AfterEach
    void stop() throws Exception {
        metadata.close();
        recommenders.close();
        calls.close();
        manager.close();
        world.close();
    }

    /** Installs and enables plugin {@code id} declaring {@code capabilities}. */
    private Bundle plugin(String id, List<String> capabilities) throws Exception {
        Bundle bundle = world.install(PluginWorld.plugin(id, "1.0.0",
            PluginWorld.descriptor(id, "[1.1,2)", "{\"catalog\": {\"reason\": \"match artists\"}}", capabilities),
            Map.of(Constants.IMPORT_PACKAGE, IMPORTS)));
        manager.reconcileNow();
        manager.enable(id, Optional.empty());
        return bundle;
    }

    private static <S> ServiceRegistration<S> register(Bundle bundle, Class<S> spi, S service, int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, ranking);
        return bundle.getBundleContext().registerService(spi, service, properties);
    }

    private static MetadataProvider biography(String source, String text) {
        return new MetadataProvider() {
            @Override
            public String source() {
                return source;
            }

            @Override
            public Optional<ArtistMetadata> artist(ArtistInfo artist) {
                return Optional.of(new ArtistMetadata(Optional.of(text), List.of(), List.of(), List.of(), Optional.empty()));
            }
        };
    }

    private static Optional<String> biographyOf(Providers<MetadataProvider> providers) {
        ArtistInfo artist = new ArtistInfo(1, "Aurora Vale", Optional.empty());
        return providers.first("artist", p -> p.artist(artist), Optional::isPresent)
            .flatMap(answer -> answer.value().flatMap(ArtistMetadata::biography));
    }

    @Test
    void onlyEnabledPluginsThatDeclareTheSpiAreAskedInRankingOrder() throws Exception {
        register(plugin("declared", List.of("MetadataProvider")), MetadataProvider.class,
            biography("declared", "from a declared provider"), 100);
        register(plugin("undeclared", List.of("LyricsProvider")), MetadataProvider.class,
            biography("undeclared", "from a provider nobody approved"), 500);
        assertThat(metadata.plugins()).containsExactly("declared");
        assertThat(biographyOf(metadata)).contains("from a declared provider");

        register(plugin("better", List.of("MetadataProvider")), MetadataProvider.class,
            biography("better", "from a higher ranked provider"), 300);
        assertThat(metadata.plugins()).as("a service registered later is asked by the next call")
            .containsExactly("better", "declared");
        assertThat(biographyOf(metadata)).contains("from a higher ranked provider");

        manager.disable("better", Optional.empty());
        assertThat(metadata.plugins()).as("a disabled plugin is not asked").containsExactly("declared");
        assertThat(biographyOf(metadata)).contains("from a declared provider");
    }

    @Test
    void aProviderWithNothingIsPassedOverAndAnUnregisteredOneIsGoneAtOnce() throws Exception {
        Bundle quiet = plugin("quiet", List.of("MetadataProvider"));
        register(quiet, MetadataProvider.class, new MetadataProvider() {
            @Override
            public String source() {
                return "quiet";
            }
            // knows nothing: the default methods answer empty
        }, 300);
        ServiceRegistration<MetadataProvider> talker = register(plugin("talker", List.of("MetadataProvider")),
            MetadataProvider.class, biography("talker", "said something"), 100);

        assertThat(biographyOf(metadata)).contains("said something");
        talker.unregister();
        assertThat(biographyOf(metadata)).isEmpty();
        assertThat(metadata.plugins()).containsExactly("quiet");
        assertThat(metadata.first("album", p -> p.album(new AlbumInfo(1, "Signals", "Aurora Vale", Optional.empty(),
            Optional.empty(), Optional.empty(), 0)), Optional::isPresent)).isEmpty();
    }

    @Test
    void everyoneIsAskedAtOnceWithinOneTimeoutAndAHangingOrThrowingOneCostsTheOthersNothing() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Recommender slowButFine = request -> {
            bothStarted.countDown();
            // both answer only once both are running: asked one after the other, this would never answer in time
            assertThat(bothStarted.await(5, TimeUnit.SECONDS)).isTrue();
            return List.of(new Recommendation(10, Optional.of("slow but fine")));
        };
        Recommender alsoSlow = request -> {
            bothStarted.countDown();
            assertThat(bothStarted.await(5, TimeUnit.SECONDS)).isTrue();
            return List.of(new Recommendation(20, Optional.empty()));
        };
        Recommender hanging = request -> {
            Thread.sleep(60_000);
            return List.of(new Recommendation(30, Optional.empty()));
        };
        Recommender throwing = request -> {
            throw new IllegalStateException("model not loaded");
        };
        register(plugin("first", List.of("Recommender")), Recommender.class, slowButFine, 400);
        register(plugin("hanging", List.of("Recommender")), Recommender.class, hanging, 300);
        register(plugin("second", List.of("Recommender")), Recommender.class, alsoSlow, 200);
        register(plugin("throwing", List.of("Recommender")), Recommender.class, throwing, 100);

        RecommendationRequest request = new RecommendationRequest(1, RecommendationRequest.Purpose.AUTOPLAY, List.of(5L),
            Set.of(), 10);
        long started = System.nanoTime();
        List<Providers.Answer<List<Recommendation>>> answers = recommenders.all("recommend", r -> r.recommend(request));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(answers).extracting(Providers.Answer::plugin).containsExactly("first", "second");
        assertThat(answers.get(0).value()).extracting(Recommendation::trackId).containsExactly(10L);
        assertThat(tookMs).as("one timeout for everyone, not one each").isLessThan(TIMEOUT.toMillis() * 3);
        assertThat(manager.get("hanging").problem().orElseThrow().message())
            .isEqualTo("Recommender.recommend took longer than 600 ms");
        assertThat(manager.get("throwing").problem().orElseThrow().message())
            .isEqualTo("Recommender.recommend failed: IllegalStateException: model not loaded");
        assertThat(manager.get("first").problem()).isEmpty();
    }

    @Test
    void theCapabilitiesADescriptorMayNameAreTheSpisTheCoreAsksAndHttp() {
        Set<String> asked = new java.util.TreeSet<>();
        PluginPlatform.SPIS.forEach(spi -> asked.add(spi.getSimpleName()));
        // the PlaybackNotifier's, the UserActivityNotifier's, GraphQL's contributions (GraphQlComponent) and HTTP contributions
        asked.addAll(List.of("NowPlayingListener", "Scrobbler", UserActivityNotifier.SPI,
                dev.resonance.api.graphql.GraphQlContribution.class.getSimpleName(), "http"));
        assertThat(new java.util.TreeSet<>(dev.resonance.api.plugin.PluginDescriptor.capabilities())).isEqualTo(asked);
        assertThat(PluginPlatform.SPIS).allSatisfy(spi -> assertThat(spi.getPackageName()).startsWith("dev.resonance.api."));
    }
}
