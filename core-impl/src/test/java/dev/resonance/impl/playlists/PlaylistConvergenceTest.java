package dev.resonance.impl.playlists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Caller;
import dev.resonance.impl.events.UserEvent;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.sync.SyncService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Collaborative editing: two users on two devices each edit one playlist at once (adds, removes, moves, chosen at random
 * from each device's own — often stale — copy). Each device keeps a local copy that starts from the sync snapshot and
 * is fed only by its user's events, as catch-up delivers them (by seq from the event log). At the end all four copies
 * equal the server's order and version, no edit is lost, and who added what and when is right.
 */
class PlaylistConvergenceTest {

    private static final int OPERATIONS_PER_DEVICE = 60;

    private PlaylistCatalog catalog;
    private PlaylistServices services;
    private SyncService sync;

    @BeforeEach
    void start() throws Exception {
        catalog = new PlaylistCatalog();
        services = catalog.api.playlists;
        sync = catalog.api.sync.sync();
    }

    @AfterEach
    void stop() {
        catalog.close();
    }

    /** An entry as a device holds it. */
    record Held(long entryId, long trackId, Optional<Long> addedBy, Instant addedAt) {
    }

    /** One device's copy of the playlist, fed by its user's event log. */
    final class Device {
        final Caller caller;
        final long playlistId;
        final List<Held> entries = new ArrayList<>();
        final List<String> problems;
        long seq;
        long version;

        Device(Caller caller, long playlistId, List<String> problems) {
            this.caller = caller;
            this.playlistId = playlistId;
            this.problems = problems;
            SyncService.Snapshot snapshot = sync.snapshot(caller);
            seq = snapshot.seq();
            version = snapshot.playlists().stream().filter(p -> p.id() == playlistId).findFirst().orElseThrow().version();
            PlaylistViews.Detail detail = services.playlists().get(caller, playlistId);
            assertThat(detail.playlist().version()).as("nobody edits before the start").isEqualTo(version);
            detail.entries().forEach(e -> entries.add(new Held(e.entryId(), e.trackId(), e.addedBy().map(PlaylistViews.UserRef::id), e.addedAt())));
        }

        /** Applies every event after {@code seq}, in order. */
        void catchUp() {
            while (true) {
                SyncService.CatchUp answer = sync.catchUp(caller, seq, PageLimit.of(500));
                if (!(answer instanceof SyncService.Missed missed)) {
                    throw new AssertionError("snapshot required at " + seq);
                }
                missed.events().events().forEach(this::apply);
                if (!missed.events().hasMore()) {
                    return;
                }
            }
        }

        private void apply(UserEvent event) {
            assertThat(event.seq()).isEqualTo(seq + 1);
            seq = event.seq();
            JsonNode p = event.payload();
            if (!event.type().startsWith("playlist.") || p.path("playlistId").asLong() != playlistId) {
                return;
            }
            long next = p.path("version").asLong();
            if (next != version + 1) {
                problems.add(caller.deviceId() + ": version " + next + " after " + version);
            }
            version = next;
            switch (event.type()) {
                case "playlist.entries.added" -> {
                    List<Held> added = new ArrayList<>();
                    for (JsonNode e : p.path("entries")) {
                        added.add(new Held(e.path("entryId").asLong(), e.path("trackId").asLong(),
                                e.path("addedBy").isNull() ? Optional.empty() : Optional.of(e.path("addedBy").asLong()),
                                Instant.parse(e.path("addedAt").asText())));
                    }
                    insertAfter(p.path("after"), added);
                }
                case "playlist.entries.removed" -> {
                    Set<Long> gone = ids(p.path("entryIds"));
                    entries.removeIf(h -> gone.contains(h.entryId()));
                }
                case "playlist.entries.moved" -> {
                    List<Long> order = new ArrayList<>(ids(p.path("entryIds")));
                    Map<Long, Held> moving = new LinkedHashMap<>();
                    entries.stream().filter(h -> order.contains(h.entryId())).forEach(h -> moving.put(h.entryId(), h));
                    entries.removeIf(h -> moving.containsKey(h.entryId()));
                    insertAfter(p.path("after"), order.stream().map(moving::get).toList());
                }
                default -> {
                    // updates and collaborator changes: the version is all a copy of the entries needs
                }
            }
        }

        private void insertAfter(JsonNode after, List<Held> held) {
            int at = 0;
            if (!after.isNull()) {
                long anchor = after.asLong();
                at = -1;
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i).entryId() == anchor) {
                        at = i + 1;
                    }
                }
                if (at < 0) {
                    problems.add(caller.deviceId() + ": anchor " + anchor + " unknown");
                    at = entries.size();
                }
            }
            entries.addAll(at, held);
        }

        List<Long> order() {
            return entries.stream().map(Held::entryId).toList();
        }
    }

    private static Set<Long> ids(JsonNode array) {
        Set<Long> ids = new java.util.LinkedHashSet<>();
        array.forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    @Test
    void twoUsersOnTwoDevicesEachConvergeWithNoLostEditAndTheRightHistory() throws Exception {
        Caller ada = catalog.caller("ada", 11);
        Caller bob = catalog.caller("bob", 21);
        List<Long> tracks = new ArrayList<>();
        for (String album : List.of("Sky", "Sea", "Sand")) {
            for (int t = 1; t <= 3; t++) {
                tracks.add(catalog.track(album + " " + t));
            }
        }
        PlaylistViews.Summary created = services.playlists().create(ada, new PlaylistRequests.Create("Together", Optional.empty(),
                Optional.empty(), Optional.of(true), Optional.of(tracks.subList(0, 6))));
        long id = created.id();
        services.sharing().add(ada, id, "bob");

        List<String> problems = new CopyOnWriteArrayList<>();
        List<Device> devices = List.of(new Device(ada, id, problems), new Device(PlaylistCatalog.device(ada, 12), id, problems),
                new Device(bob, id, problems), new Device(PlaylistCatalog.device(bob, 22), id, problems));
        Map<Long, PlaylistViews.EntryRef> added = new ConcurrentHashMap<>();
        devices.get(0).entries.forEach(h -> added.put(h.entryId(), new PlaylistViews.EntryRef(h.entryId(), h.trackId(), h.addedBy(), h.addedAt())));
        Set<Long> initial = new HashSet<>(added.keySet());
        Set<Long> removed = ConcurrentHashMap.newKeySet();
        Map<String, Integer> applied = new ConcurrentHashMap<>();

        CyclicBarrier start = new CyclicBarrier(devices.size());
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Device device : devices) {
                running.add(pool.submit(() -> {
                    Random random = new Random(device.caller.deviceId());
                    start.await();
                    for (int op = 0; op < OPERATIONS_PER_DEVICE; op++) {
                        device.catchUp();
                        List<Long> held = device.order();
                        int kind = held.size() < 3 ? 0 : random.nextInt(3);
                        if (kind == 0) {
                            List<Long> chosen = new ArrayList<>();
                            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                                chosen.add(tracks.get(random.nextInt(tracks.size())));
                            }
                            Optional<Long> after = held.isEmpty() || random.nextInt(4) == 0 ? Optional.empty()
                                    : Optional.of(held.get(random.nextInt(held.size())));
                            Optional<String> at = after.isPresent() ? Optional.empty() : Optional.of(random.nextBoolean() ? "start" : "end");
                            PlaylistViews.Edit edit = services.playlists().add(device.caller, id,
                                    new PlaylistRequests.AddEntries(chosen, after, at, Optional.empty()));
                            assertThat(edit.entries()).extracting(PlaylistViews.EntryRef::trackId).containsExactlyElementsOf(chosen);
                            edit.entries().forEach(e -> added.put(e.entryId(), e));
                            applied.merge("add", 1, Integer::sum);
                        } else if (kind == 1) {
                            List<Long> chosen = List.of(held.get(random.nextInt(held.size())), held.get(random.nextInt(held.size())));
                            PlaylistViews.Edit edit = services.playlists().remove(device.caller, id,
                                    new PlaylistRequests.RemoveEntries(chosen, Optional.empty()));
                            removed.addAll(edit.removed());
                            applied.merge("remove", 1, Integer::sum);
                        } else {
                            List<Long> shuffled = new ArrayList<>(held);
                            java.util.Collections.shuffle(shuffled, random);
                            List<Long> moving = shuffled.subList(0, 1 + random.nextInt(Math.min(3, shuffled.size() - 1)));
                            Long anchor = shuffled.get(shuffled.size() - 1);
                            boolean edge = random.nextInt(4) == 0;
                            services.playlists().move(device.caller, id, new PlaylistRequests.MoveEntries(List.copyOf(moving),
                                    edge ? Optional.empty() : Optional.of(anchor), edge ? Optional.of("start") : Optional.empty(), Optional.empty()));
                            applied.merge("move", 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        devices.forEach(Device::catchUp);
        PlaylistViews.Detail server = services.playlists().get(ada, id);
        List<Long> serverOrder = server.entries().stream().map(PlaylistViews.Entry::entryId).toList();
        assertThat(applied).as("every kind of edit ran").containsKeys("add", "remove", "move");
        assertThat(problems).as("every event applied in version order to a known anchor").isEmpty();
        for (Device device : devices) {
            assertThat(device.order()).as("device " + device.caller.deviceId()).isEqualTo(serverOrder);
            assertThat(device.version).as("device " + device.caller.deviceId()).isEqualTo(server.playlist().version());
        }
        Set<Long> expected = new HashSet<>(added.keySet());
        expected.removeAll(removed);
        assertThat(new HashSet<>(serverOrder)).as("every add is there unless a remove took it").isEqualTo(expected);
        assertThat(added.keySet()).containsAll(initial);
        for (PlaylistViews.Entry entry : server.entries()) {
            PlaylistViews.EntryRef made = added.get(entry.entryId());
            assertThat(entry.trackId()).isEqualTo(made.trackId());
            assertThat(entry.addedBy().map(PlaylistViews.UserRef::id)).as("who added " + entry.entryId()).isEqualTo(made.addedBy());
            assertThat(entry.addedAt()).as("when " + entry.entryId() + " was added").isEqualTo(made.addedAt());
        }
        assertThat(server.entries().stream().map(e -> e.addedBy().orElseThrow().id()).distinct())
                .as("both users' additions survive").contains(ada.userId(), bob.userId());
        assertThat(server.playlist().trackCount()).isEqualTo(serverOrder.size());
        assertThat(server.playlist().durationMs()).isEqualTo(server.entries().stream().mapToLong(PlaylistViews.Entry::durationMs).sum());
    }
}
