package dev.resonance.impl.shell;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resonance.impl.auth.AuthRequests;
import dev.resonance.impl.auth.AuthService;
import dev.resonance.impl.auth.AuthServices;
import dev.resonance.impl.db.TestDatabases;
import dev.resonance.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A real {@link AuthService} over a throwaway database on the local PostgreSQL, and a way to run commands on it. */
final class ShellFixture implements AutoCloseable {

    /** What a command printed. */
    record Printed(String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
        }

        String all() {
            return out + err;
        }
    }

    /** Answers prompts from a script and remembers what it was asked. */
    static final class ScriptedPrompt implements PasswordPrompt {
        private final Deque<String> answers;
        final List<String> asked = new ArrayList<>();

        ScriptedPrompt(String... answers) {
            this.answers = new ArrayDeque<>(Arrays.asList(answers));
        }

        @Override
        public String read(String prompt) {
            asked.add(prompt);
            return answers.poll();
        }
    }

    /** A prompt for commands that must not ask. */
    static final PasswordPrompt NEVER = prompt -> {
        throw new AssertionError("asked for a password: " + prompt);
    };

    final AuthService auth;
    final dev.resonance.api.db.Database db;
    private final TestDatabase testDb;
    private final HikariDataSource pool;

    ShellFixture() {
        testDb = TestDatabase.create();
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestDatabases.migrated(testDb));
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        db = TestDatabases.database(pool);
        auth = AuthServices.forTests(db);
    }

    /** Runs {@code command} against this fixture's account service and returns what it printed. */
    Printed run(OperatorCommand command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.auth = auth;
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        Object result = command.execute();
        if (result != null) {
            throw new AssertionError("Karaf would print the returned " + result);
        }
        return new Printed(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    long createUser(String username, String password, String role) {
        return auth.createUser(new AuthRequests.CreateUser(username, password, Optional.of(role), Optional.empty()),
                Optional.empty()).id();
    }

    void login(String username, String password, String deviceId, String deviceName) {
        auth.login(new AuthRequests.Login(username, password, deviceId, deviceName, "web", Optional.empty()), "127.0.0.1");
    }

    @Override
    public void close() {
        pool.close();
        testDb.close();
    }
}
