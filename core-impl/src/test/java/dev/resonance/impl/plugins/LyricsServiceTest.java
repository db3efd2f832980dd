package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.api.lyrics.LyricsProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
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
 * The core asking lyrics plugins, in a real OSGi framework: ranking order, fallback, and the documented degradation
 * for a plugin that throws, one that hangs past the timeout, one removed mid-call, and a disabled one.
 */
class LyricsServiceTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);

    @TempDir
    Path storage;

    private PluginWorld world;
    private PluginManager manager;
    private PluginCalls calls;
    private Providers<LyricsProvider> providers;
    private LyricsService lyrics;

    @BeforeEach
    void start() {
        world = new PluginWorld(storage);
        manager = world.manager();
        calls = new PluginCalls(manager, TIMEOUT, 2);
        providers = Providers.track(world.context(), LyricsProvider.class, manager, calls);
        lyrics = new LyricsService(new OneTrackCatalog(), providers);
    }

    @AfterEach
    void stop() throws Exception {
        providers.close();
        calls.close();
        manager.close();
        world.close();
    }

    private static Lyrics text(String line) {
        return Lyrics.plain(List.of(LyricLine.plain(line)));
    }

    /** Installs and enables plugin {@code id}, registers {@code provider} from it with {@code ranking}. */
    private ServiceRegistration<LyricsProvider> provider(String id, int ranking, LyricsProvider provider) throws Exception {
        Bundle bundle = world.install(PluginWorld.plugin(id, "1.0.0"));
        manager.reconcileNow();
        manager.enable(id, Optional.empty());
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, ranking);
        ServiceRegistration<LyricsProvider> registration =
            bundle.getBundleContext().registerService(LyricsProvider.class, provider, properties);
        return registration;
    }

    private static LyricsProvider answering(String source, List<Lyrics> answer) {
        return new LyricsProvider() {
            @Override
            public String source() {
                return source;
            }

            @Override
            public List<Lyrics> lyrics(TrackInfo track) {
                return answer;
            }
        };
    }

    @Test
    void theHighestRankedProviderWithLyricsAnswersAndEmptyOnesAreSkipped() throws Exception {
        provider("low", 100, answering("low", List.of(text("from low"))));
        provider("high", 300, answering("high", List.of()));
        provider("mid", 200, answering("mid", List.of(text("from mid"))));

        LyricsService.Answer answer = lyrics.lyrics(7);

        assertThat(answer.source()).contains("mid");
        assertThat(answer.plugin()).contains("mid");
        assertThat(answer.lyrics()).containsExactly(text("from mid"));
    }

    @Test
    void aThrowingProviderGivesNothingIsReportedOnceAndTheNextOneAnswers() throws Exception {
        provider("thrower", 300, new LyricsProvider() {
            @Override
            public String source() {
                return "thrower";
            }

            @Override
            public List<Lyrics> lyrics(TrackInfo track) {
                throw new IllegalStateException("database of lyrics corrupt");
            }
        });
        provider("fallback", 100, answering("fallback", List.of(text("still here"))));

        assertThat(lyrics.lyrics(7).lyrics()).containsExactly(text("still here"));
        assertThat(lyrics.lyrics(7).source()).contains("fallback");

        PluginManager.Problem problem = manager.get("thrower").problem().orElseThrow();
        assertThat(problem.message()).contains("LyricsProvider.lyrics failed", "database of lyrics corrupt");
        assertThat(problem.count()).isEqualTo(2);
        assertThat(manager.troubled()).extracting(PluginManager.Plugin::id).containsExactly("thrower");
    }

    @Test
    void aProviderThatHangsPastTheTimeoutIsAbandonedWithinTheTimeout() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        provider("sleeper", 300, new LyricsProvider() {
            @Override
            public String source() {
                return "sleeper";
            }

            @Override
            public List<Lyrics> lyrics(TrackInfo track) throws InterruptedException {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return List.of(text("too late"));
            }
        });

        long started = System.nanoTime();
        LyricsService.Answer answer = lyrics.lyrics(7);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(answer.lyrics()).isEmpty();
        assertThat(answer.source()).isEmpty();
        assertThat(tookMs).as("answered after the timeout, not after the plugin").isLessThan(10_000);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the abandoned call was interrupted").isTrue();
        assertThat(manager.get("sleeper").problem().orElseThrow().message()).contains("took longer than 400 ms");
    }

    @Test
    void aPluginThatNeverReturnsHoldsOnlyItsOwnShareOfThreads() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        provider("stuck", 300, new LyricsProvider() {
            @Override
            public String source() {
                return "stuck";
            }

            @Override
            public List<Lyrics> lyrics(TrackInfo track) {
                while (never.getCount() > 0) {
                    try {
                        never.await();
                    } catch (InterruptedException ignored) {
                        // a badly written plugin: ignores interruption
                    }
                }
                return List.of();
            }
        });
        provider("healthy", 100, answering("healthy", List.of(text("fine"))));
        try {
            for (int i = 0; i < 4; i++) {
                assertThat(lyrics.lyrics(7).lyrics()).containsExactly(text("fine"));
            }
            assertThat(manager.get("stuck").problem().orElseThrow().message()).contains("busy");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aProviderRemovedMidCallGivesNothingAndIsNotAskedAgain() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch removed = new CountDownLatch(1);
        ServiceRegistration<LyricsProvider>[] registration = new ServiceRegistration[1];
        registration[0] = provider("leaving", 300, new LyricsProvider() {
            @Override
            public String source() {
                return "leaving";
            }

            @Override
            public List<Lyrics> lyrics(TrackInfo track) throws Exception {
                inCall.countDown();
                removed.await();
                throw new IllegalStateException("bundle stopped"); // what a plugin's closed resources do
            }
        });
        Thread remover = new Thread(() -> {
            try {
                inCall.await();
                registration[0].getReference().getBundle().stop(); // unregisters its services
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                removed.countDown();
            }
        });
        remover.start();

        assertThat(lyrics.lyrics(7).lyrics()).isEmpty();
        remover.join();
        assertThat(lyrics.lyrics(7).lyrics()).isEmpty();
        assertThat(manager.get("leaving").problem().orElseThrow().count()).isEqualTo(1);
    }

    @Test
    void aDisabledPluginIsNotAskedAndAnUnknownTrackHasNoLyrics() throws Exception {
        provider("quiet", 100, answering("quiet", List.of(text("hello"))));
        assertThat(lyrics.lyrics(7).lyrics()).hasSize(1);

        manager.disable("quiet", Optional.empty());

        assertThat(lyrics.lyrics(7).lyrics()).isEmpty();
        manager.enable("quiet", Optional.empty());
        assertThat(lyrics.lyrics(8).lyrics()).isEmpty();
    }
}
