package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.playback.NowPlayingListener;
import dev.resonance.api.playback.PlaybackEvent;
import dev.resonance.api.playback.Scrobble;
import dev.resonance.api.playback.Scrobbler;
import dev.resonance.impl.sync.PlayNotice;
import dev.resonance.impl.sync.PlayTracker.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Playback events and listens handed to plugins in a real OSGi framework: in order per user, a plugin that throws or
 * hangs delays no other (nor the playback thread), a plugin without {@code user-data} or disabled gets nothing, only
 * qualifying plays are scrobbled, and a plugin far behind loses its oldest notifications with a report.
 */
class PlaybackNotifierTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Instant STARTED = Instant.parse("2026-03-01T20:00:00Z");
    private static final String USER_DATA = "{\"user-data\": {\"reason\": \"tell your friends what you play\"}}";

    @TempDir
    Path storage;

    private PluginWorld world;
    private PluginManager manager;
    private PluginCalls calls;
    private PlaybackNotifier notifier;
    private final List<CountDownLatch> toRelease = new ArrayList<>();

    @BeforeEach
    void start() {
        world = new PluginWorld(storage);
        manager = world.manager();
        calls(TIMEOUT, PlaybackNotifier.QUEUE_LIMIT);
    }

    /** Calls into plugins with {@code timeout}, and a notifier queueing up to {@code limit} calls per plugin. */
    private void calls(Duration timeout, int limit) {
        if (notifier != null) {
            notifier.close();
            calls.close();
        }
        calls = new PluginCalls(manager, timeout, 2);
        notifier = new PlaybackNotifier(new OneTrackCatalog(), manager, calls, limit);
    }

    @AfterEach
    void stop() throws Exception {
        toRelease.forEach(CountDownLatch::countDown);
        notifier.close();
        calls.close();
        manager.close();
        world.close();
    }

    /** Installs and enables plugin {@code id} asking for {@code permissions} (a JSON object). */
    private Bundle plugin(String id, String permissions) throws Exception {
        Bundle bundle = world.install(PluginWorld.plugin(id, "1.0.0", PluginWorld.descriptor(id, "[1.1,2)", permissions,
                List.of("NowPlayingListener", "Scrobbler")),
            Map.of(Constants.IMPORT_PACKAGE, "dev.resonance.api.playback;version=\"[1.0,2)\"")));
        manager.reconcileNow();
        manager.enable(id, Optional.empty());
        return bundle;
    }

    private void listen(Bundle bundle, NowPlayingListener listener) {
        ServiceRegistration<NowPlayingListener> registration =
            bundle.getBundleContext().registerService(NowPlayingListener.class, listener, null);
        notifier.addListener(registration.getReference(), listener);
    }

    private void scrobble(Bundle bundle, Scrobbler scrobbler) {
        ServiceRegistration<Scrobbler> registration = bundle.getBundleContext().registerService(Scrobbler.class, scrobbler, null);
        notifier.addScrobbler(registration.getReference(), scrobbler);
    }

    /** A listener and a scrobbler writing what they get to {@code diary}: "KIND user position" and "scrobble user title". */
    private void keepDiary(Bundle bundle, List<String> diary) {
        listen(bundle, event -> diary.add(event.kind() + " " + event.username() + " " + event.positionMs()));
        scrobble(bundle, scrobbler("diary", scrobble -> diary.add("scrobble " + scrobble.username() + " " + scrobble.track().title())));
    }

    /** A scrobbler for {@code service} handing each listen to {@code into}. */
    static Scrobbler scrobbler(String service, java.util.function.Consumer<Scrobble> into) {
        return new Scrobbler() {
            @Override
            public String service() {
                return service;
            }

            @Override
            public void scrobble(Scrobble scrobble) {
                into.accept(scrobble);
            }
        };
    }

    private static PlayNotice notice(Type type, long user, long positionMs) {
        return new PlayNotice(type, user, "user" + user, 3, "Pixel", OneTrackCatalog.TRACK.id(), positionMs, positionMs, STARTED,
            STARTED.plusMillis(positionMs));
    }

    private void played(PlayNotice... notices) {
        notifier.played(List.of(notices));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited in vain: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A listener that, on its first event, records it and then blocks, ignoring interruption, until released. */
    private NowPlayingListener stuck(List<String> seen, CountDownLatch entered) {
        CountDownLatch release = new CountDownLatch(1);
        toRelease.add(release);
        return event -> {
            seen.add(event.kind() + " " + event.positionMs());
            entered.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // a badly written plugin
                }
            }
        };
    }

    @Test
    void eventsAndListensReachAPluginAsPlaybackEventsInTheOrderEachUserMadeThem() throws Exception {
        List<String> diary = new CopyOnWriteArrayList<>();
        keepDiary(plugin("diary", USER_DATA), diary);
        List<PlaybackEvent> events = new CopyOnWriteArrayList<>();
        listen(plugin("presence", USER_DATA), events::add);

        played(notice(Type.STARTED, 1, 0));
        played(notice(Type.PAUSED, 1, 60_000));
        played(notice(Type.RESUMED, 1, 60_000));
        played(notice(Type.FINISHED, 1, 200_000), notice(Type.QUALIFIED, 1, 200_000), notice(Type.STARTED, 1, 0));
        await("6 entries", () -> diary.size() == 6);
        assertThat(diary).containsExactly("STARTED user1 0", "PAUSED user1 60000", "RESUMED user1 60000",
            "FINISHED user1 200000", "scrobble user1 Song", "STARTED user1 0");

        await("5 events", () -> events.size() == 5);
        PlaybackEvent finished = events.get(3);
        assertThat(finished.kind()).isEqualTo(PlaybackEvent.Kind.FINISHED);
        assertThat(finished.track()).isEqualTo(OneTrackCatalog.TRACK);
        assertThat(finished.userId()).isEqualTo(1);
        assertThat(finished.deviceId()).isEqualTo(3);
        assertThat(finished.deviceName()).isEqualTo("Pixel");
        assertThat(finished.startedAt()).isEqualTo(STARTED);
        assertThat(finished.at()).isEqualTo(STARTED.plusSeconds(200));
        assertThat(finished.playedMs()).isEqualTo(200_000);

        // two users changing playback at once, each from its own thread: each user's events stay in order
        diary.clear();
        List<Thread> users = new ArrayList<>();
        for (long user = 2; user <= 3; user++) {
            long id = user;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    played(notice(Type.PROGRESSED, id, i));
                }
            });
            thread.start();
            users.add(thread);
        }
        for (Thread user : users) {
            user.join();
        }
        await("200 entries", () -> diary.size() == 200);
        for (String user : List.of("user2", "user3")) {
            List<String> his = diary.stream().filter(e -> e.contains(" " + user + " ")).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                expected.add("PROGRESSED " + user + " " + i);
            }
            assertThat(his).isEqualTo(expected);
        }
    }

    @Test
    void aPluginThatThrowsOrHangsDelaysNoOtherPluginNorThePlaybackThread() throws Exception {
        calls(Duration.ofSeconds(60), PlaybackNotifier.QUEUE_LIMIT); // the others get their events long before it times out
        List<String> stuckSaw = new CopyOnWriteArrayList<>();
        CountDownLatch stuckEntered = new CountDownLatch(1);
        listen(plugin("stuck", USER_DATA), stuck(stuckSaw, stuckEntered));
        List<String> thrownOn = new CopyOnWriteArrayList<>();
        listen(plugin("thrower", USER_DATA), event -> {
            thrownOn.add(event.kind().name());
            throw new IllegalStateException("presence service refused");
        });
        List<String> healthy = new CopyOnWriteArrayList<>();
        listen(plugin("healthy", USER_DATA), event -> healthy.add(event.kind().name()));

        played(notice(Type.STARTED, 1, 0)); // returns at once: the playback thread only queues
        played(notice(Type.PAUSED, 1, 5_000));
        assertThat(stuckEntered.await(10, TimeUnit.SECONDS)).isTrue();

        await("the healthy plugin got both events", () -> healthy.size() == 2);
        assertThat(healthy).containsExactly("STARTED", "PAUSED");
        await("the thrower got the event after the one it threw on", () -> thrownOn.size() == 2);
        assertThat(thrownOn).containsExactly("STARTED", "PAUSED");
        assertThat(stuckSaw).as("the stuck plugin is still in its first call").containsExactly("STARTED 0");
        await("both failures reported", () -> manager.get("thrower").problem().map(PluginManager.Problem::count).orElse(0L) == 2);
        assertThat(manager.get("thrower").problem().orElseThrow().message())
            .contains("NowPlayingListener.onPlayback failed", "presence service refused");
        assertThat(manager.get("healthy").problem()).isEmpty();
    }

    @Test
    void aPluginWithoutTheUserDataPermissionGetsNothingAndIsToldWhy() throws Exception {
        List<String> nosy = new CopyOnWriteArrayList<>();
        keepDiary(plugin("nosy", "{\"catalog\": {\"reason\": \"match tracks\"}}"), nosy);
        List<String> diary = new CopyOnWriteArrayList<>();
        keepDiary(plugin("diary", USER_DATA), diary);

        played(notice(Type.STARTED, 1, 0), notice(Type.QUALIFIED, 1, 150_000), notice(Type.SKIPPED, 1, 150_000));

        await("the permitted plugin got everything", () -> diary.size() == 3);
        assertThat(nosy).isEmpty();
        assertThat(manager.get("nosy").problem().orElseThrow().message())
            .contains("registers Scrobbler", "does not declare the user-data permission");
    }

    @Test
    void aDisabledPluginGetsNothingUntilItIsEnabledAgain() throws Exception {
        Bundle bundle = plugin("diary", USER_DATA);
        List<String> diary = new CopyOnWriteArrayList<>();
        keepDiary(bundle, diary);
        List<String> witness = new CopyOnWriteArrayList<>();
        listen(plugin("witness", USER_DATA), event -> witness.add(event.kind().name()));

        played(notice(Type.STARTED, 1, 0));
        await("both got STARTED", () -> diary.size() == 1 && witness.size() == 1);

        manager.disable("diary", Optional.empty());
        played(notice(Type.PAUSED, 1, 10_000), notice(Type.QUALIFIED, 1, 120_000));
        await("the witness got PAUSED", () -> witness.size() == 2);

        manager.enable("diary", Optional.empty());
        keepDiary(bundle, diary); // its components register again when it starts
        played(notice(Type.RESUMED, 1, 10_000));
        await("the witness got RESUMED", () -> witness.size() == 3);
        await("the plugin enabled again got RESUMED", () -> diary.size() == 2);
        assertThat(diary).as("nothing of the time it was disabled").containsExactly("STARTED user1 0", "RESUMED user1 10000");
    }

    @Test
    void onlyPlaysThatQualifyAreScrobbledOnceWithTheirStartAndHeardTime() throws Exception {
        Bundle bundle = plugin("listens", USER_DATA);
        List<String> events = new CopyOnWriteArrayList<>();
        listen(bundle, event -> events.add(event.kind().name()));
        List<Scrobble> scrobbles = new CopyOnWriteArrayList<>();
        scrobble(bundle, scrobbler("listens", scrobbles::add));

        played(notice(Type.STARTED, 1, 0));
        played(notice(Type.SKIPPED, 1, 20_000), notice(Type.STARTED, 1, 0)); // 20 s of 200: no listen
        played(notice(Type.FINISHED, 1, 200_000), notice(Type.QUALIFIED, 1, 200_000));
        await("4 events", () -> events.size() == 4);
        await("a scrobble", () -> scrobbles.size() == 1);

        Scrobble listen = scrobbles.get(0);
        assertThat(listen.track()).isEqualTo(OneTrackCatalog.TRACK);
        assertThat(listen.username()).isEqualTo("user1");
        assertThat(listen.deviceName()).isEqualTo("Pixel");
        assertThat(listen.startedAt()).isEqualTo(STARTED);
        assertThat(listen.playedMs()).isEqualTo(200_000);
        Thread.sleep(200); // nothing else follows
        assertThat(scrobbles).hasSize(1);
    }

    @Test
    void aPluginFarBehindLosesItsOldestNotificationsAndThatIsReported() throws Exception {
        calls(Duration.ofSeconds(60), 3);
        List<String> slowSaw = new CopyOnWriteArrayList<>();
        CountDownLatch entered = new CountDownLatch(1);
        listen(plugin("slow", USER_DATA), stuck(slowSaw, entered));

        played(notice(Type.STARTED, 1, 0));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 9; i++) {
            played(notice(Type.PROGRESSED, 1, i * 1000L));
        }
        PluginManager.Problem problem = manager.get("slow").problem().orElseThrow();
        assertThat(problem.message()).contains("more than 3 playback notifications waited for it, the oldest were dropped");
        assertThat(problem.count()).isEqualTo(6);
        toRelease.forEach(CountDownLatch::countDown);

        await("the three newest", () -> slowSaw.size() == 4);
        assertThat(slowSaw).containsExactly("STARTED 0", "PROGRESSED 7000", "PROGRESSED 8000", "PROGRESSED 9000");
    }
}
