package dev.resonance.impl.library.scan;

import static dev.resonance.impl.library.scan.BulkRows.Column.bool;
import static dev.resonance.impl.library.scan.BulkRows.Column.bytea;
import static dev.resonance.impl.library.scan.BulkRows.Column.float4;
import static dev.resonance.impl.library.scan.BulkRows.Column.int4;
import static dev.resonance.impl.library.scan.BulkRows.Column.int8;
import static dev.resonance.impl.library.scan.BulkRows.Column.jsonb;
import static dev.resonance.impl.library.scan.BulkRows.Column.text;
import static dev.resonance.impl.library.scan.BulkRows.Column.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BulkRowsTest {

    @Test
    void rowsGoInAsOneStatementWithEveryTypeAndNullIntact() throws Exception {
        UUID id = UUID.randomUUID();
        BulkRows rows = new BulkRows(int8("n"), int4("i"), float4("f"), text("t"), bool("b"), uuid("u"), jsonb("j"), bytea("y"));
        rows.add(1L, 7, 0.5f, "Björk, \"quoted\" {braces}", true, id, "[{\"id\": 1}]", new byte[] {0, (byte) 0xFF, '\\', '"', 0});
        rows.add(2L, null, null, null, null, null, "[]", null);

        try (TestDatabase db = TestDatabase.create();
             Connection c = DriverManager.getConnection(db.url(), db.user(), "")) {
            c.createStatement().execute("CREATE TABLE t (n bigint, i int, f real, t text, b boolean, u uuid, j jsonb, y bytea)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (" + rows.names() + ") SELECT " + rows.select()
                    + " FROM " + rows.table())) {
                assertThat(rows.bind(c, ps, 1)).isEqualTo(9);
                assertThat(ps.executeUpdate()).isEqualTo(2);
            }
            List<String> back = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT n, i, f, t, b, u, j, jsonb_typeof(j), encode(y, 'hex') FROM t ORDER BY n")) {
                while (rs.next()) {
                    back.add(rs.getLong(1) + "|" + rs.getObject(2) + "|" + rs.getObject(3) + "|" + rs.getString(4) + "|"
                            + rs.getObject(5) + "|" + rs.getObject(6) + "|" + rs.getString(7) + "|" + rs.getString(8) + "|" + rs.getString(9));
                }
            }
            assertThat(back).containsExactly("1|7|0.5|Björk, \"quoted\" {braces}|true|" + id + "|[{\"id\": 1}]|array|00ff5c2200",
                    "2|null|null|null|null|null|[]|array|null");
        }
    }

    @Test
    void aValueOfTheWrongTypeOrARowOfTheWrongWidthIsRefusedWhenAdded() {
        BulkRows rows = new BulkRows(int8("n"), text("t"));

        assertThatThrownBy(() -> rows.add(1, "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n");
        assertThatThrownBy(() -> rows.add(1L, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t");
        assertThatThrownBy(() -> rows.add(1L)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2");
        assertThat(rows.isEmpty()).isTrue();
    }
}
