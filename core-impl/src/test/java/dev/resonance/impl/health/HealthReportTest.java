package dev.resonance.impl.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.health.HealthCheck;
import dev.resonance.api.health.HealthIndicator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    private static HealthIndicator indicator(String name, boolean critical, HealthCheck check) {
        return new HealthIndicator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean critical() {
                return critical;
            }

            @Override
            public HealthCheck check() {
                return check;
            }
        };
    }

    @Test
    void allUpIsUpAndReady() {
        HealthReport report = HealthReport.of(List.of(indicator("db", true, HealthCheck.up("pg 17"))));

        assertThat(report.status()).isEqualTo("UP");
        assertThat(report.ready()).isTrue();
        assertThat(report.toJson()).containsEntry("status", "UP").containsEntry("db", "UP");
    }

    @Test
    void aCriticalPartDownMakesTheServerNotReadyAndNamesThePart() {
        HealthReport report = HealthReport.of(List.of(
                indicator("db", true, HealthCheck.down("cannot reach DB_URL jdbc:postgresql://x/y")),
                indicator("library", false, HealthCheck.up())));

        assertThat(report.status()).isEqualTo("DOWN");
        assertThat(report.ready()).isFalse();
        assertThat(report.toJson()).containsEntry("db", "DOWN").containsEntry("library", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> checks = (Map<String, Map<String, Object>>) report.toJson().get("checks");
        assertThat(checks.get("db")).containsEntry("detail", "cannot reach DB_URL jdbc:postgresql://x/y");
    }

    @Test
    void aNonCriticalPartDownDegradesButStaysReady() {
        HealthReport report = HealthReport.of(List.of(
                indicator("db", true, HealthCheck.up()),
                indicator("library", false, HealthCheck.down("MUSIC_LIBRARY_PATH=/x does not exist"))));

        assertThat(report.status()).isEqualTo("DEGRADED");
        assertThat(report.ready()).isTrue();
    }

    @Test
    void anIndicatorThatThrowsIsReportedDownInsteadOfBreakingHealth() {
        HealthIndicator broken = indicator("plugin", true, null);
        HealthIndicator throwing = new HealthIndicator() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public HealthCheck check() {
                throw new IllegalStateException("bug");
            }
        };

        HealthReport report = HealthReport.of(List.of(broken, throwing));

        assertThat(report.checks().get("plugin").isUp()).isFalse();
        assertThat(report.checks().get("throwing").detail()).contains("health check failed: IllegalStateException");
        assertThat(report.status()).isEqualTo("DOWN");
    }
}
