package dev.resonance.impl.sync.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalBusTest {

    private final LocalBus bus = new LocalBus();

    private static BusMessage message(long userId, String json) {
        return new BusMessage(userId, "node", null, null, json);
    }

    @Test
    void publishReachesEveryListenerOfThatUserOnlyOnThePublishersThread() {
        List<String> seven = new ArrayList<>();
        List<String> sevenAgain = new ArrayList<>();
        List<String> eight = new ArrayList<>();
        bus.subscribe(7, m -> seven.add(m.json() + "@" + Thread.currentThread().getName()));
        bus.subscribe(7, m -> sevenAgain.add(m.json()));
        bus.subscribe(8, m -> eight.add(m.json()));

        bus.publish(message(7, "{\"a\":1}"));

        assertThat(seven).containsExactly("{\"a\":1}@" + Thread.currentThread().getName());
        assertThat(sevenAgain).containsExactly("{\"a\":1}");
        assertThat(eight).isEmpty();
    }

    @Test
    void aClosedSubscriptionGetsNothingAndClosingTwiceIsHarmless() {
        List<String> got = new ArrayList<>();
        SyncBus.Subscription subscription = bus.subscribe(7, m -> got.add(m.json()));
        bus.publish(message(7, "1"));
        subscription.close();
        subscription.close();
        bus.publish(message(7, "2"));

        assertThat(got).containsExactly("1");
        assertThat(bus.hasListeners(7)).isFalse();
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<String> got = new ArrayList<>();
        bus.subscribe(7, m -> {
            throw new IllegalStateException("boom");
        });
        bus.subscribe(7, m -> got.add(m.json()));

        bus.publish(message(7, "x"));

        assertThat(got).containsExactly("x");
    }

    @Test
    void targetedAndNoEchoSemanticsAreTheMessages() {
        BusMessage fromDevice3 = new BusMessage(7, "node", 3L, null, "{}");
        BusMessage toDevice5 = new BusMessage(7, "node", 3L, 5L, "{}");

        assertThat(fromDevice3.deliverableTo(3)).isFalse();
        assertThat(fromDevice3.deliverableTo(4)).isTrue();
        assertThat(toDevice5.deliverableTo(5)).isTrue();
        assertThat(toDevice5.deliverableTo(4)).isFalse();
    }
}
