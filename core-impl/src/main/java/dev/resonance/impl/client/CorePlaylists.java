package dev.resonance.impl.client;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientPlaylists;
import dev.resonance.api.client.Song;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.playlists.PlaylistRequests;
import dev.resonance.impl.playlists.PlaylistViews;
import dev.resonance.impl.playlists.PlaylistsService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link ClientPlaylists} through the web app's {@code PlaylistsService}: the same rules (who may read, edit, own), the
 * same events to the members' devices. Songs by index are the entries the user sees, in order, as {@link #playlist}
 * lists them.
 */
final class CorePlaylists implements ClientPlaylists {

    private final Caller caller;
    private final ClientBackends backends;
    private final ClientCatalog catalog;

    CorePlaylists(Caller caller, ClientBackends backends, ClientCatalog catalog) {
        this.caller = caller;
        this.backends = backends;
        this.catalog = catalog;
    }

    private PlaylistsService service() {
        return ClientBackends.need(backends.playlists(), "playlists").playlists();
    }

    private void require(Permission permission) {
        if (!caller.has(permission)) {
            throw ResonanceException.forbidden("permission_denied", "This needs the " + permission.apiName() + " permission");
        }
    }

    private Playlist playlist(PlaylistViews.Summary s, boolean editable) {
        Optional<Long> cover = s.coverImageId().or(() -> s.mosaic().stream().findFirst());
        return new Playlist(s.id(), s.name(), s.description() == null ? "" : s.description(), s.owner().username(), s.isPublic(),
                editable, s.trackCount(), s.durationMs(), cover, s.createdAt(), s.updatedAt());
    }

    @Override
    public List<Playlist> playlists() {
        require(Permission.ACCESS_CATALOG);
        PlaylistsService service = service();
        List<Playlist> mine = new ArrayList<>();
        for (PlaylistViews.Summary s : all(service, "mine")) {
            mine.add(playlist(s, s.owner().id() == caller.userId() || s.collaborative()));
        }
        List<Playlist> others = new ArrayList<>();
        for (PlaylistViews.Summary s : all(service, "public")) {
            others.add(playlist(s, false));
        }
        Comparator<Playlist> byName = Comparator.comparing((Playlist p) -> p.name().toLowerCase(Locale.ROOT)).thenComparingLong(Playlist::id);
        mine.sort(byName);
        others.sort(byName);
        mine.addAll(others);
        return mine;
    }

    private List<PlaylistViews.Summary> all(PlaylistsService service, String scope) {
        List<PlaylistViews.Summary> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            CatalogViews.Page<PlaylistViews.Summary> page = service.list(caller, scope, after, PageLimit.of(PageLimit.MAX));
            all.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        return all;
    }

    @Override
    public Optional<PlaylistSongs> playlist(long id) {
        require(Permission.ACCESS_CATALOG);
        PlaylistViews.Detail detail;
        try {
            detail = service().get(caller, id);
        } catch (ResonanceException e) {
            if (e.kind() == ResonanceException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(songs(detail));
    }

    private PlaylistSongs songs(PlaylistViews.Detail detail) {
        PlaylistViews.Summary s = detail.playlist();
        boolean editable = s.owner().id() == caller.userId()
                || s.collaborative() && detail.collaborators().stream().anyMatch(c -> c.id() == caller.userId());
        List<Long> trackIds = detail.entries().stream().map(PlaylistViews.Entry::trackId).toList();
        List<Song> songs = new ArrayList<>(trackIds.size());
        // the songs in entry order, a track listed twice twice, read a page at a time
        java.util.Map<Long, Song> found = new java.util.HashMap<>();
        List<Long> distinct = trackIds.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i += ClientCatalog.MAX_LIST) {
            for (Song song : catalog.songs(distinct.subList(i, Math.min(distinct.size(), i + ClientCatalog.MAX_LIST)))) {
                found.put(song.id(), song);
            }
        }
        for (long trackId : trackIds) {
            Song song = found.get(trackId);
            if (song != null) {
                songs.add(song);
            }
        }
        return new PlaylistSongs(playlist(s, editable), songs);
    }

    @Override
    public PlaylistSongs create(String name, List<Long> songIds) {
        require(Permission.OWN_PLAYLISTS);
        PlaylistsService service = service();
        PlaylistViews.Summary created = service.create(caller, new PlaylistRequests.Create(name, Optional.empty(), Optional.of(false),
                Optional.of(false), Optional.of(List.copyOf(songIds))));
        return songs(service.get(caller, created.id()));
    }

    @Override
    public PlaylistSongs replaceSongs(long id, List<Long> songIds) {
        require(Permission.OWN_PLAYLISTS);
        PlaylistsService service = service();
        PlaylistViews.Detail detail = service.get(caller, id);
        List<Long> entries = detail.entries().stream().map(PlaylistViews.Entry::entryId).toList();
        if (!entries.isEmpty()) {
            service.remove(caller, id, new PlaylistRequests.RemoveEntries(entries, Optional.empty()));
        }
        if (!songIds.isEmpty()) {
            service.add(caller, id, new PlaylistRequests.AddEntries(List.copyOf(songIds), Optional.empty(), Optional.of("end"),
                    Optional.empty()));
        }
        return songs(service.get(caller, id));
    }

    @Override
    public void update(long id, Optional<String> name, Optional<String> comment, Optional<Boolean> isPublic, List<Long> addSongIds,
                       List<Integer> removeIndexes) {
        require(Permission.OWN_PLAYLISTS);
        PlaylistsService service = service();
        if (name.isPresent() || comment.isPresent() || isPublic.isPresent()) {
            service.update(caller, id, new PlaylistRequests.Patch(name, comment, isPublic, Optional.empty(), Optional.empty()));
        }
        if (!removeIndexes.isEmpty()) {
            PlaylistViews.Detail detail = service.get(caller, id);
            List<Long> entries = new ArrayList<>();
            for (int index : removeIndexes) {
                if (index < 0 || index >= detail.entries().size()) {
                    throw ResonanceException.invalid("invalid_index", "Playlist " + id + " has no song at index " + index
                            + " (it has " + detail.entries().size() + ")");
                }
                entries.add(detail.entries().get(index).entryId());
            }
            // against the version the indexes were read at: a change meanwhile is a conflict, not a wrong song removed
            service.remove(caller, id, new PlaylistRequests.RemoveEntries(entries.stream().distinct().toList(),
                    Optional.of(detail.playlist().version())));
        }
        if (!addSongIds.isEmpty()) {
            service.add(caller, id, new PlaylistRequests.AddEntries(List.copyOf(addSongIds), Optional.empty(), Optional.of("end"),
                    Optional.empty()));
        }
    }

    @Override
    public void delete(long id) {
        require(Permission.OWN_PLAYLISTS);
        service().delete(caller, id);
    }
}
