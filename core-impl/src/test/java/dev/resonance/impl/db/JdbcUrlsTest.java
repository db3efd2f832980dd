package dev.resonance.impl.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void aPostgresUrlWithHostAndDatabaseIsAccepted() {
        assertThat(JdbcUrls.problemWith("jdbc:postgresql://db:5432/resonance")).isNull();
        assertThat(JdbcUrls.problemWith("jdbc:postgresql://127.0.0.1/resonance?sslmode=require")).isNull();
    }

    @Test
    void otherUrlsAreRefusedNamingTheSetting() {
        assertThat(JdbcUrls.problemWith("postgres://db/resonance")).startsWith("DB_URL must look like");
        assertThat(JdbcUrls.problemWith("jdbc:mysql://db/resonance")).startsWith("DB_URL must look like");
        assertThat(JdbcUrls.problemWith("jdbc:postgresql://db")).startsWith("DB_URL must name a host and a database");
        assertThat(JdbcUrls.problemWith("jdbc:postgresql://db/")).startsWith("DB_URL must name a host and a database");
    }

    @Test
    void passwordsNeverAppearInDescriptions() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/r?user=me&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/r?user=me&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://me:s3cret@db/r")).isEqualTo("jdbc:postgresql://***@db/r");
        assertThat(JdbcUrls.problemWith("postgres://me:s3cret@db/r?PASSWORD=s3cret")).doesNotContain("s3cret");
    }
}
