package dev.resonance.impl.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.auth.ApiHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed schema ({@code core-impl/src/main/resources/schema.graphqls}, what {@code GET /graphql/schema.graphqls}
 * serves when no plugin adds fields) is the schema the core's parts build — the same factories the components use.
 * A part changed without the document fails here; rewrite it with {@link #REWRITE}.
 */
class GraphQlSchemaDocumentTest {

    static final Path COMMITTED = Path.of("src/main/resources/schema.graphqls");
    static final String REWRITE = "mvn -pl core-api,core-impl test -Dtest=GraphQlSchemaDocumentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dgraphql.write=true";

    @Test
    void theCommittedSchemaIsTheOneTheCoreServes() throws Exception {
        String served;
        try (ApiHarness api = new ApiHarness()) {
            served = api.graphSchema().print();
        }
        if (Boolean.getBoolean("graphql.write")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("core-impl/" + COMMITTED + " is out of date with the GraphQL parts; rewrite it with%n  " + REWRITE).isEqualTo(served);
    }
}
