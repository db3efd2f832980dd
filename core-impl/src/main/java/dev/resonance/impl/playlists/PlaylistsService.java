package dev.resonance.impl.playlists;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.events.EventPublisher;
import dev.resonance.impl.input.InputRules;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.library.browse.CatalogQueries;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.library.browse.Cursor;
import dev.resonance.impl.library.images.ImageDecoder;
import dev.resonance.impl.library.images.ImageStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Playlists: create, change, delete, read, and edit the entries. Every change locks the playlist row, bumps its version
 * once and appends one event per member (owner and collaborators) in the same transaction; the events are pushed after
 * commit. Entries are named by their stable entry id, so edits from several devices apply one after the other and
 * converge: an edit naming an entry someone else removed applies to what remains (see docs/decisions.md).
 */
public final class PlaylistsService {

    /** The most entries a playlist holds. */
    public static final int MAX_ENTRIES = 10_000;
    static final int MAX_NAME_CHARS = 200;
    static final int MAX_DESCRIPTION_CHARS = 2000;

    private final Database db;
    private final ImageStore images;
    private final Supplier<EventPublisher> publisher;

    public PlaylistsService(Database db, ImageStore images, Supplier<EventPublisher> publisher) {
        this.db = db;
        this.images = images;
        this.publisher = publisher;
    }

    /** A transaction's result and the events to publish once it committed. */
    <T> T change(SqlChange<T> work) {
        PlaylistEvents.Outbox outbox = new PlaylistEvents.Outbox();
        T result = db.inTransaction(c -> work.run(c, outbox));
        outbox.publish(publisher.get());
        return result;
    }

    @FunctionalInterface
    interface SqlChange<T> {
        T run(Connection c, PlaylistEvents.Outbox outbox) throws SQLException;
    }

    // ---- the playlist ----

