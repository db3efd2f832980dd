package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.error.ResonanceException;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** One mapping: a domain error of any kind is answered alike by Jersey's mapper and by the plain servlets. */
class ErrorStatusTest {

    @Test
    void servletsAndTheJerseyMapperAnswerEveryKindAlike() throws Exception {
        for (ResonanceException.Kind kind : ResonanceException.Kind.values()) {
            for (Optional<Duration> wait : java.util.List.of(Optional.<Duration>empty(), Optional.of(Duration.ofMillis(2_500)))) {
                ResonanceException error = ResonanceException.of(kind, "some_code", "Some message", wait);
                Response jersey = new ApiExceptionMapper().toResponse(error);
                Answer servlet = Answer.of(error);

                assertThat(servlet.status).as(kind.name()).isEqualTo(jersey.getStatus()).isEqualTo(ErrorStatus.of(kind));
                Map<String, String> jerseyHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                jersey.getHeaders().forEach((name, values) -> jerseyHeaders.put(name, String.valueOf(values.get(0))));
                jerseyHeaders.remove("Content-Type");
                assertThat(servlet.headers).as(kind.name()).isEqualTo(jerseyHeaders);
                assertThat(servlet.body).isEqualTo(new ObjectMapper().writeValueAsString(jersey.getEntity()));
            }
        }
    }

    @Test
    void aRetryAfterAndTheBearerChallengeGoWithTheKindsThatNeedThem() throws Exception {
        Answer limited = Answer.of(ResonanceException.tooManyRequests("rate_limited", "Too many requests.", Duration.ofMillis(1_100)));
        Answer unauthenticated = Answer.of(ResonanceException.unauthenticated("unauthenticated", "Sign in first"));

        assertThat(limited.status).isEqualTo(429);
        assertThat(limited.headers).containsEntry("Retry-After", "2").doesNotContainKey("WWW-Authenticate");
        assertThat(limited.body).isEqualTo("{\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many requests. Try again in 2 s.\"}}");
        assertThat(unauthenticated.status).isEqualTo(401);
        assertThat(unauthenticated.headers).containsEntry("WWW-Authenticate", "Bearer realm=\"resonance\"").doesNotContainKey("Retry-After");
    }

    /** What {@link ServletErrors#write(HttpServletResponse, ResonanceException)} sent. */
    private static final class Answer {
        int status;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        String body;

        static Answer of(ResonanceException error) throws Exception {
            Answer answer = new Answer();
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    answer.out.write(b);
                }
            };
            HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(ErrorStatusTest.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "setStatus" -> answer.status = (Integer) args[0];
                            case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                            case "getOutputStream" -> {
                                return stream;
                            }
                            default -> {
                                // content type and length: not part of the comparison
                            }
                        }
                        return null;
                    });
            ServletErrors.write(response, error);
            answer.body = answer.out.toString(java.nio.charset.StandardCharsets.UTF_8);
            return answer;
        }
    }
}
