package dev.resonance.impl.client;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.ClientActions;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.history.PlayReportService;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.sync.LikeKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link ClientActions} through the services the web app uses: likes and ratings ({@code LikesService},
 * {@code RatingsService}: a sync event each, so the user's other devices see them live) and play reports
 * ({@code PlayReportService}: listens, play counts, now playing and the scrobbling plugins).
 */
final class CoreActions implements ClientActions {

    private final Database db;
    private final Caller caller;
    private final ClientBackends backends;

    CoreActions(Database db, Caller caller, ClientBackends backends) {
        this.db = db;
        this.caller = caller;
        this.backends = backends;
    }

    private static LikeKind kind(Kind kind) {
        return switch (kind) {
            case SONG -> LikeKind.TRACK;
            case ALBUM -> LikeKind.ALBUM;
            case ARTIST -> LikeKind.ARTIST;
        };
    }

    private void require(Permission permission) {
        if (!caller.has(permission)) {
            throw ResonanceException.forbidden("permission_denied", "This needs the " + permission.apiName() + " permission");
        }
    }

    @Override
    public void like(Kind kind, long id) {
        require(Permission.LIKE_CONTENT);
        ClientBackends.need(backends.sync(), "sync").likes().like(caller, kind(kind), id);
    }

    @Override
    public void unlike(Kind kind, long id) {
        require(Permission.LIKE_CONTENT);
        ClientBackends.need(backends.sync(), "sync").likes().unlike(caller, kind(kind), id);
    }

    @Override
    public void rate(Kind kind, long id, int rating) {
        require(Permission.LIKE_CONTENT);
        ClientBackends.need(backends.sync(), "sync").ratings().rate(caller, kind(kind), id, rating);
    }

    @Override
    public void nowPlaying(long songId) {
        require(Permission.ACCESS_CATALOG);
        ClientBackends.need(backends.history(), "history").reports().report(caller,
                new PlayReportService.PlayReport(songId, "started", 0L));
    }

    @Override
    public void played(long songId, Optional<Instant> startedAt) {
        require(Permission.ACCESS_CATALOG);
        PlayReportService reports = ClientBackends.need(backends.history(), "history").reports();
        long durationMs = db.read(c -> CatalogQueries.visible(c, caller, CatalogQueries.Item.TRACK, songId)
                ? CatalogQueries.durationMs(c, songId) : Optional.<Long>empty())
                .orElseThrow(() -> ResonanceException.notFound("No song " + songId));
        Instant now = Instant.now();
        Instant start = startedAt.filter(t -> !t.isAfter(now)).orElse(now.minusMillis(durationMs))
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (listened(songId, start)) {
            return; // this play was reported before
        }
        // the play as the device would have reported it: started then, heard to the end (the tracker caps it at now)
        reports.report(caller, new PlayReportService.PlayReport(songId, "started", 0L, start.toString()));
        reports.report(caller, new PlayReportService.PlayReport(songId, "finished", durationMs, start.plusMillis(durationMs).toString()));
    }

    @Override
    public void report(long songId, PlayerState state, long positionMs, boolean nowPlayingOnly) {
        require(Permission.ACCESS_CATALOG);
        if (positionMs < 0) {
            throw ResonanceException.invalid("invalid_position", "positionMs must not be negative");
        }
        PlayReportService reports = ClientBackends.need(backends.history(), "history").reports();
        if (nowPlayingOnly) {
            // the start is told (now playing, the plugins that announce it), its clock never runs: no heard time, no listen
            if (state == PlayerState.STARTING) {
                reports.report(caller, new PlayReportService.PlayReport(songId, "started", positionMs));
                reports.report(caller, new PlayReportService.PlayReport(songId, "paused", positionMs));
            }
            return;
        }
        switch (state) {
            case STARTING -> {
                // a new play whose clock waits for "playing" (buffering earns nothing)
                reports.report(caller, new PlayReportService.PlayReport(songId, "started", positionMs));
                reports.report(caller, new PlayReportService.PlayReport(songId, "paused", positionMs));
            }
            case PLAYING -> reports.report(caller, new PlayReportService.PlayReport(songId, "resumed", positionMs));
            case PAUSED -> reports.report(caller, new PlayReportService.PlayReport(songId, "paused", positionMs));
            case STOPPED -> {
                long durationMs = db.read(c -> CatalogQueries.durationMs(c, songId)).orElse(0L);
                // named for the scrobblers: the end of the song, or a stop before it
                String event = durationMs > 0 && positionMs >= durationMs - END_SLACK_MS ? "finished" : "skipped";
                reports.report(caller, new PlayReportService.PlayReport(songId, event, positionMs));
            }
            default -> throw new IllegalArgumentException("unknown state " + state);
        }
    }

    @Override
    public void startScan(boolean full) {
        require(Permission.EDIT_CATALOG);
        dev.resonance.impl.library.LibraryService library = ClientBackends.need(backends.library(), "library");
        if (!library.status().running()) {
            try {
                library.startScan(full, Optional.empty());
            } catch (ResonanceException e) {
                if (!"scan_running".equals(e.code())) {
                    throw e; // one started meanwhile: it is running, as asked
                }
            }
        }
    }

    @Override
    public Optional<PlayQueue> playQueue() {
        require(Permission.ACCESS_CATALOG);
        dev.resonance.impl.sync.PlaybackService.Shared shared = ClientBackends.need(backends.playback(), "playback").shared(caller);
        if (shared.state().queue().isEmpty()) {
            return Optional.empty();
        }
        int index = shared.state().queueIndex();
        return Optional.of(new PlayQueue(shared.state().queue(), index < shared.state().queue().size() ? Optional.of(index) : Optional.empty(),
                shared.state().positionAt(shared.now()), shared.state().updatedAt(), shared.activeDevice()));
    }

    @Override
    public void savePlayQueue(List<Long> songIds, int current, long positionMs) {
        require(Permission.ACCESS_CATALOG);
        if (positionMs < 0) {
            throw ResonanceException.invalid("invalid_position", "positionMs must not be negative");
        }
        ClientBackends.need(backends.playback(), "playback").saveQueue(caller, songIds, current, positionMs);
    }

    /** A stop this close to the end is the song's end ({@code finished}); before it, a skip. */
    static final long END_SLACK_MS = 10_000;

    /** Whether the user's history holds a listen of the song that started at {@code start}. */
    private boolean listened(long songId, Instant start) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM listens WHERE user_id = ? AND track_id = ? AND started_at = ?")) {
                ps.setLong(1, caller.userId());
                ps.setLong(2, songId);
                ps.setTimestamp(3, Timestamp.from(start));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
