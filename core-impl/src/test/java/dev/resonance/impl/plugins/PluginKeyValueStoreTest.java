package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.auth.ApiHarness;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** Each plugin's key-value store on the real database: isolation, expiry, quota, permission. */
class PluginKeyValueStoreTest {

    private static TestDatabase testDb;
    private static HikariDataSource pool;
    private static Database db;

    @BeforeAll
    static void start() {
        testDb = TestDatabase.create();
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestDatabases.migrated(testDb));
        pool = new HikariDataSource(config);
        db = TestDatabases.database(pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
        testDb.close();
    }

    private static Descriptor plugin(String id, String permissions) {
        return ((Descriptor.Valid) Descriptor.read(id, Version.valueOf("1.0.0"), Optional.of(new ByteArrayInputStream(
            PluginWorld.descriptor(id, "[1.1,2)", permissions).getBytes(StandardCharsets.UTF_8))))).descriptor();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachPluginSeesOnlyItsOwnKeysAndValuesExpire() {
        ApiHarness.TestClock clock = new ApiHarness.TestClock();
        PluginKeyValueStore mine = new PluginKeyValueStore(db, plugin("mine", "{\"storage\": {\"reason\": \"cache\"}}"), clock);
        PluginKeyValueStore theirs = new PluginKeyValueStore(db, plugin("theirs", "{\"storage\": {\"reason\": \"cache\"}}"), clock);

        mine.put("song", bytes("la la"), Optional.empty());
        mine.put("miss", bytes("-"), Optional.of(Duration.ofHours(1)));
        theirs.put("song", bytes("other"), Optional.empty());

        assertThat(mine.get("song")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("la la")));
        assertThat(theirs.get("song")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("other")));
        assertThat(mine.get("miss")).isPresent();
        assertThat(mine.usedBytes()).isEqualTo("song".length() + 5 + "miss".length() + 1);

        clock.advance(Duration.ofHours(2));
        assertThat(mine.get("miss")).isEmpty();
        assertThat(mine.usedBytes()).isEqualTo("song".length() + 5);
        assertThat(mine.delete("song")).isTrue();
        assertThat(mine.delete("song")).isFalse();
        assertThat(theirs.get("song")).isPresent();
    }

    @Test
    void aPutPastTheDeclaredQuotaIsRefusedAndReplacingAValueCountsOnlyTheNewOne() {
        PluginKeyValueStore store = new PluginKeyValueStore(db, plugin("small",
            "{\"storage\": {\"reason\": \"cache\", \"maxBytes\": 100}}"), Clock.systemUTC());

        store.put("k", new byte[90], Optional.empty());
        store.put("k", new byte[99], Optional.empty());
        assertThatThrownBy(() -> store.put("other", new byte[10], Optional.empty()))
            .isInstanceOf(ResonanceException.class).hasMessageContaining("allows 100")
            .extracting(e -> ((ResonanceException) e).kind()).isEqualTo(ResonanceException.Kind.TOO_LARGE);
        assertThat(store.get("other")).isEmpty();
        assertThat(store.usedBytes()).isEqualTo(100);
    }

    @Test
    void aPluginThatDidNotDeclareStorageIsRefusedAndBadKeysAreInvalid() {
        PluginKeyValueStore none = new PluginKeyValueStore(db, plugin("none", "{}"), Clock.systemUTC());
        assertThatThrownBy(() -> none.get("k")).isInstanceOf(ResonanceException.class)
            .hasMessageContaining("storage permission");

        PluginKeyValueStore store = new PluginKeyValueStore(db, plugin("keys", "{\"storage\": {\"reason\": \"c\"}}"),
            Clock.systemUTC());
        assertThatThrownBy(() -> store.put("", bytes("x"), Optional.empty())).isInstanceOf(ResonanceException.class);
        assertThatThrownBy(() -> store.get("k".repeat(513))).isInstanceOf(ResonanceException.class);
    }
}