    public PlaylistViews.Summary create(Caller caller, PlaylistRequests.Create request) {
        String name = name(request.name());
        String description = description(request.description().orElse(""));
        List<Long> trackIds = request.trackIds().map(PlaylistsService::trackIds).orElse(List.of());
        return change((c, outbox) -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO playlists (owner_id, name, description, public, collaborative)"
                    + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setLong(1, caller.userId());
                ps.setString(2, name);
                ps.setString(3, description);
                ps.setBoolean(4, request.isPublic().orElse(false));
                ps.setBoolean(5, request.collaborative().orElse(false));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            index(c, id);
            List<PlaylistViews.EntryRef> entries = insertTracks(c, caller, id, trackIds);
            PlaylistViews.Summary summary = PlaylistStore.summary(c, id);
            outbox.append(c, caller, List.of(caller.userId()), PlaylistEvents.CREATED,
                    new PlaylistEvents.Created(id, summary.version(), summary, entries));
            return viewed(c, caller, id);
        });
    }

    /**
     * Writes the playlist's search document (its name and description, normalised as the catalog's are) and adds their
     * words to the search's word list, in the transaction that changed them ({@code docs/decisions.md}, "Search").
     */
    private static void index(Connection c, long id) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT name, description FROM playlists WHERE id = ?")) {
            read.setLong(1, id);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                String name = dev.resonance.impl.library.search.SearchText.normalize(rs.getString(1));
                String context = dev.resonance.impl.library.search.SearchText.normalize(rs.getString(2));
                try (PreparedStatement write = c.prepareStatement(
                        "UPDATE playlists SET search_name = ?, search_context = ? WHERE id = ?")) {
                    write.setString(1, name);
                    write.setString(2, context);
                    write.setLong(3, id);
                    write.executeUpdate();
                }
                dev.resonance.impl.library.search.SearchIndex.addWords(c, List.of(name, context));
            }
        }
    }

    /** Inserts tracks at the end of a new playlist (version stays 1: creating it is one change). */
    private static List<PlaylistViews.EntryRef> insertTracks(Connection c, Caller caller, long id, List<Long> trackIds) throws SQLException {
        if (trackIds.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> durations = PlaylistEntries.visibleDurations(c, caller, trackIds);
        List<Long> positions = EntryPositions.between(Optional.empty(), Optional.empty(), trackIds.size()).orElseThrow();
        List<PlaylistViews.EntryRef> entries = PlaylistEntries.insert(c, id, caller.userId(), trackIds, positions);
        try (PreparedStatement ps = c.prepareStatement("UPDATE playlists SET track_count = ?, duration_ms = ? WHERE id = ?")) {
            ps.setInt(1, trackIds.size());
            ps.setLong(2, trackIds.stream().mapToLong(durations::get).sum());
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        return entries;
    }

    /** Changes name, description, public, collaborative (owner only); a request that changes nothing appends nothing. */
    public PlaylistViews.Summary update(Caller caller, long id, PlaylistRequests.Patch patch) {
        Optional<String> name = patch.name().map(PlaylistsService::name);
        Optional<String> description = patch.description().map(PlaylistsService::description);
        return change((c, outbox) -> {
            PlaylistStore.Row row = PlaylistStore.lock(c, caller, id, PlaylistStore.Need.OWNER);
            PlaylistStore.expect(row, patch.expectedVersion());
            int changed;
            try (PreparedStatement ps = c.prepareStatement("UPDATE playlists SET name = coalesce(?, name), description = coalesce(?, description),"
                    + " public = coalesce(?, public), collaborative = coalesce(?, collaborative) WHERE id = ?"
                    + " AND (name, description, public, collaborative) IS DISTINCT FROM"
                    + " (coalesce(?, name), coalesce(?, description), coalesce(?, public), coalesce(?, collaborative))")) {
                for (int base : new int[] {0, 5}) {
                    setText(ps, base + 1, name);
                    setText(ps, base + 2, description);
                    setFlag(ps, base + 3, patch.isPublic());
                    setFlag(ps, base + 4, patch.collaborative());
                    if (base == 0) {
                        ps.setLong(5, id);
                    }
                }
                changed = ps.executeUpdate();
            }
            if (changed > 0) {
                if (name.isPresent() || description.isPresent()) {
                    index(c, id);
                }
                updated(c, caller, outbox, id);
            }
            return viewed(c, caller, id);
        });
    }

    /** Bumps the version and tells every member the new summary. */
    private static void updated(Connection c, Caller caller, PlaylistEvents.Outbox outbox, long id) throws SQLException {
        PlaylistStore.Bumped bumped = PlaylistStore.bump(c, id, 0, 0);
        PlaylistViews.Summary summary = PlaylistStore.summary(c, id);
        outbox.append(c, caller, PlaylistStore.members(c, id), PlaylistEvents.UPDATED,
                new PlaylistEvents.Updated(id, bumped.version(), summary));
    }

    private static void setText(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    private static void setFlag(PreparedStatement ps, int index, Optional<Boolean> value) throws SQLException {
        if (value.isPresent()) {
            ps.setBoolean(index, value.get());
        } else {
            ps.setNull(index, Types.BOOLEAN);
        }
    }

    /** Deletes the playlist (owner only); its members are told. */
    public void delete(Caller caller, long id) {
        change((c, outbox) -> {
            PlaylistStore.Row row = PlaylistStore.lock(c, caller, id, PlaylistStore.Need.OWNER);
            List<Long> members = PlaylistStore.members(c, id);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM playlists WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            outbox.append(c, caller, members, PlaylistEvents.DELETED, new PlaylistEvents.Deleted(id, row.version() + 1));
            return null;
        });
    }

    /** Stores an uploaded cover (JPEG, PNG, GIF or BMP, owner only) and shows it instead of the mosaic. */
    public PlaylistViews.Summary setCover(Caller caller, long id, byte[] image) {
        db.inTransaction(c -> PlaylistStore.read(c, caller, id, PlaylistStore.Need.OWNER));
        long imageId;
        try {
            imageId = images.store(image).orElseThrow(() -> ResonanceException.invalid("invalid_image",
                    "The cover must be a JPEG, PNG, GIF or BMP image"));
        } catch (ImageDecoder.TooLargeException e) {
            throw ResonanceException.invalid("invalid_image", "The cover image is too large: " + e.getMessage());
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw ResonanceException.unavailable("images_busy", "The server is busy with other images: try again");
        } catch (IOException e) {
            throw ResonanceException.unavailable("image_unavailable", "The cover could not be stored: " + e.getMessage());
        }
        return cover(caller, id, Optional.of(imageId));
    }

    /** Removes the uploaded cover: the mosaic shows again. */
    public PlaylistViews.Summary deleteCover(Caller caller, long id) {
        return cover(caller, id, Optional.empty());
    }

    private PlaylistViews.Summary cover(Caller caller, long id, Optional<Long> imageId) {
        return change((c, outbox) -> {
            PlaylistStore.lock(c, caller, id, PlaylistStore.Need.OWNER);
            try (PreparedStatement ps = c.prepareStatement("UPDATE playlists SET cover_image_id = ? WHERE id = ?"
                    + " AND cover_image_id IS DISTINCT FROM ?")) {
                for (int i : new int[] {1, 3}) {
                    if (imageId.isPresent()) {
                        ps.setLong(i, imageId.get());
                    } else {
                        ps.setNull(i, Types.BIGINT);
                    }
                }
                ps.setLong(2, id);
                if (ps.executeUpdate() > 0) {
                    updated(c, caller, outbox, id);
                }
            }
            return viewed(c, caller, id);
        });
    }

    // ---- reading ----

    /** {@code mine}: the caller's playlists and those they collaborate on; {@code public}: other users' public playlists. */
    public CatalogViews.Page<PlaylistViews.Summary> list(Caller caller, String scope, Optional<String> after, PageLimit limit) {
        String where = switch (scope) {
            case "mine" -> PlaylistSummaries.MEMBER;
            case "public" -> "p.public AND p.owner_id <> ?";
            default -> throw ResonanceException.invalid("invalid_parameter", "scope must be \"mine\" or \"public\"");
        };
        long from = after.map(Cursor::decode).map(Cursor::id).orElse(0L);
        int size = limit.value();
        List<PlaylistViews.Summary> rows = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(PlaylistSummaries.SUMMARY + " WHERE " + where + " AND p.id > ? ORDER BY p.id LIMIT ?")) {
                int i = PlaylistSummaries.libraries(c, ps, 1, CatalogQueries.libraries(c, caller));
                for (int users = scope.equals("mine") ? 2 : 1; users > 0; users--) {
                    ps.setLong(i++, caller.userId());
                }
                ps.setLong(i++, from);
                ps.setInt(i, size + 1);
                return PlaylistSummaries.read(ps);
            }
        });
        Optional<String> next = rows.size() > size ? Optional.of(new Cursor("p", rows.get(size - 1).id()).encode()) : Optional.empty();
        return new CatalogViews.Page<>(List.copyOf(rows.subList(0, Math.min(size, rows.size()))), next, Optional.empty());
    }

    /** The playlist with its collaborators and every entry the caller may see, read in one snapshot. */
    public PlaylistViews.Detail get(Caller caller, long id) {
        return db.inTransaction(c -> {
            repeatableRead(c);
            PlaylistStore.read(c, caller, id, PlaylistStore.Need.READ);
            return new PlaylistViews.Detail(viewed(c, caller, id), PlaylistStore.collaborators(c, id),
                    PlaylistEntries.read(c, caller, id, Optional.empty(), Optional.empty()).entries());
        });
    }

    /** A page of the entries the caller may see. */
    public PlaylistViews.EntryPage entries(Caller caller, long id, Optional<String> after, PageLimit limit) {
        Optional<Cursor> cursor = after.map(Cursor::decode);
        return db.inTransaction(c -> {
            repeatableRead(c);
            PlaylistStore.Row row = PlaylistStore.read(c, caller, id, PlaylistStore.Need.READ);
            PlaylistEntries.Page page = PlaylistEntries.read(c, caller, id, cursor, Optional.of(limit.value()));
            return new PlaylistViews.EntryPage(page.entries(), page.last().map(Cursor::encode), row.version());
        });
    }

    static void repeatableRead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
            ps.execute();
        }
    }

    /** The summary as the caller sees it (the mosaic from the libraries they may see). */
    static PlaylistViews.Summary viewed(Connection c, Caller caller, long id) throws SQLException {
        return PlaylistSummaries.one(c, id, CatalogQueries.libraries(c, caller)).orElseThrow(() -> PlaylistStore.notFound(id));
    }

    // ---- the entries ----

    /** Inserts tracks at the placement; an anchor removed meanwhile puts them at the end ({@code anchorMissing}). */
    public PlaylistViews.Edit add(Caller caller, long id, PlaylistRequests.AddEntries request) {
        List<Long> trackIds = trackIds(request.trackIds());
        EntryPositions.Placement placement = EntryPositions.Placement.of(request.after(), request.at());
        return change((c, outbox) -> {
            PlaylistStore.Row row = PlaylistStore.lock(c, caller, id, PlaylistStore.Need.EDIT_ENTRIES);
            PlaylistStore.expect(row, request.expectedVersion());
            if (row.trackCount() + trackIds.size() > MAX_ENTRIES) {
                throw ResonanceException.conflict("playlist_full", "A playlist holds at most " + MAX_ENTRIES + " entries; playlist "
                        + id + " has " + row.trackCount());
            }
            Map<Long, Long> durations = PlaylistEntries.visibleDurations(c, caller, trackIds);
            EntryPositions.Slot slot = EntryPositions.place(c, id, placement, List.of(), trackIds.size());
            List<PlaylistViews.EntryRef> added = PlaylistEntries.insert(c, id, caller.userId(), trackIds, slot.positions());
            PlaylistStore.Bumped bumped = PlaylistStore.bump(c, id, trackIds.size(), trackIds.stream().mapToLong(durations::get).sum());
            List<Long> mosaic = PlaylistStore.summary(c, id).mosaic();
            outbox.append(c, caller, PlaylistStore.members(c, id), PlaylistEvents.ENTRIES_ADDED, new PlaylistEvents.EntriesAdded(id,
                    bumped.version(), slot.after(), added, bumped.trackCount(), bumped.durationMs(), mosaic));
            return new PlaylistViews.Edit(id, bumped.version(), added, List.of(), slot.after(), slot.anchorMissing(),
                    bumped.trackCount(), bumped.durationMs());
        });
    }

    /**
     * Moves the entries, in the order given, to the placement. Entries removed meanwhile are skipped (none left: nothing
     * changes); an anchor removed meanwhile puts them at the end.
     */
    public PlaylistViews.Edit move(Caller caller, long id, PlaylistRequests.MoveEntries request) {
        List<Long> entryIds = entryIds(request.entryIds());
        EntryPositions.Placement placement = EntryPositions.Placement.of(request.after(), request.at());
        return change((c, outbox) -> {
            PlaylistStore.Row row = PlaylistStore.lock(c, caller, id, PlaylistStore.Need.EDIT_ENTRIES);
            PlaylistStore.expect(row, request.expectedVersion());
            List<Long> moving = PlaylistEntries.present(c, id, entryIds);
            if (moving.isEmpty()) {
                return unchanged(row);
            }
            EntryPositions.Slot slot = EntryPositions.place(c, id, placement, moving, moving.size());
            PlaylistEntries.move(c, moving, slot.positions());
            PlaylistStore.Bumped bumped = PlaylistStore.bump(c, id, 0, 0);
            List<Long> mosaic = PlaylistStore.summary(c, id).mosaic();
            outbox.append(c, caller, PlaylistStore.members(c, id), PlaylistEvents.ENTRIES_MOVED,
                    new PlaylistEvents.EntriesMoved(id, bumped.version(), slot.after(), moving, mosaic));
            List<PlaylistViews.EntryRef> moved = refs(c, moving);
            return new PlaylistViews.Edit(id, bumped.version(), moved, List.of(), slot.after(), slot.anchorMissing(),
                    bumped.trackCount(), bumped.durationMs());
        });
    }

    /** Removes the entries still there (entries removed meanwhile are simply gone; none left: nothing changes). */
    public PlaylistViews.Edit remove(Caller caller, long id, PlaylistRequests.RemoveEntries request) {
        List<Long> entryIds = entryIds(request.entryIds());
        return change((c, outbox) -> {
            PlaylistStore.Row row = PlaylistStore.lock(c, caller, id, PlaylistStore.Need.EDIT_ENTRIES);
            PlaylistStore.expect(row, request.expectedVersion());
            PlaylistEntries.Removed removed = PlaylistEntries.delete(c, id, entryIds);
            if (removed.entryIds().isEmpty()) {
                return unchanged(row);
            }
            PlaylistStore.Bumped bumped = PlaylistStore.bump(c, id, -removed.entryIds().size(), -removed.durationMs());
            List<Long> mosaic = PlaylistStore.summary(c, id).mosaic();
            outbox.append(c, caller, PlaylistStore.members(c, id), PlaylistEvents.ENTRIES_REMOVED, new PlaylistEvents.EntriesRemoved(id,
                    bumped.version(), removed.entryIds(), bumped.trackCount(), bumped.durationMs(), mosaic));
            return new PlaylistViews.Edit(id, bumped.version(), List.of(), removed.entryIds(), Optional.empty(), false,
                    bumped.trackCount(), bumped.durationMs());
        });
    }

    private static PlaylistViews.Edit unchanged(PlaylistStore.Row row) {
        return new PlaylistViews.Edit(row.id(), row.version(), List.of(), List.of(), Optional.empty(), false, row.trackCount(), row.durationMs());
    }

    private static List<PlaylistViews.EntryRef> refs(Connection c, List<Long> entryIds) throws SQLException {
        Map<Long, PlaylistViews.EntryRef> found = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, track_id, added_by, added_at FROM playlist_entries WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", entryIds.toArray(Long[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long by = rs.getLong(3);
                    Optional<Long> addedBy = rs.wasNull() ? Optional.empty() : Optional.of(by);
                    found.put(rs.getLong(1), new PlaylistViews.EntryRef(rs.getLong(1), rs.getLong(2), addedBy, rs.getTimestamp(4).toInstant()));
                }
            }
        }
        List<PlaylistViews.EntryRef> ordered = new ArrayList<>();
        entryIds.forEach(e -> ordered.add(found.get(e)));
        return ordered;
    }

    // ---- input rules ----

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw ResonanceException.invalid("invalid_field", "name must not be empty");
        }
        return InputRules.text("name", name.strip(), new InputRules.Rule(MAX_NAME_CHARS, false));
    }

    static String description(String description) {
        return InputRules.text("description", description.strip(), new InputRules.Rule(MAX_DESCRIPTION_CHARS, true));
    }

    static List<Long> trackIds(List<Long> ids) {
        return ids("trackIds", ids);
    }

    static List<Long> entryIds(List<Long> ids) {
        return ids("entryIds", ids);
    }

    private static List<Long> ids(String field, List<Long> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_ENTRIES) {
            throw ResonanceException.invalid("invalid_field", field + " must list 1 to " + MAX_ENTRIES + " ids");
        }
        if (ids.stream().anyMatch(java.util.Objects::isNull)) {
            throw ResonanceException.invalid("invalid_field", field + " must not contain null");
        }
        return List.copyOf(ids);
    }
}
