package dev.resonance.impl.client;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.ClientActions;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.Song;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.history.PlayReportService;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.sync.LikeKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ClientActions} through the services the web app uses: likes and ratings ({@code LikesService},
 * {@code RatingsService}: a sync event each, so the user's other devices see them live) and play reports
 * ({@code PlayReportService}: listens, play counts, now playing and the scrobbling plugins); what the user's players
 * play now is read from the same play reports and from Connect playback. Bookmarks are the user's rows of
 * {@code bookmarks} (V19), their songs read as {@link ClientCatalog#songs} reads them (so only visible ones).
 */
final class CoreActions implements ClientActions {

    private final Database db;
    private final Caller caller;
    private final ClientBackends backends;
    private final ClientCatalog catalog;

    CoreActions(Database db, Caller caller, ClientBackends backends, ClientCatalog catalog) {
        this.db = db;
        this.caller = caller;
        this.backends = backends;
        this.catalog = catalog;
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

    /** How long past a playing song's reckoned end it still shows in {@link #playingNow} (reports arrive late). */
    static final Duration PLAYING_GRACE = Duration.ofMinutes(1);

    /**
     * The user's players from the two places the core keeps them: each device's play reports (apps, and players that
     * do not speak Connect) and the user's Connect playback (the web app's active device); a device in both counts by
     * its latest. Connect is left out while the playback service is away rather than failing the whole answer.
     */
    @Override
    public List<NowPlaying> playingNow() {
        require(Permission.ACCESS_CATALOG);
        PlayReportService reports = ClientBackends.need(backends.history(), "history").reports();
        Instant now = reports.now();
        Map<Long, PlayReportService.InProgress> latest = new HashMap<>();
        List<PlayReportService.InProgress> found = new ArrayList<>(reports.inProgress(caller.userId()));
        backends.playback().get().ifPresent(playback -> {
            dev.resonance.impl.sync.PlaybackService.Shared shared = playback.shared(caller);
            dev.resonance.impl.sync.Playback.State state = shared.state();
            if (state.activeDeviceId().isPresent() && state.trackId().isPresent() && shared.activeDevice().isPresent()) {
                found.add(new PlayReportService.InProgress(state.activeDeviceId().get(), shared.activeDevice().get(),
                        state.trackId().get(), state.positionMs(), state.playing(), state.updatedAt()));
            }
        });
        for (PlayReportService.InProgress player : found) {
            latest.merge(player.deviceId(), player, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
        }
        Map<Long, Song> songs = new HashMap<>();
        List<Long> ids = latest.values().stream().map(PlayReportService.InProgress::trackId).distinct().toList();
        catalog.songs(ids).forEach(song -> songs.put(song.id(), song));
        List<NowPlaying> playing = new ArrayList<>();
        for (PlayReportService.InProgress player : latest.values()) {
            Song song = songs.get(player.trackId());
            if (song == null) {
                continue; // no longer visible to the user (or gone)
            }
            long elapsed = Math.max(0, Duration.between(player.updatedAt(), now).toMillis());
            long position = player.playing() ? player.positionMs() + elapsed : player.positionMs();
            boolean shown = player.playing()
                    ? position <= song.durationMs() + PLAYING_GRACE.toMillis()
                    : elapsed <= Duration.ofMinutes(PAUSED_SHOWN_MINUTES).toMillis();
            if (shown) {
                playing.add(new NowPlaying(song, player.deviceId(), player.device(), player.updatedAt(),
                        player.playing() ? PlayerState.PLAYING : PlayerState.PAUSED, Math.min(position, song.durationMs())));
            }
        }
        playing.sort(Comparator.comparing(NowPlaying::updatedAt).reversed().thenComparing(NowPlaying::deviceId));
        return playing;
    }

    /**
     * The bookmark rows first, then their songs a page at a time through the catalog, which leaves out what the user
     * cannot see (another library, a missing file): a bookmark stays in the table and shows again when its song does.
     */
    @Override
    public List<Bookmark> bookmarks() {
        require(Permission.ACCESS_CATALOG);
        record Row(long trackId, long positionMs, Optional<String> comment, Instant created, Instant changed) {
        }
        List<Row> rows = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT track_id, position_ms, comment, created_at, changed_at"
                    + " FROM bookmarks WHERE user_id = ? ORDER BY changed_at DESC, track_id")) {
                ps.setLong(1, caller.userId());
                List<Row> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Row(rs.getLong(1), rs.getLong(2), Optional.ofNullable(rs.getString(3)),
                                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                    }
                }
                return found;
            }
        });
        Map<Long, Song> songs = new HashMap<>();
        for (int i = 0; i < rows.size(); i += ClientCatalog.MAX_LIST) {
            List<Long> page = rows.subList(i, Math.min(rows.size(), i + ClientCatalog.MAX_LIST)).stream().map(Row::trackId).toList();
            catalog.songs(page).forEach(song -> songs.put(song.id(), song));
        }
        List<Bookmark> bookmarks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Song song = songs.get(row.trackId());
            if (song != null) {
                bookmarks.add(new Bookmark(song, row.positionMs(), row.comment(), row.created(), row.changed()));
            }
        }
        return bookmarks;
    }

    /** One statement under the visibility check: a new row, or the user's row of the song with its position and comment replaced. */
    @Override
    public void bookmark(long songId, long positionMs, Optional<String> comment) {
        require(Permission.ACCESS_CATALOG);
        if (positionMs < 0) {
            throw ResonanceException.invalid("invalid_position", "positionMs must not be negative");
        }
        Optional<String> note = comment.filter(text -> !text.isBlank());
        if (note.isPresent() && note.get().codePointCount(0, note.get().length()) > MAX_BOOKMARK_COMMENT) {
            throw ResonanceException.invalid("invalid_comment", "A bookmark's comment is at most " + MAX_BOOKMARK_COMMENT + " characters");
        }
        Timestamp now = Timestamp.from(now());
        db.inTransaction(c -> {
            if (!CatalogQueries.visible(c, caller, CatalogQueries.Item.TRACK, songId)) {
                throw ResonanceException.notFound("No song " + songId);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bookmarks (user_id, track_id, position_ms, comment, created_at, changed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, track_id) DO UPDATE"
                    + " SET position_ms = EXCLUDED.position_ms, comment = EXCLUDED.comment, changed_at = EXCLUDED.changed_at")) {
                ps.setLong(1, caller.userId());
                ps.setLong(2, songId);
                ps.setLong(3, positionMs);
                ps.setString(4, note.orElse(null));
                ps.setTimestamp(5, now);
                ps.setTimestamp(6, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void deleteBookmark(long songId) {
        require(Permission.ACCESS_CATALOG);
        db.inTransaction(c -> {
            int deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM bookmarks WHERE user_id = ? AND track_id = ?")) {
                ps.setLong(1, caller.userId());
                ps.setLong(2, songId);
                deleted = ps.executeUpdate();
            }
            if (deleted == 0 && !CatalogQueries.visible(c, caller, CatalogQueries.Item.TRACK, songId)) {
                throw ResonanceException.notFound("No song " + songId);
            }
            return null;
        });
    }

    /**
     * The server's clock as play reports read it (tests move it); the system's while the history service is away, so
     * that bookmarks do not depend on it.
     */
    private Instant now() {
        return backends.history().get().map(history -> history.reports().now()).orElseGet(Instant::now)
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what timestamptz keeps
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
