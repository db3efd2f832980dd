package dev.resonance.impl.db;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database a test can take away: connections come from the real one, or — once {@link #down} is set — from
 * 127.0.0.1 on a port nobody listens on, so every new connection is refused (SQLState 08001) like a stopped server.
 */
public final class SwitchableDataSource implements DataSource {

    private final PGSimpleDataSource live;
    private final PGSimpleDataSource refused = new PGSimpleDataSource();
    public volatile boolean down;

    public SwitchableDataSource(PGSimpleDataSource live) {
        this.live = live;
        refused.setServerNames(new String[] {"127.0.0.1"});
        refused.setPortNumbers(new int[] {closedPort()});
        refused.setDatabaseName(live.getDatabaseName());
        refused.setUser(live.getUser());
        refused.setConnectTimeout(2);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again when this returns
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DataSource current() {
        return down ? refused : live;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return current().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return live.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        live.setLogWriter(out);
        refused.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        live.setLoginTimeout(seconds);
        refused.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return live.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return live.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
