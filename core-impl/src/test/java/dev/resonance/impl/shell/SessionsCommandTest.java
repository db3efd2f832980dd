package dev.resonance.impl.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionsCommandTest {

    private static ShellFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ShellFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void sessionsListsASessionAfterALogin() {
        fixture.createUser("alice", "correct horse battery", "regular");
        fixture.login("alice", "correct horse battery", "kitchen-1", "Kitchen speaker");
        String[] live = fixture.auth.liveSessions(100).stream().filter(r -> r[0].equals("alice")).findFirst().orElseThrow();

        ShellFixture.Printed printed = fixture.run(new SessionsCommand());

        assertThat(printed.err()).isEmpty();
        List<String> lines = printed.out().lines().toList();
        assertThat(lines.get(0)).contains("Username").contains("Device").contains("Type").contains("Created")
                .contains("Last seen").contains("Session id");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("alice").contains("Kitchen speaker").contains("web")
                .contains(live[3]).contains(live[4]).contains(live[5]));
        assertThat(printed.all()).doesNotContain("correct horse battery");
    }

    @Test
    void limitBoundsTheRows() {
        fixture.createUser("bob", "correct horse battery", "regular");
        for (int i = 0; i < 3; i++) {
            fixture.login("bob", "correct horse battery", "bob-" + i, "Bob device " + i);
        }
        SessionsCommand command = new SessionsCommand();
        command.limit = 2;

        ShellFixture.Printed printed = fixture.run(command);

        assertThat(printed.err()).isEmpty();
        assertThat(printed.out().lines().filter(l -> l.contains("device") || l.contains("speaker")).count()).isEqualTo(2);
    }

    @Test
    void anOutOfRangeLimitPrintsOneLine() {
        SessionsCommand command = new SessionsCommand();
        command.limit = 0;

        ShellFixture.Printed printed = fixture.run(command);

        assertThat(printed.errLines()).containsExactly("Error: --limit must be between 1 and " + SessionsCommand.MAX_LIMIT);
        assertThat(printed.out()).isEmpty();
    }
}
