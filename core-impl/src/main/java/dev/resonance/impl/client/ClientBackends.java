package dev.resonance.impl.client;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.auth.AuthService;
import dev.resonance.impl.history.HistoryServices;
import dev.resonance.impl.library.LibraryService;
import dev.resonance.impl.playlists.PlaylistServices;
import dev.resonance.impl.stream.TrackDelivery;
import dev.resonance.impl.sync.SyncServices;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The core's services a client session works through ({@code lyrics}: a track's lyrics from the lyrics plugins), each as it is now: a component being reconfigured is away for a
 * moment, and what needs it answers {@code UNAVAILABLE} meanwhile instead of the whole client API going down.
 */
public record ClientBackends(Supplier<Optional<AuthService>> auth, Supplier<Optional<SyncServices>> sync,
                             Supplier<Optional<HistoryServices>> history, Supplier<Optional<PlaylistServices>> playlists,
                             Supplier<Optional<TrackDelivery>> delivery, Supplier<Optional<LibraryService>> library,
                             Supplier<Optional<dev.resonance.impl.sync.PlaybackService>> playback,
                             java.util.function.LongFunction<java.util.List<dev.resonance.api.lyrics.Lyrics>> lyrics,
                             Similar similar) {

    /** Tracks like the seeds, from the recommender plugins, for a caller (ids, best first). */
    @FunctionalInterface
    public interface Similar {
        java.util.List<Long> similar(dev.resonance.api.auth.Caller caller, java.util.List<Long> seeds, int count);

        /** Whether a recommender is enabled now (one given as a lambda is). */
        default boolean available() {
            return true;
        }

        /** No recommender. */
        Similar NONE = of((caller, seeds, count) -> java.util.List.of(), () -> false);

        /** {@code similar}, available while {@code available} says so. */
        static Similar of(Similar similar, java.util.function.BooleanSupplier available) {
            return new Similar() {
                @Override
                public java.util.List<Long> similar(dev.resonance.api.auth.Caller caller, java.util.List<Long> seeds, int count) {
                    return similar.similar(caller, seeds, count);
                }

                @Override
                public boolean available() {
                    return available.getAsBoolean();
                }
            };
        }
    }

    /** The service {@code what} names, or {@code UNAVAILABLE}. */
    static <T> T need(Supplier<Optional<T>> service, String what) {
        return service.get().orElseThrow(() -> ResonanceException.unavailable(what + "_unavailable",
                "The server's " + what + " service is restarting; try again in a moment"));
    }
}
