package dev.resonance.plugin.testkit;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.ClientPlaylists;
import dev.resonance.api.client.Song;
import dev.resonance.api.error.ResonanceException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One user's {@link ClientPlaylists} over the playlists of a {@link TestClientLibrary}: the user's own (editable) and
 * other users' public ones (read-only); a playlist the user cannot see is absent or {@code NOT_FOUND}, one they may not
 * change {@code FORBIDDEN}, a song they cannot see {@code NOT_FOUND} (nothing changed), an index out of range
 * {@code INVALID}. Reading needs {@code AccessCatalog}, changing {@code OwnPlaylists}. Thread-safe.
 */
public final class TestClientPlaylists implements ClientPlaylists {

    private final TestClientLibrary library;
    private final TestClientCatalog view;
    private final Caller caller;
    private final Clock clock;

    public TestClientPlaylists(TestClientLibrary library, TestClientCatalog view, Caller caller, Clock clock) {
        this.library = Objects.requireNonNull(library, "library");
        this.view = Objects.requireNonNull(view, "view");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private void require(Permission permission) {
        if (!caller.has(permission)) {
            throw ResonanceException.forbidden("permission_denied", "This needs the " + permission.apiName() + " permission");
        }
    }

    private boolean sees(TestClientLibrary.PlaylistEntry p) {
        return p.ownerId == caller.userId() || p.isPublic;
    }

    private Playlist playlist(TestClientLibrary.PlaylistEntry p, List<Song> songs) {
        return new Playlist(p.id, p.name, p.comment, p.ownerName, p.isPublic, p.ownerId == caller.userId(), songs.size(),
            songs.stream().mapToLong(Song::durationMs).sum(), songs.stream().flatMap(s -> s.coverImageId().stream()).findFirst(),
            p.created, p.changed);
    }

    private List<Song> songs(TestClientLibrary.PlaylistEntry p) {
        List<Song> songs = new ArrayList<>();
        for (long id : p.songIds) {
            view.song(id).ifPresent(songs::add);
        }
        return songs;
    }

    @Override
    public List<Playlist> playlists() {
        require(Permission.ACCESS_CATALOG);
        synchronized (library) {
            Comparator<Playlist> byName = Comparator.comparing((Playlist p) -> p.name().toLowerCase(Locale.ROOT)).thenComparing(Playlist::id);
            List<Playlist> mine = new ArrayList<>();
            List<Playlist> others = new ArrayList<>();
            for (TestClientLibrary.PlaylistEntry p : library.playlists.values()) {
                if (sees(p)) {
                    (p.ownerId == caller.userId() ? mine : others).add(playlist(p, songs(p)));
                }
            }
            mine.sort(byName);
            others.sort(byName);
            mine.addAll(others);
            return mine;
        }
    }

    @Override
    public Optional<PlaylistSongs> playlist(long id) {
        require(Permission.ACCESS_CATALOG);
        synchronized (library) {
            TestClientLibrary.PlaylistEntry p = library.playlists.get(id);
            if (p == null || !sees(p)) {
                return Optional.empty();
            }
            List<Song> songs = songs(p);
            return Optional.of(new PlaylistSongs(playlist(p, songs), songs));
        }
    }

    private TestClientLibrary.PlaylistEntry own(long id) {
        TestClientLibrary.PlaylistEntry p = library.playlists.get(id);
        if (p == null || !sees(p)) {
            throw ResonanceException.notFound("No playlist " + id);
        }
        if (p.ownerId != caller.userId()) {
            throw ResonanceException.forbidden("not_owner", "Playlist " + id + " is not yours");
        }
        return p;
    }

    private void requireSongs(List<Long> songIds) {
        for (long id : songIds) {
            if (view.song(id).isEmpty()) {
                throw ResonanceException.notFound("No song " + id);
            }
        }
    }

    private static String name(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw ResonanceException.invalid("invalid_field", "A playlist's name is 1 to 200 characters");
        }
        return clean;
    }

    @Override
    public PlaylistSongs create(String name, List<Long> songIds) {
        require(Permission.OWN_PLAYLISTS);
        synchronized (library) {
            String clean = name(name);
            requireSongs(songIds);
            TestClientLibrary.PlaylistEntry p = library.playlist(library.nextPlaylistId, caller.userId(), caller.username(), clean,
                songIds.toArray(Long[]::new));
            p.changed = clock.instant();
            return playlist(p.id).orElseThrow();
        }
    }

    @Override
    public PlaylistSongs replaceSongs(long id, List<Long> songIds) {
        require(Permission.OWN_PLAYLISTS);
        synchronized (library) {
            TestClientLibrary.PlaylistEntry p = own(id);
            requireSongs(songIds);
            p.songIds.clear();
            p.songIds.addAll(songIds);
            p.changed = clock.instant();
            return playlist(id).orElseThrow();
        }
    }

    @Override
    public void update(long id, Optional<String> name, Optional<String> comment, Optional<Boolean> isPublic, List<Long> addSongIds,
                       List<Integer> removeIndexes) {
        require(Permission.OWN_PLAYLISTS);
        synchronized (library) {
            TestClientLibrary.PlaylistEntry p = own(id);
            requireSongs(addSongIds);
            List<Long> visible = p.songIds.stream().filter(s -> view.song(s).isPresent()).toList();
            TreeSet<Integer> remove = new TreeSet<>(Comparator.reverseOrder());
            for (int index : removeIndexes) {
                if (index < 0 || index >= visible.size()) {
                    throw ResonanceException.invalid("invalid_index", "Playlist " + id + " has no song at index " + index);
                }
                remove.add(index);
            }
            String newName = name.map(TestClientPlaylists::name).orElse(p.name);
            // the indexes count the songs the user sees; remove those entries, from the last
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < p.songIds.size(); i++) {
                if (view.song(p.songIds.get(i)).isPresent()) {
                    positions.add(i);
                }
            }
            for (int index : remove) {
                p.songIds.remove((int) positions.get(index));
            }
            p.songIds.addAll(addSongIds);
            p.name = newName;
            comment.ifPresent(c -> p.comment = c);
            isPublic.ifPresent(b -> p.isPublic = b);
            p.changed = clock.instant();
        }
    }

    @Override
    public void delete(long id) {
        require(Permission.OWN_PLAYLISTS);
        synchronized (library) {
            own(id);
            library.playlists.remove(id);
        }
    }
}
