package dev.resonance.impl.library.scan;

import java.lang.reflect.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Rows for one multi-row statement, kept column by column and bound as one array per column:
 * {@code INSERT ... SELECT ... FROM unnest(?::int8[], ?::text[], ...) AS u(a, b, ...)}. PostgreSQL then runs one
 * statement per batch instead of one per row (a JDBC batch still executes each row on its own), which makes a
 * cold scan's writes several times cheaper. Values may be null.
 */
final class BulkRows {

    /**
     * A column: its name in {@code u(...)}, its PostgreSQL element type, the Java type of its values, and what
     * {@link #select} casts it to (a type arrays cannot carry from the driver, e.g. jsonb), or null.
     */
    record Column(String name, String sqlType, Class<?> javaType, String cast) {
        static Column int8(String name) {
            return new Column(name, "int8", Long.class, null);
        }

        static Column int4(String name) {
            return new Column(name, "int4", Integer.class, null);
        }

        static Column float4(String name) {
            return new Column(name, "float4", Float.class, null);
        }

        static Column text(String name) {
            return new Column(name, "text", String.class, null);
        }

        static Column bool(String name) {
            return new Column(name, "bool", Boolean.class, null);
        }

        static Column uuid(String name) {
            return new Column(name, "uuid", UUID.class, null);
        }

        /** Bytes as they are (bytea). */
        static Column bytea(String name) {
            return new Column(name, "bytea", byte[].class, null);
        }

        /** JSON text, stored as jsonb. */
        static Column jsonb(String name) {
            return new Column(name, "text", String.class, "jsonb");
        }
    }

    private final List<Column> columns;
    private final List<List<Object>> values = new ArrayList<>();

    BulkRows(Column... columns) {
        this.columns = List.of(columns);
        for (int i = 0; i < columns.length; i++) {
            values.add(new ArrayList<>());
        }
    }

    void add(Object... row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null && !columns.get(i).javaType().isInstance(row[i])) {
                throw new IllegalArgumentException(columns.get(i).name() + ": " + row[i].getClass().getSimpleName());
            }
        }
        for (int i = 0; i < row.length; i++) {
            values.get(i).add(row[i]);
        }
    }

    int size() {
        return values.get(0).size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The column names, comma-separated, e.g. for an INSERT's column list. */
    String names() {
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(c -> names.add(c.name()));
        return names.toString();
    }

    /** The column names in order. */
    List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The column names with their casts, for the SELECT list over {@link #table}. */
    String select() {
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(c -> names.add(c.cast() == null ? c.name() : c.name() + "::" + c.cast()));
        return names.toString();
    }

    /** {@code unnest(?::int8[], ...) AS u(a, ...)}: the rows as a table {@code u}, for a FROM clause. */
    String table() {
        StringJoiner arrays = new StringJoiner(", ", "unnest(", ")");
        StringJoiner names = new StringJoiner(", ", " AS u(", ")");
        for (Column c : columns) {
            arrays.add("?::" + c.sqlType() + "[]");
            names.add(c.name());
        }
        return arrays + names.toString();
    }

    /** Binds the columns' arrays from parameter {@code first} on; returns the next parameter index. */
    int bind(Connection connection, PreparedStatement ps, int first) throws SQLException {
        int index = first;
        for (int i = 0; i < columns.size(); i++) {
            List<Object> column = values.get(i);
            Object[] typed = (Object[]) Array.newInstance(columns.get(i).javaType(), column.size());
            ps.setArray(index++, connection.createArrayOf(columns.get(i).sqlType(), column.toArray(typed)));
        }
        return index;
    }
}
