package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.Test;

/** The whole API answers failures with one JSON shape and the right status: checked through Jersey in memory. */
class ApiErrorsTest {

    public record Greeting(String name, int times) {
    }

    @Path("greet")
    public static final class GreetingResource {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        public Greeting greet(Greeting greeting) {
            return new Greeting("hello " + greeting.name(), greeting.times());
        }

        @GET
        @Path("fail")
        public String fail() {
            throw new IllegalStateException("secret internal detail");
        }

        @GET
        @Path("count/{id}")
        @Produces(MediaType.APPLICATION_JSON)
        public Greeting count(@PathParam("id") long id, @QueryParam("limit") @DefaultValue("10") int limit,
                              @HeaderParam("X-Times") @DefaultValue("1") int times) {
            return new Greeting("#" + id, limit * times);
        }
    }

    private final ApplicationHandler app = new ApplicationHandler(
            JerseyServlets.application().register(GreetingResource.class));

    private record Answer(int status, String body) {
    }

    private Answer call(String method, String path, String contentType, String body) throws Exception {
        return call(method, path, contentType, body, null);
    }

    private Answer call(String method, String path, String contentType, String body, String times) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/api/"),
                URI.create("http://localhost/api/" + path), method, null, new MapPropertiesDelegate(), null);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.header("Accept", MediaType.APPLICATION_JSON);
        if (times != null) {
            request.header("X-Times", times);
        }
        request.setEntityStream(new ByteArrayInputStream(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerResponse response = app.apply(request, out).get();
        return new Answer(response.getStatus(), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validJsonIsReadAndWritten() throws Exception {
        Answer answer = call("POST", "greet", "application/json", "{\"name\":\"Ada\",\"times\":2}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"name\":\"hello Ada\",\"times\":2}");
    }

    @Test
    void malformedJsonIsA400WithTheJsonErrorShape() throws Exception {
        Answer answer = call("POST", "greet", "application/json", "{\"name\":");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"code\":\"invalid_json\"").startsWith("{\"error\":{");
    }

    @Test
    void unknownFieldsAndWrongTypesAre400() throws Exception {
        assertThat(call("POST", "greet", "application/json", "{\"name\":\"a\",\"times\":1,\"admin\":true}").body())
                .contains("\"code\":\"unknown_field\"").contains("admin");
        assertThat(call("POST", "greet", "application/json", "{\"name\":\"a\",\"times\":\"many\"}").status())
                .isEqualTo(400);
        assertThat(call("POST", "greet", "application/json", "").status()).isEqualTo(400);
    }

    @Test
    void wrongMediaTypeUnknownPathAndWrongMethodAreJsonErrors() throws Exception {
        Answer notJson = call("POST", "greet", "text/plain", "hello");
        Answer missing = call("GET", "nothing-here", null, null);
        Answer wrongMethod = call("DELETE", "greet", null, null);

        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.body()).contains("\"code\":\"unsupported_media_type\"");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":\"not_found\"");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("\"code\":\"method_not_allowed\"");
    }

    @Test
    void aQueryParameterOrHeaderThatDoesNotParseIsA400NamingItNotA404() throws Exception {
        assertThat(call("GET", "greet/count/7?limit=3", null, null, "2").body()).isEqualTo("{\"name\":\"#7\",\"times\":6}");

        Answer limit = call("GET", "greet/count/7?limit=abc", null, null);
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.body()).contains("\"code\":\"invalid_parameter\"").contains("query parameter 'limit'")
                .contains("a whole number");
        Answer header = call("GET", "greet/count/7", null, null, "lots");
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.body()).contains("\"code\":\"invalid_parameter\"").contains("header 'X-Times'");

        // a path that does not name anything is still not found
        Answer path = call("GET", "greet/count/seven", null, null);
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.body()).contains("\"code\":\"not_found\"");
    }

    @Test
    void unexpectedFailuresAre500WithoutInternalDetails() throws Exception {
        Answer answer = call("GET", "greet/fail", null, null);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).contains("\"code\":\"internal_error\"").contains("incident")
                .doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
    }
}
