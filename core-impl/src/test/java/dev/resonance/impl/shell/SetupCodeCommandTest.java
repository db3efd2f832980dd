package dev.resonance.impl.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SetupCodeCommandTest {

    private ShellFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ShellFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void onAFreshServerItShowsTheCodeTheFirstRegistrationNeeds() {
        ShellFixture.Printed printed = fixture.run(new SetupCodeCommand());

        assertThat(printed.err()).isEmpty();
        assertThat(printed.out()).startsWith(fixture.auth.setupCode().orElseThrow()).contains("setupCode");
        assertThat(printed.out().substring(0, 14)).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
    }

    @Test
    void onceAnAccountExistsThereIsNoCode() {
        fixture.createUser("root", "correct horse battery", "admin");

        ShellFixture.Printed printed = fixture.run(new SetupCodeCommand());

        assertThat(printed.out()).isEmpty();
        assertThat(printed.err()).startsWith("Error: An account already exists");
    }
}
