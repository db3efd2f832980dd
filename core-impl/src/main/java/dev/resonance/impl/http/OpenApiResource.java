package dev.resonance.impl.http;

import dev.resonance.api.auth.Public;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code GET /api/openapi.json}: the REST API as an OpenAPI 3 document. The document is a file committed beside the
 * code ({@code src/main/resources/openapi.json}), generated from the resource classes by {@code OpenApiDocumentTest},
 * which fails the build when the two drift apart. Public: it describes what anyone may try, not what they may do.
 */
@Path("openapi.json")
@Public
public final class OpenApiResource {

    /** Where the document is inside the bundle. */
    public static final String DOCUMENT = "/openapi.json";

    private static final String TEXT = load();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() {
        return TEXT; // a String is written as it is (the JSON provider leaves strings alone)
    }

    private static String load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the core bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
