package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI document ({@code src/main/resources/openapi.json}, served at {@code GET /api/openapi.json}) is
 * exactly what {@link OpenApiGenerator} makes of the resource classes today: a change to an endpoint, a parameter or
 * a request record that is not in the document fails here. Rewrite the document with {@link #REWRITE}.
 */
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("src/main/resources/openapi.json");

    static final String REWRITE = "mvn -B -ntp -q -pl core-impl -am test -Dtest=OpenApiDocumentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true";

    /** The document's own version: the API's version, not the build's, so a release does not change the file. */
    static final String API_VERSION = "1";

    /** The resource classes the core's components contribute (through the same factories). */
    static java.util.List<Class<?>> resources() {
        try (dev.resonance.impl.auth.ApiHarness api = new dev.resonance.impl.auth.ApiHarness()) {
            return api.resourceClasses();
        }
    }

    @Test
    void theCommittedDocumentIsWhatTheResourceClassesSay() throws IOException {
        String generated = OpenApiGenerator.generate(resources(), API_VERSION);
        assertThat(OpenApiGenerator.generate(resources(), API_VERSION)).as("generating twice gives the same bytes")
                .isEqualTo(generated);
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
            System.out.println("openapi: wrote " + COMMITTED.toAbsolutePath() + " (" + generated.length() + " characters)");
            return;
        }
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        assertThat(committed)
                .as("core-impl/" + COMMITTED + " is out of date with the resource classes; rewrite it with%n  " + REWRITE
                        + "%nand commit it (review the diff: it is the API change clients see)")
                .isEqualTo(generated);
    }

    @Test
    void everyOperationDeclaresWhoMayCallIt() throws IOException {
        var doc = dev.resonance.impl.auth.ApiHarness.JSON.readTree(OpenApiGenerator.generate(resources(), API_VERSION));
        int operations = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) doc.path("paths")::fields) {
            for (var op : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) path.getValue()::fields) {
                operations++;
                assertThat(op.getValue().path("x-resonance-access").asText()).as(op.getKey() + " " + path.getKey())
                        .isNotEqualTo("undeclared").isNotEmpty();
            }
        }
        assertThat(operations).isGreaterThan(40);
    }
}
