package dev.resonance.impl.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.auth.ApiHarness;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A node holds at most {@code maxSockets} sockets; beyond that it refuses with 1013 instead of running out of heap. */
class SyncHubLimitsTest {

    @Test
    void aFullNodeRefusesNewSocketsUntilOneCloses() throws Exception {
        try (ApiHarness api = new ApiHarness()) {
            Clock clock = Clock.systemUTC();
            SyncHub hub = new SyncHub(api.auth::authenticate, api.db, api.sync.sync(), new PlaybackService(api.db, api.sync.sync(), clock),
                    new SyncHub.Limits(65536, 50, 256, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), 5, 2), clock);
            try {
                api.createUser("ada", "password-123", "regular");
                String token = api.accessToken("ada", "password-123", "phone");
                PlaybackAcrossNodesTest.SentFrames one = new PlaybackAcrossNodesTest.SentFrames();
                PlaybackAcrossNodesTest.SentFrames two = new PlaybackAcrossNodesTest.SentFrames();
                PlaybackAcrossNodesTest.SentFrames three = new PlaybackAcrossNodesTest.SentFrames();
                SyncSession first = hub.open(one, Optional.of(token));
                hub.open(two, Optional.of(token));
                one.next("connected");
                two.next("connected");

                SyncSession refused = hub.open(three, Optional.of(token));
                assertThat(refused.isOpen()).isFalse();
                assertThat(three.closedWith).isEqualTo(SyncSession.TRY_AGAIN_LATER);
                assertThat(hub.size()).isEqualTo(2);

                first.close(SyncSession.NORMAL, "bye");
                PlaybackAcrossNodesTest.SentFrames again = new PlaybackAcrossNodesTest.SentFrames();
                hub.open(again, Optional.of(token));
                again.next("connected");
            } finally {
                hub.close();
            }
        }
    }

    @Test
    void theDefaultCapIsWhatTheHeapHolds() {
        long mib = 1024 * 1024;
        assertThat(SyncHub.Limits.socketsFor(160 * mib)).isEqualTo(2730);
        assertThat(SyncHub.Limits.socketsFor(512 * mib)).isEqualTo(17749);
        assertThat(SyncHub.Limits.socketsFor(64 * mib)).as("never below 100").isEqualTo(100);
    }
}
