package dev.resonance.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throwaway database on the real local PostgreSQL (127.0.0.1:5432, trust auth), created for one test class
 * and dropped afterwards. {@code RESONANCE_TEST_PG} overrides the server ({@code host:port}),
 * {@code RESONANCE_TEST_PG_USER} the user.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String SERVER = System.getenv().getOrDefault("RESONANCE_TEST_PG", "127.0.0.1:5432");
    private static final String USER = System.getenv().getOrDefault("RESONANCE_TEST_PG_USER", "postgres");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates a new, empty database with a unique name. */
    public static TestDatabase create() {
        String name = "resonance_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    /**
     * Makes this database a copy of {@code template} (a database of the same server with no open connection): far
     * faster than running the migrations again for every test class.
     */
    public void copyOf(String template) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        admin("CREATE DATABASE " + name + " TEMPLATE " + template);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "jdbc:postgresql://" + SERVER + "/" + name;
    }

    public String user() {
        return USER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL on " + SERVER + " (trust auth for user " + USER
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
