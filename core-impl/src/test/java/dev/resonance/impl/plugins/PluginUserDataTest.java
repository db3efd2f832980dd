package dev.resonance.impl.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.user.UserRef;
import dev.resonance.impl.events.EventLog;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.library.scan.CatalogFixture;
import dev.resonance.impl.library.scan.ScanProgress;
import dev.resonance.impl.library.scan.Scanner;
import dev.resonance.impl.library.tags.AudioFileReader;
import dev.resonance.testing.audio.AudioFixtures;
import dev.resonance.testing.audio.FixtureFormat;
import dev.resonance.testing.audio.FixtureTags;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/**
 * The users' data a plugin gets, over a scanned library in PostgreSQL: active users, a user's liked tracks (recent
 * first, gone tracks left out), events published into the user's sync log and pushed, and the refusals.
 */
class PluginUserDataTest {

    private static final String USER_DATA = "{\"user-data\": {\"reason\": \"build a playlist of what you like\"}}";

    @TempDir
    Path root;

    private CatalogFixture fixture;
    private final List<UserEvent> pushed = new ArrayList<>();
    private final EventPublisher publisher = (userId, event) -> pushed.add(event);
    private long alice;
    private long bob;

    private static Descriptor plugin(String id, String permissions) {
        return ((Descriptor.Valid) Descriptor.read(id, Version.valueOf("1.0.0"), Optional.of(new ByteArrayInputStream(
            PluginWorld.descriptor(id, "[1.1,2)", permissions, List.of()).getBytes(StandardCharsets.UTF_8))))).descriptor();
    }

    @BeforeEach
    void scanAndSignUp() throws Exception {
        for (int i = 1; i <= 3; i++) {
            AudioFixtures.create(FixtureFormat.M4A_AAC).seconds(1)
                .tags(FixtureTags.builder().title("Song " + i).artists("Hush").album("Silence").track(i, 3).build())
                .writeAs(root.resolve("0" + i + ".m4a"));
        }
        fixture = new CatalogFixture(root);
        ScanProgress progress = new ScanProgress("quick", fixture.libraryId);
        new Scanner(fixture.db, new AudioFileReader(), new Scanner.Settings(2, Duration.ofDays(30)))
            .scan(fixture.libraryId, root, Optional.empty(), false, progress);
        alice = user("alice", false);
        bob = user("bob", false);
        user("gone", true);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private long user(String name, boolean disabled) {
        return fixture.db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (username, password_hash, role, disabled)"
                + " VALUES (?, 'x', 'REGULAR', ?) RETURNING id")) {
                s.setString(1, name);
                s.setBoolean(2, disabled);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private long track(String title) {
        return fixture.db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM tracks WHERE title = ?")) {
                s.setString(1, title);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private void like(long user, long track, String at) {
        fixture.db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO liked_tracks (user_id, item_id, liked_at)"
                + " VALUES (?, ?, ?::timestamptz)")) {
                s.setLong(1, user);
                s.setLong(2, track);
                s.setString(3, at);
                return s.executeUpdate();
            }
        });
    }

    @Test
    void activeUsersAndAUsersLikedTracksMostRecentFirstWithoutGoneTracks() {
        PluginUserData data = new PluginUserData(fixture.db, plugin("mixer", USER_DATA), () -> publisher);
        like(alice, track("Song 1"), "2026-12-01T10:00:00Z");
        like(alice, track("Song 3"), "2026-12-02T10:00:00Z");
        like(alice, track("Song 2"), "2026-12-03T10:00:00Z");
        like(bob, track("Song 1"), "2026-12-03T11:00:00Z");

        assertThat(data.users()).containsExactly(new UserRef(alice, "alice"), new UserRef(bob, "bob"));
        assertThat(data.likedTracks(alice, 100)).containsExactly(track("Song 2"), track("Song 3"), track("Song 1"));
        assertThat(data.likedTracks(alice, 2)).containsExactly(track("Song 2"), track("Song 3"));
        assertThat(data.likedTracks(bob, 100)).containsExactly(track("Song 1"));

        fixture.db.inTransaction(c -> c.createStatement().executeUpdate(
            "UPDATE tracks SET missing_since = now() WHERE title = 'Song 3'"));
        assertThat(data.likedTracks(alice, 100)).as("a track gone from the folder is not offered")
            .containsExactly(track("Song 2"), track("Song 1"));
        assertThatThrownBy(() -> data.likedTracks(alice, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> data.likedTracks(999_999, 10)).isInstanceOfSatisfying(ResonanceException.class,
            e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.NOT_FOUND));
    }

    @Test
    void aPublishedEventIsInTheUsersSyncLogUnderThePluginsNameAndPushed() throws Exception {
        PluginUserData data = new PluginUserData(fixture.db, plugin("mixer", USER_DATA), () -> publisher);

        long seq = data.publish(alice, "playlist.ready", Map.of("name", "Weekly mix", "tracks", List.of(3, 1, 2)));

        EventLog.Page log = fixture.db.read(c -> EventLog.since(c, alice, 0, 10));
        assertThat(log.events()).singleElement().satisfies(event -> {
            assertThat(event.seq()).isEqualTo(seq);
            assertThat(event.type()).isEqualTo("plugin.mixer.playlist.ready");
            assertThat(event.payload().path("name").asText()).isEqualTo("Weekly mix");
            assertThat(event.payload().path("tracks")).hasSize(3);
        });
        assertThat(pushed).extracting(UserEvent::seq).containsExactly(seq);
        assertThat(fixture.db.read(c -> EventLog.since(c, bob, 0, 10)).events()).as("only alice's log").isEmpty();
    }

    @Test
    void badEventsUnknownUsersAndPluginsWithoutThePermissionAreRefusedAndNothingIsWritten() {
        PluginUserData data = new PluginUserData(fixture.db, plugin("mixer", USER_DATA), () -> publisher);
        assertThatThrownBy(() -> data.publish(alice, "Bad Type", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> data.publish(alice, "ok", Map.of("text", "nul \u0000 inside")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> data.publish(alice, "ok", Map.of("text", "x".repeat(20_000))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 16384");
        assertThatThrownBy(() -> data.publish(alice, "ok", Map.of("thing", new Object())))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON-serialisable");
        assertThatThrownBy(() -> data.publish(999_999, "ok", Map.of())).isInstanceOfSatisfying(ResonanceException.class,
            e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.NOT_FOUND));

        PluginUserData without = new PluginUserData(fixture.db, plugin("nosy", "{}"), () -> publisher);
        for (Runnable call : List.<Runnable>of(without::users, () -> without.likedTracks(alice, 10),
            () -> without.publish(alice, "hello", Map.of()))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ResonanceException.class,
                e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));
        }
        assertThat(fixture.db.read(c -> EventLog.since(c, alice, 0, 10)).events()).isEmpty();
        assertThat(pushed).isEmpty();
    }
}
