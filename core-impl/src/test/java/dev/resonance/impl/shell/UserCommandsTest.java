package dev.resonance.impl.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.auth.AuthRequests;
import dev.resonance.impl.auth.AuthViews;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UserCommandsTest {

    private static final String PASSWORD = "correct horse battery";
    private static ShellFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ShellFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static UserAddCommand userAdd(String username, PasswordPrompt prompt) {
        UserAddCommand command = new UserAddCommand();
        command.username = username;
        command.prompt = prompt;
        return command;
    }

    private static void assertOneErrorLineWithoutStackTrace(ShellFixture.Printed printed) {
        assertThat(printed.errLines()).hasSize(1);
        assertThat(printed.err()).startsWith("Error: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void userAddAsksForThePasswordTwiceAndCreatesTheUser() {
        ShellFixture.ScriptedPrompt prompt = new ShellFixture.ScriptedPrompt(PASSWORD, PASSWORD);
        UserAddCommand command = userAdd("alice", prompt);
        command.admin = true;
        command.displayName = "Alice Liddell";

        ShellFixture.Printed printed = fixture.run(command);

        assertThat(printed.err()).isEmpty();
        assertThat(prompt.asked).containsExactly("Password: ", "Repeat the password: ");
        Optional<Long> id = fixture.auth.userId("alice");
        assertThat(id).isPresent();
        assertThat(printed.out()).isEqualTo("Created admin user 'alice' (id " + id.get() + ")" + System.lineSeparator());
        AuthViews.User user = fixture.auth.user(id.get());
        assertThat(user.role()).isEqualTo("admin");
        assertThat(user.displayName()).contains("Alice Liddell");
        assertThat(printed.all()).doesNotContain(PASSWORD);
        fixture.login("alice", PASSWORD, "add-check", "Laptop"); // the typed password is the one stored
    }

    @Test
    void userAddTakesThePasswordOptionWithoutAsking() {
        UserAddCommand command = userAdd("bob", ShellFixture.NEVER);
        command.password = PASSWORD;

        ShellFixture.Printed printed = fixture.run(command);

        assertThat(printed.err()).isEmpty();
        assertThat(printed.out()).startsWith("Created regular user 'bob'");
        assertThat(fixture.auth.user(fixture.auth.userId("bob").orElseThrow()).role()).isEqualTo("regular");
        assertThat(printed.all()).doesNotContain(PASSWORD);
    }

    @Test
    void userAddRefusesATakenUsernameWithOneLineBeforeAskingForAPassword() {
        fixture.createUser("carol", PASSWORD, "regular");

        ShellFixture.Printed printed = fixture.run(userAdd("carol", ShellFixture.NEVER));

        assertOneErrorLineWithoutStackTrace(printed);
        assertThat(printed.err()).contains("'carol' is taken");
        assertThat(printed.out()).isEmpty();
    }

    @Test
    void userAddWithAWeakPasswordPrintsOneLineAndCreatesNothing() {
        ShellFixture.Printed printed = fixture.run(userAdd("dave", new ShellFixture.ScriptedPrompt("short", "short")));

        assertOneErrorLineWithoutStackTrace(printed);
        assertThat(printed.err()).contains("at least");
        assertThat(printed.all()).doesNotContain("short\n").doesNotContain("'short'");
        assertThat(fixture.auth.userId("dave")).isEmpty();
    }

    @Test
    void userAddWithTwoDifferentPasswordsCreatesNothing() {
        ShellFixture.Printed printed = fixture.run(userAdd("erin",
                new ShellFixture.ScriptedPrompt(PASSWORD, PASSWORD + "!")));

        assertOneErrorLineWithoutStackTrace(printed);
        assertThat(printed.err()).contains("differ");
        assertThat(printed.all()).doesNotContain(PASSWORD);
        assertThat(fixture.auth.userId("erin")).isEmpty();
    }

    @Test
    void userAddWhenTheInputEndsCreatesNothing() {
        ShellFixture.Printed printed = fixture.run(userAdd("frank", new ShellFixture.ScriptedPrompt()));

        assertOneErrorLineWithoutStackTrace(printed);
        assertThat(printed.err()).contains("No password given");
        assertThat(fixture.auth.userId("frank")).isEmpty();
    }

    @Test
    void userAddRefusesAnInvalidUsernameWithOneLine() {
        UserAddCommand command = userAdd("not a name", ShellFixture.NEVER);
        command.password = PASSWORD;

        ShellFixture.Printed printed = fixture.run(command);

        assertOneErrorLineWithoutStackTrace(printed);
        assertThat(printed.err()).contains("A username has 2 to 64 characters");
        assertThat(printed.all()).doesNotContain(PASSWORD);
    }

    @Test
    void userListPrintsEveryUserAcrossPages() {
        // more than one page of AuthService.users (200), to exercise the keyset loop
        for (int i = 0; i < 205; i++) {
            fixture.createUser(String.format("listed%03d", i), PASSWORD, "regular");
        }
        long admin = fixture.createUser("listadmin", PASSWORD, "admin");
        fixture.auth.updateUser(admin, new AuthRequests.PatchUser(Optional.empty(), Optional.empty(), Optional.of(true)),
                Optional.empty());

        ShellFixture.Printed printed = fixture.run(new UserListCommand());

        assertThat(printed.err()).isEmpty();
        List<String> lines = printed.out().lines().toList();
        assertThat(lines.get(0)).contains("ID").contains("Username").contains("Role").contains("Disabled").contains("Permissions");
        for (int i = 0; i < 205; i++) {
            String name = String.format("listed%03d", i);
            assertThat(lines).anySatisfy(line -> assertThat(line).contains(" " + name + " ")
                    .contains("regular").contains("AccessCatalog, LikeContent, OwnPlaylists"));
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(" listadmin ").contains("admin").contains("yes")
                .contains("ManagePermissions"));
        assertThat(lines.stream().filter(l -> l.contains("listed")).count()).isEqualTo(205);
        assertThat(printed.all()).doesNotContain(PASSWORD);
    }

    @Test
    void userPasswdAsksTwiceSetsThePasswordAndSignsTheUserOutEverywhere() {
        fixture.createUser("grace", PASSWORD, "regular");
        fixture.login("grace", PASSWORD, "grace-phone", "Grace's phone");
        assertThat(fixture.auth.liveSessions(1000)).anySatisfy(row -> assertThat(row[0]).isEqualTo("grace"));
        String next = "a much better passphrase";
        UserPasswdCommand command = new UserPasswdCommand();
        command.username = "grace";
        ShellFixture.ScriptedPrompt prompt = new ShellFixture.ScriptedPrompt(next, next);
        command.prompt = prompt;

        ShellFixture.Printed printed = fixture.run(command);

        assertThat(printed.err()).isEmpty();
        assertThat(prompt.asked).hasSize(2);
        assertThat(printed.out()).contains("Password of 'grace' changed");
        assertThat(printed.all()).doesNotContain(next).doesNotContain(PASSWORD);
        assertThat(fixture.auth.liveSessions(1000)).noneSatisfy(row -> assertThat(row[0]).isEqualTo("grace"));
        fixture.login("grace", next, "grace-laptop", "Grace's laptop");
        assertThatThrownBy(() -> fixture.login("grace", PASSWORD, "grace-laptop", "Grace's laptop"))
                .isInstanceOf(ResonanceException.class).hasMessageContaining("Wrong username or password");
    }

    @Test
    void userPasswdTakesThePasswordOption() {
        fixture.createUser("heidi", PASSWORD, "regular");
        UserPasswdCommand command = new UserPasswdCommand();
        command.username = "heidi";
        command.password = "scripted new password";
        command.prompt = ShellFixture.NEVER;

        ShellFixture.Printed printed = fixture.run(command);

        assertThat(printed.err()).isEmpty();
        assertThat(printed.all()).doesNotContain("scripted new password");
        fixture.login("heidi", "scripted new password", "heidi-web", "Browser");
    }

    @Test
    void userPasswdForAnUnknownUserPrintsOneLineWithoutAsking() {
        UserPasswdCommand command = new UserPasswdCommand();
        command.username = "nobody";
        command.prompt = ShellFixture.NEVER;

        ShellFixture.Printed printed = fixture.run(command);

        assertOneErrorLineWithoutStackTrace(printed);
        assertThat(printed.err()).isEqualTo("Error: No user named 'nobody'" + System.lineSeparator());
    }

    @Test
    void userPasswdWithAWeakPasswordKeepsTheOldOne() {
        fixture.createUser("ivan", PASSWORD, "regular");
        UserPasswdCommand command = new UserPasswdCommand();
        command.username = "ivan";
        command.prompt = new ShellFixture.ScriptedPrompt("tiny", "tiny");

        ShellFixture.Printed printed = fixture.run(command);

        assertOneErrorLineWithoutStackTrace(printed);
        assertThat(printed.err()).contains("at least");
        fixture.login("ivan", PASSWORD, "ivan-web", "Browser");
    }
}
