package dev.resonance.impl.sync;

import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.library.browse.CatalogViews;
import dev.resonance.impl.library.browse.Cursor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One page of a user's likes or ratings of a kind, newest first, by keyset on (time, item id). */
final class ItemPages {

    /** Reads one item from columns 1 (id), 2 (name), 3 (time) and the {@code extra} columns from 5 on. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private ItemPages() {
    }

    /**
     * The page of {@code table} (columns {@code user_id}, {@code item_id}, {@code timeColumn}) after the cursor, with
     * the item's name from the kind's catalog table; all names are constants of this package, never client text.
     */
    static <T> CatalogViews.Page<T> recent(Database db, long userId, LikeKind kind, String table, String timeColumn, String extra,
                                           Optional<String> after, PageLimit limit, RowReader<T> reader) {
        int size = limit.value();
        Optional<Cursor> cursor = after.map(Cursor::decode);
        String key = "(extract(epoch FROM l." + timeColumn + ") * 1000000)::bigint";
        String sql = "SELECT l.item_id, " + kind.nameColumn + ", l." + timeColumn + ", " + key + extra + " FROM " + table + " l JOIN "
                + kind.catalogTable + " ON t.id = l.item_id WHERE l.user_id = ?"
                + (cursor.isPresent() ? " AND (" + key + ", l.item_id) < (?, ?)" : "")
                + " ORDER BY l." + timeColumn + " DESC, l.item_id DESC LIMIT ?";
        record Row<T>(T item, long key, long id) {
        }
        List<Row<T>> rows = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, userId);
                if (cursor.isPresent()) {
                    ps.setLong(i++, micros(cursor.get().value()));
                    ps.setLong(i++, cursor.get().id());
                }
                ps.setInt(i, size + 1);
                List<Row<T>> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Row<>(reader.read(rs), rs.getLong(4), rs.getLong(1)));
                    }
                }
                return found;
            }
        });
        Optional<String> next = rows.size() > size
                ? Optional.of(new Cursor(Long.toString(rows.get(size - 1).key()), rows.get(size - 1).id()).encode())
                : Optional.empty();
        return new CatalogViews.Page<>(rows.stream().limit(size).map(Row::item).toList(), next, Optional.empty());
    }

    private static long micros(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ResonanceException.invalid("invalid_cursor", "The 'after' cursor is not one this server gave out");
        }
    }
}
