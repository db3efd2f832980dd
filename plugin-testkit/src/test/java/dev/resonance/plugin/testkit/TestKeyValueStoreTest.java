package dev.resonance.plugin.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.storage.KeyValueStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TestKeyValueStoreTest {

    private final TestClock clock = new TestClock();
    private final TestKeyValueStore store = new TestKeyValueStore(
        Descriptors.withPermissions("{\"storage\": {\"reason\": \"cache\", \"maxBytes\": 100}}"), clock);

    @Test
    void withoutTheStoragePermissionNothingIsStored() {
        TestKeyValueStore undeclared = new TestKeyValueStore(Descriptors.withPermissions("{}"), clock);

        assertThatThrownBy(() -> undeclared.put("k", new byte[1], Optional.empty()))
            .isInstanceOfSatisfying(ResonanceException.class,
                e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN))
            .hasMessageContaining("plugin \"sample\" called KeyValueStore.put without declaring the \"storage\" permission");
        assertThatThrownBy(() -> undeclared.get("k")).isInstanceOf(ResonanceException.class);
        assertThatThrownBy(undeclared::usedBytes).isInstanceOf(ResonanceException.class);
    }

    @Test
    void aValueWithATtlIsGoneWhenTheClockReachesItsExpiry() {
        store.put("answer", "42".getBytes(UTF_8), Optional.of(Duration.ofMinutes(10)));
        store.put("kept", "1".getBytes(UTF_8), Optional.empty());

        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(store.get("answer")).hasValueSatisfying(v -> assertThat(new String(v, UTF_8)).isEqualTo("42"));
        clock.advance(Duration.ofMillis(1));
        assertThat(store.get("answer")).isEmpty();
        assertThat(store.delete("answer")).isFalse();
        clock.advance(Duration.ofDays(365));
        assertThat(store.get("kept")).isPresent();
        assertThat(store.usedBytes()).isEqualTo("kept".length() + 1);
    }

    @Test
    void keysAndValuesMayFillMaxBytesAndNotOneByteMore() {
        store.put("a", new byte[49], Optional.empty());        // 50
        store.put("b", new byte[49], Optional.empty());        // 100: full

        assertThatThrownBy(() -> store.put("c", new byte[0], Optional.empty()))
            .isInstanceOfSatisfying(ResonanceException.class,
                e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.TOO_LARGE))
            .hasMessageContaining("plugin \"sample\" stores 100 of its 100 bytes");
        store.put("b", new byte[9], Optional.empty());         // a replaced value counts once: 60
        store.put("c", new byte[39], Optional.empty());        // 100 again
        assertThat(store.usedBytes()).isEqualTo(100);
        assertThat(store.delete("c")).isTrue();
        assertThat(store.usedBytes()).isEqualTo(60);
    }

    @Test
    void expiredValuesDoNotCountAgainstTheLimit() {
        store.put("a", new byte[99], Optional.of(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));

        store.put("b", new byte[99], Optional.empty());

        assertThat(store.usedBytes()).isEqualTo(100);
    }

    @Test
    void keysAreCountedInUtf8BytesAndBoundedInCharacters() {
        store.put("é", new byte[0], Optional.empty());
        assertThat(store.usedBytes()).isEqualTo(2);

        TestKeyValueStore large = new TestKeyValueStore(Descriptors.withPermissions("{\"storage\": {\"reason\": \"x\"}}"),
            clock);
        large.put("k".repeat(KeyValueStore.MAX_KEY_LENGTH), new byte[0], Optional.empty());
        assertThatThrownBy(() -> large.put("k".repeat(KeyValueStore.MAX_KEY_LENGTH + 1), new byte[0], Optional.empty()))
            .isInstanceOfSatisfying(ResonanceException.class,
                e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.INVALID));
        assertThatThrownBy(() -> large.put("k", new byte[0], Optional.of(Duration.ZERO)))
            .hasMessageContaining("a TTL must be positive");
    }

    @Test
    void anUnavailableStoreFailsEveryCallAsTheCoresDoesAndKeepsItsValues() {
        store.put("kept", new byte[1], Optional.empty());

        store.unavailable(true);
        List<ThrowingCallable> calls = List.of(() -> store.get("kept"), () -> store.put("k", new byte[1],
            Optional.empty()), () -> store.delete("kept"), store::usedBytes);
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOfSatisfying(ResonanceException.class, e -> {
                assertThat(e.kind()).isEqualTo(ResonanceException.Kind.UNAVAILABLE);
                assertThat(e.code()).isEqualTo("unavailable");
            });
        }

        store.unavailable(false);
        assertThat(store.get("kept")).isPresent();
        assertThat(store.get("k")).isEmpty();
    }

    @Test
    void theCallsThePluginMadeAreListedRefusedOnesIncluded() {
        TestKeyValueStore undeclared = new TestKeyValueStore(Descriptors.withPermissions("{}"), clock);
        store.put("k", new byte[1], Optional.empty());
        store.get("k");
        store.get("other");

        assertThat(store.calls()).containsExactly("KeyValueStore.put", "KeyValueStore.get", "KeyValueStore.get");
        assertThatThrownBy(() -> undeclared.delete("k")).isInstanceOf(ResonanceException.class);
        assertThat(undeclared.calls()).containsExactly("KeyValueStore.delete");
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] value = {1, 2, 3};
        store.put("v", value, Optional.empty());
        value[0] = 9;
        store.get("v").orElseThrow()[1] = 9;

        assertThat(store.get("v")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
    }
}
