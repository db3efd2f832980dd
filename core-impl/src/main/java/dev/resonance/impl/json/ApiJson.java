package dev.resonance.impl.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import dev.resonance.impl.input.InputRules;
import java.io.IOException;
import java.time.Instant;

/**
 * The API's one JSON mapping, for REST bodies ({@code http.JsonProvider}) and sync's messages and events alike:
 * strict on input (unknown fields, wrong types and trailing tokens are the client's mistake; every date keeps
 * {@link InputRules}), ISO-8601 dates and {@code Optional} as a value or null on output. Here, not in {@code http},
 * so that sync and the REST API share it without sync depending on the HTTP plumbing.
 */
public final class ApiJson {

    private ApiJson() {
    }

    /** A new mapper with the API's settings (one per user: a mapper is thread-safe once configured). */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule("resonance-input-rules").addDeserializer(Instant.class, new RuledInstant()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // a number where text is expected (or the reverse) is the client's mistake, not something to guess at
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /** An ISO-8601 instant within {@link InputRules#instant}'s range ({@code +999999-01-01T00:00:00Z} is valid ISO). */
    private static final class RuledInstant extends StdDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        RuledInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String field = p.currentName() == null ? "value" : p.currentName();
            Instant value = InstantDeserializer.INSTANT.deserialize(p, context);
            return value == null ? null : InputRules.instant(field, value);
        }
    }
}
