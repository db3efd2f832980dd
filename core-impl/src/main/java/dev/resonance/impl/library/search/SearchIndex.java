package dev.resonance.impl.library.search;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the search documents current on the writers' side. The scanner writes a row's {@code search_name} and
 * {@code search_context} with the row itself (they are columns of its upsert, so an unchanged file rewrites nothing)
 * and adds the batch's words to {@code search_words} here, in the batch's transaction. Rows written before search
 * existed (or by anything that does not set the columns) have a NULL {@code search_name}: {@link #backfill} indexes
 * them, in chunks, at the end of every scan.
 */
public final class SearchIndex {

    /** Rows indexed per statement by {@link #backfill}. */
    static final int CHUNK = 2000;

    private SearchIndex() {
    }

    /** Adds the words of {@code normalizedTexts} (from {@link SearchText}) to the word list; known words cost nothing. */
    public static void addWords(Connection c, Collection<String> normalizedTexts) throws SQLException {
        Set<String> words = SearchText.distinctWords(normalizedTexts);
        if (words.isEmpty()) {
            return;
        }
        // sorted: concurrent writers (two libraries scanning) take the words' index locks in the same order
        String[] sorted = words.toArray(String[]::new);
        Arrays.sort(sorted);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO search_words (word) SELECT unnest(?::text[]) ON CONFLICT (word) DO NOTHING")) {
            ps.setArray(1, c.createArrayOf("text", sorted));
            ps.executeUpdate();
        }
    }

    /**
     * Indexes every artist, album and track that has no search document yet (rows from before search existed); returns
     * how many. Cheap when there is none (a partial index finds them).
     */
    public static int backfill(Connection c) throws SQLException {
        int total = 0;
        total += backfill(c, "artists", "SELECT id, name, ARRAY[]::text[] FROM artists WHERE search_name IS NULL ORDER BY id LIMIT " + CHUNK);
        total += backfill(c, "albums", "SELECT a.id, a.title, ARRAY(SELECT x->>'name' FROM jsonb_array_elements(a.artists) x)"
                + " || CASE WHEN a.version IS NULL THEN ARRAY[]::text[] ELSE ARRAY[a.version] END"
                + " FROM albums a WHERE a.search_name IS NULL ORDER BY a.id LIMIT " + CHUNK);
        total += backfill(c, "tracks", "SELECT t.id, t.title, ARRAY(SELECT x->>'name' FROM jsonb_array_elements(t.credits) x)"
                + " || coalesce(al.title, '') FROM tracks t LEFT JOIN albums al ON al.id = t.album_id"
                + " WHERE t.search_name IS NULL ORDER BY t.id LIMIT " + CHUNK);
        return total;
    }

    /**
     * Moves the words the scan just wrote from the search indexes' pending lists into the indexes proper. PostgreSQL's
     * GIN indexes take inserts into an unsorted pending list that every search reads through, until autovacuum (or
     * 4 MB more of inserts) merges it: after a 200k-track scan the tracks' list held 27,000 entries, and a search for
     * 'echo' & 'hits' & '2012' took 11 ms instead of 0.4 ms until it was merged (~80 ms, here, once). Only indexes the
     * server's database user owns (the function requires it): on a schema someone else owns autovacuum still merges.
     */
    public static void mergePending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT gin_clean_pending_list(i.oid) FROM pg_class i"
                + " JOIN pg_am am ON am.oid = i.relam AND am.amname = 'gin' JOIN pg_index x ON x.indexrelid = i.oid"
                + " JOIN pg_class t ON t.oid = x.indrelid"
                + " WHERE t.relname IN ('artists', 'albums', 'tracks', 'search_words') AND t.relnamespace = to_regnamespace(current_schema())"
                + " AND pg_has_role(current_user, i.relowner, 'USAGE')"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                // the number of pending pages merged: nothing to do with it
            }
        }
    }

    /** Indexes the rows {@code select} finds (id, name, context names) chunk by chunk until none is left. */
    private static int backfill(Connection c, String table, String select) throws SQLException {
        int total = 0;
        while (true) {
            List<Long> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> contexts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    names.add(SearchText.normalize(rs.getString(2)));
                    Array array = rs.getArray(3);
                    String[] context = array == null ? new String[0] : (String[]) array.getArray();
                    contexts.add(SearchText.join(new LinkedHashSet<>(Arrays.asList(context))));
                }
            }
            if (ids.isEmpty()) {
                return total;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " r SET search_name = u.n, search_context = u.c"
                    + " FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(id, n, c) WHERE r.id = u.id")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                ps.setArray(2, c.createArrayOf("text", names.toArray()));
                ps.setArray(3, c.createArrayOf("text", contexts.toArray()));
                ps.executeUpdate();
            }
            List<String> texts = new ArrayList<>(names);
            texts.addAll(contexts);
            addWords(c, texts);
            total += ids.size();
            if (ids.size() < CHUNK) {
                return total;
            }
        }
    }
}
