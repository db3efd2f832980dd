package dev.resonance.impl.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.auth.AuthViews;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UserAdminCommandTest {

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

    private static UserAdminCommand userAdmin(String username) {
        UserAdminCommand command = new UserAdminCommand();
        command.username = username;
        return command;
    }

    @Test
    void userAdminGivesAdministrationBackWhenNoOneCanAdministerAnyMore() {
        // locked out: the only administrator is disabled and denied ManagePermissions (as a database left by an
        // older version, or edited by hand, can be)
        long root = fixture.createUser("root", PASSWORD, "admin");
        fixture.db.inTransaction(c -> {
            try (PreparedStatement disable = c.prepareStatement("UPDATE users SET disabled = true WHERE id = ?");
                 PreparedStatement deny = c.prepareStatement("INSERT INTO user_permissions (user_id, permission, effect)"
                         + " VALUES (?, 'ManagePermissions', 'DENY')")) {
                disable.setLong(1, root);
                disable.executeUpdate();
                deny.setLong(1, root);
                return deny.executeUpdate();
            }
        });
        assertThat(fixture.auth.user(root).permissions()).doesNotContain("ManagePermissions");

        ShellFixture.Printed printed = fixture.run(userAdmin("root"));

        assertThat(printed.err()).isEmpty();
        assertThat(printed.out()).isEqualTo("'root' is now an enabled administrator with ManagePermissions"
                + System.lineSeparator());
        AuthViews.User user = fixture.auth.user(root);
        assertThat(user.role()).isEqualTo("admin");
        assertThat(user.disabled()).isFalse();
        assertThat(user.permissions()).contains("ManagePermissions");
        fixture.login("root", PASSWORD, "console", "Console"); // can sign in again
    }

    @Test
    void userAdminPromotesARegularUser() {
        long id = fixture.createUser("ada", PASSWORD, "regular");

        ShellFixture.Printed printed = fixture.run(userAdmin("ada"));

        assertThat(printed.err()).isEmpty();
        assertThat(fixture.auth.user(id).role()).isEqualTo("admin");
        assertThat(fixture.auth.user(id).permissions()).contains("ManagePermissions");
    }

    @Test
    void anUnknownUserPrintsOneLine() {
        ShellFixture.Printed printed = fixture.run(userAdmin("ghost"));

        assertThat(printed.errLines()).hasSize(1);
        assertThat(printed.err()).startsWith("Error: ").contains("No user named 'ghost'").doesNotContain("Exception");
        assertThat(printed.out()).isEmpty();
    }
}
