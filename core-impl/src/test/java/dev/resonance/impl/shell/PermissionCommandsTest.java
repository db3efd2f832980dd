package dev.resonance.impl.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.auth.AuthViews;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PermissionCommandsTest {

    private static ShellFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ShellFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static UserGrantCommand grant(String username, String permission) {
        UserGrantCommand command = new UserGrantCommand();
        command.username = username;
        command.permission = permission;
        return command;
    }

    private static UserRevokeCommand revoke(String username, String permission) {
        UserRevokeCommand command = new UserRevokeCommand();
        command.username = username;
        command.permission = permission;
        return command;
    }

    private static void assertOneErrorLineWithoutStackTrace(ShellFixture.Printed printed) {
        assertThat(printed.errLines()).hasSize(1);
        assertThat(printed.err()).startsWith("Error: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(printed.out()).isEmpty();
    }

    @Test
    void grantGivesTheUserThePermission() {
        long id = fixture.createUser("alice", "correct horse battery", "regular");

        ShellFixture.Printed printed = fixture.run(grant("alice", "ViewAnalytics"));

        assertThat(printed.err()).isEmpty();
        assertThat(printed.out()).isEqualTo("Granted ViewAnalytics to 'alice'" + System.lineSeparator());
        assertThat(fixture.auth.user(id).permissions()).contains("ViewAnalytics");
    }

    @Test
    void grantAcceptsTheConstantNameAndAnExpiryThatUserListShows() {
        long id = fixture.createUser("bob", "correct horse battery", "regular");
        Instant until = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        UserGrantCommand command = grant("bob", "edit_catalog");
        command.until = until.toString();

        ShellFixture.Printed printed = fixture.run(command);

        assertThat(printed.err()).isEmpty();
        assertThat(printed.out()).contains("Granted EditCatalog to 'bob' until " + until);
        AuthViews.User user = fixture.auth.user(id);
        assertThat(user.permissions()).contains("EditCatalog");
        assertThat(user.overrides()).anySatisfy(o -> {
            assertThat(o.permission()).isEqualTo("EditCatalog");
            assertThat(o.expiresAt()).contains(until);
        });
        assertThat(fixture.run(new UserListCommand()).out().lines())
                .anySatisfy(line -> assertThat(line).contains(" bob ").contains("EditCatalog (until " + until + ")"));
    }

    @Test
    void revokeTakesAGrantedPermissionAway() {
        long id = fixture.createUser("carol", "correct horse battery", "regular");
        fixture.run(grant("carol", "ViewAnalytics"));

        ShellFixture.Printed printed = fixture.run(revoke("carol", "ViewAnalytics"));

        assertThat(printed.err()).isEmpty();
        assertThat(printed.out()).isEqualTo("Revoked ViewAnalytics from 'carol'" + System.lineSeparator());
        assertThat(fixture.auth.user(id).permissions()).doesNotContain("ViewAnalytics");
    }

    @Test
    void revokeTakesAwayEvenWhatTheRoleCarriesAndGrantGivesItBack() {
        long id = fixture.createUser("dave", "correct horse battery", "regular");

        fixture.run(revoke("dave", "ACCESS_CATALOG"));
        assertThat(fixture.auth.user(id).permissions()).doesNotContain("AccessCatalog");

        fixture.run(grant("dave", "AccessCatalog"));
        assertThat(fixture.auth.user(id).permissions()).contains("AccessCatalog");
    }

    @Test
    void anUnknownPermissionPrintsOneLineNamingTheValidOnes() {
        long id = fixture.createUser("erin", "correct horse battery", "regular");

        ShellFixture.Printed granted = fixture.run(grant("erin", "FlyToTheMoon"));
        ShellFixture.Printed revoked = fixture.run(revoke("erin", "FlyToTheMoon"));

        for (ShellFixture.Printed printed : new ShellFixture.Printed[] {granted, revoked}) {
            assertOneErrorLineWithoutStackTrace(printed);
            assertThat(printed.err()).contains("Unknown permission 'FlyToTheMoon'").contains("ViewAnalytics");
        }
        assertThat(fixture.auth.user(id).overrides()).isEmpty();
    }

    @Test
    void anUnknownUserPrintsOneLine() {
        ShellFixture.Printed printed = fixture.run(grant("ghost", "ViewAnalytics"));

        assertOneErrorLineWithoutStackTrace(printed);
        assertThat(printed.err()).contains("No user named 'ghost'");
    }

    @Test
    void aMalformedOrPastExpiryPrintsOneLine() {
        long id = fixture.createUser("frank", "correct horse battery", "regular");
        UserGrantCommand malformed = grant("frank", "ViewAnalytics");
        malformed.until = "next tuesday";
        UserGrantCommand past = grant("frank", "ViewAnalytics");
        past.until = "2001-01-01T00:00:00Z";

        ShellFixture.Printed malformedPrinted = fixture.run(malformed);
        ShellFixture.Printed pastPrinted = fixture.run(past);

        assertOneErrorLineWithoutStackTrace(malformedPrinted);
        assertThat(malformedPrinted.err()).contains("ISO-8601");
        assertOneErrorLineWithoutStackTrace(pastPrinted);
        assertThat(pastPrinted.err()).contains("in the future");
        assertThat(fixture.auth.user(id).permissions()).doesNotContain("ViewAnalytics");
    }

    @Test
    void theLastAdministratorKeepsManagePermissions() {
        // the first admin of this database is the only one
        fixture.createUser("root", "correct horse battery", "admin");

        ShellFixture.Printed printed = fixture.run(revoke("root", "ManagePermissions"));

        assertOneErrorLineWithoutStackTrace(printed);
        assertThat(printed.err()).contains("last administrator");
    }
}
