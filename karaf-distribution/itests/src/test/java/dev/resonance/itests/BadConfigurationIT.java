package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.testing.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mistake in the configuration is one line naming the setting, never a stack trace wall or a leaked secret. */
class BadConfigurationIT {

    @Test
    void anInvalidPortIsRefusedBeforeStarting() throws Exception {
        ResonanceProcess resonance = ResonanceProcess.start(Map.of("PORT", "http"));

        assertThat(resonance.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
        assertThat(resonance.logLines()).containsExactly("resonance: PORT='http' is not a valid TCP port (1-65535)");
    }

    @Test
    void aPortInUseIsRefusedBeforeStarting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ResonanceProcess resonance = ResonanceProcess.start(Map.of("PORT", Integer.toString(taken.getLocalPort())));

            assertThat(resonance.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(resonance.logLines()).singleElement().asString()
                    .contains("PORT=" + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void aMalformedDatabaseUrlIsRefusedBeforeStarting() throws Exception {
        ResonanceProcess resonance = ResonanceProcess.start(Map.of("DB_URL", "mysql://db/music"));

        assertThat(resonance.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
        assertThat(resonance.logLines()).singleElement().asString().contains("DB_URL must look like jdbc:postgresql://");
    }

    @Test
    void anUnreachableDatabaseIsReportedByHealthAndOneLogLineWithoutThePassword() throws Exception {
        String password = "hunter2-do-not-print";
        try (ResonanceProcess resonance = ResonanceProcess.start(Map.of(
                "DB_URL", "jdbc:postgresql://127.0.0.1:1/resonance", "DB_USER", "resonance", "DB_PASSWORD", password))) {
            ResonanceProcess.Answer health = resonance.awaitHealth(
                    a -> a.status() == 503 && a.body().contains("cannot reach"), Duration.ofSeconds(60));

            assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(health.json().path("db").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/checks/db/detail").asText())
                    .contains("cannot reach DB_URL jdbc:postgresql://127.0.0.1:1/resonance", "retrying");
            Thread.sleep(6_000); // at least one retry happens
            assertThat(resonance.logLines()).filteredOn(l -> l.contains("Database DOWN")).hasSize(1);
            assertThat(resonance.log()).doesNotContain(password).doesNotContain("\tat ");
            assertThat(health.body()).doesNotContain(password);
        }
    }

    @Test
    void aMissingLibraryFolderDegradesHealthAndNamesTheSetting() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess resonance = ResonanceProcess.start(Map.of(
                     "DB_URL", db.url(), "DB_USER", db.user(), "MUSIC_LIBRARY_PATH", "/no/such/music"))) {
            ResonanceProcess.Answer health = resonance.awaitReady();

            assertThat(health.json().path("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.json().path("db").asText()).isEqualTo("UP");
            assertThat(health.json().path("library").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/checks/library/detail").asText())
                    .isEqualTo("MUSIC_LIBRARY_PATH=/no/such/music does not exist");
            assertThat(resonance.logLines()).anyMatch(l -> l.contains("MUSIC_LIBRARY_PATH=/no/such/music"));
        }
    }
}
