package dev.resonance.impl.plugins;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.ArtistInfo;
import dev.resonance.api.library.Catalog;
import dev.resonance.api.library.CatalogPage;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.plugin.PluginPermission;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@link Catalog} one plugin gets: the core's, behind the permissions its descriptor declares. */
final class PermittedCatalog implements Catalog {

    private final Catalog catalog;
    private final Descriptor plugin;

    PermittedCatalog(Catalog catalog, Descriptor plugin) {
        this.catalog = catalog;
        this.plugin = plugin;
    }

    static void require(Descriptor plugin, PluginPermission permission) {
        if (!plugin.asks(permission)) {
            throw ResonanceException.forbidden("plugin_permission", "Plugin " + plugin.id() + " did not declare the "
                + permission.jsonName() + " permission in its descriptor");
        }
    }

    private Catalog read() {
        require(plugin, PluginPermission.CATALOG);
        return catalog;
    }

    @Override
    public Optional<TrackInfo> track(long id) {
        return read().track(id);
    }

    @Override
    public Optional<AlbumInfo> album(long id) {
        return read().album(id);
    }

    @Override
    public Optional<ArtistInfo> artist(long id) {
        return read().artist(id);
    }

    @Override
    public List<TrackInfo> tracksByRecordingMbid(UUID recordingMbid) {
        return read().tracksByRecordingMbid(recordingMbid);
    }

    @Override
    public List<TrackInfo> tracksByIsrc(String isrc) {
        return read().tracksByIsrc(isrc);
    }

    @Override
    public CatalogPage<TrackInfo> tracks(Optional<String> after, int limit) {
        return read().tracks(after, limit);
    }

    @Override
    public CatalogPage<TrackInfo> changedTracks(Optional<String> since, int limit) {
        return read().changedTracks(since, limit);
    }

    @Override
    public List<EmbeddedLyrics> embeddedLyrics(long trackId) {
        return read().embeddedLyrics(trackId);
    }

    @Override
    public Optional<Path> file(long trackId) {
        require(plugin, PluginPermission.LIBRARY_FILES);
        return catalog.file(trackId);
    }
}
