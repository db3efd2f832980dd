package dev.resonance.impl.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.junit.jupiter.api.Test;

/** What Karaf needs to find, build and run the commands (it calls {@code Class.newInstance} from its own bundle). */
class KarafCommandsTest {

    static final List<Class<? extends Action>> COMMANDS = List.of(UserAddCommand.class, UserListCommand.class,
            UserPasswdCommand.class, UserGrantCommand.class, UserRevokeCommand.class, UserAdminCommand.class, SessionsCommand.class,
            SetupCodeCommand.class);

    @Test
    void everyCommandIsAPublicServiceInTheResonanceScope() throws Exception {
        assertThat(COMMANDS).extracting(c -> c.getAnnotation(Command.class).name())
                .containsExactly("user-add", "user-list", "user-passwd", "user-grant", "user-revoke", "user-admin", "sessions", "setup-code");
        for (Class<? extends Action> command : COMMANDS) {
            assertThat(Modifier.isPublic(command.getModifiers())).as(command.getName()).isTrue();
            assertThat(command.getAnnotation(Service.class)).as(command.getName()).isNotNull();
            assertThat(command.getAnnotation(Command.class).scope()).isEqualTo("resonance");
            assertThat(Modifier.isPublic(command.getConstructor().getModifiers())).isTrue();
        }
    }

    @Test
    void passwordOptionsAreCensoredInTheConsole() throws Exception {
        for (Class<?> command : List.of(UserAddCommand.class, UserPasswdCommand.class)) {
            Option option = command.getDeclaredField("password").getAnnotation(Option.class);
            assertThat(option.name()).isEqualTo("-p");
            assertThat(option.aliases()).containsExactly("--password");
            assertThat(option.censor()).isTrue();
        }
    }

    @Command(scope = "resonance", name = "probe")
    static final class ThreadNameProbe extends OperatorCommand {
        final List<String> seen = new ArrayList<>();

        @Override
        void run(PrintStream out) {
            seen.add(Thread.currentThread().getName());
        }
    }

    @Test
    void theThreadDoesNotCarryTheCommandLineWhileTheCommandRuns() {
        // Karaf names the thread after the command line, -p value included, and every log line shows the thread name
        Thread thread = Thread.currentThread();
        String original = thread.getName();
        String karafName = "pipe-resonance:user-passwd -p s3cret-passw0rd alice";
        ThreadNameProbe probe = new ThreadNameProbe();
        probe.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try {
            thread.setName(karafName);
            probe.execute();
            assertThat(probe.seen).containsExactly("resonance:probe");
            assertThat(thread.getName()).isEqualTo(karafName);
        } finally {
            thread.setName(original);
        }
    }

    @Test
    void anUnexpectedFailurePrintsOneLineAndReturnsNormally() {
        UserListCommand command = new UserListCommand(); // no AuthService: a NullPointerException inside
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(command.execute()).isNull();

        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("Error: resonance:user-list failed").contains("details are in the log"));
    }
}
