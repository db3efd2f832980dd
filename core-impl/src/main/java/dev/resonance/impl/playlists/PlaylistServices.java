package dev.resonance.impl.playlists;

import dev.resonance.api.db.Database;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.library.images.ImageStore;
import java.time.Clock;
import java.util.function.Supplier;

/** The playlist services over one database, as {@link PlaylistsComponent} builds them (tests build the same). */
public record PlaylistServices(PlaylistsService playlists, PlaylistSharing sharing, PlaylistFiles files) {

    /** Covers go to {@code images}; events are pushed through whatever {@code publisher} gives at the time. */
    public static PlaylistServices over(Database db, ImageStore images, Supplier<EventPublisher> publisher, Clock clock) {
        PlaylistsService playlists = new PlaylistsService(db, images, publisher);
        return new PlaylistServices(playlists, new PlaylistSharing(playlists, clock), new PlaylistFiles(db, playlists));
    }
}
