package dev.resonance.impl.sync.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisChannelsTest {

    private final List<String> sent = new ArrayList<>();
    private final RedisChannels channels = new RedisChannels(new RedisChannels.Commands() {
        @Override
        public void subscribe(List<String> names) {
            sent.add("SUBSCRIBE " + String.join(" ", names.stream().sorted().toList()));
        }

        @Override
        public void unsubscribe(List<String> names) {
            sent.add("UNSUBSCRIBE " + String.join(" ", names.stream().sorted().toList()));
        }
    });

    @Test
    void theFirstListenerSubscribesAndTheLastUnsubscribes() {
        channels.acquire("c");
        channels.acquire("c");
        channels.release("c");
        assertThat(sent).containsExactly("SUBSCRIBE c");

        channels.release("c");
        channels.release("c"); // one release too many changes nothing
        assertThat(sent).containsExactly("SUBSCRIBE c", "UNSUBSCRIBE c");
    }

    @Test
    void reconcileAfterADisconnectResubscribesEveryWantedChannelIncludingOnesAddedWhileDown() {
        channels.acquire("a");
        channels.subscribed("a");
        channels.disconnected();
        channels.acquire("b"); // its SUBSCRIBE was rejected: Redis was down
        sent.clear();

        channels.reconcile();

        assertThat(sent).containsExactly("SUBSCRIBE a b");
    }

    @Test
    void aConfirmationForAChannelNobodyWantsAnyMoreIsUndone() {
        channels.acquire("a");
        channels.release("a"); // the UNSUBSCRIBE may have been rejected while Redis was down
        sent.clear();

        channels.subscribed("a"); // Lettuce re-subscribed it after reconnecting

        assertThat(sent).containsExactly("UNSUBSCRIBE a");
    }

    @Test
    void reconcileDoesNothingWhenRedisAgreesWithUs() {
        channels.acquire("a");
        channels.subscribed("a");
        sent.clear();

        channels.reconcile();

        assertThat(sent).isEmpty();
        assertThat(channels.wantedCount()).isEqualTo(1);
    }
}
