package dev.resonance.impl.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.input.InputRules;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.json.ApiJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

/**
 * JSON in and out with Jackson, mapped by {@link ApiJson}. Strict on input (unknown fields and wrong types are the
 * client's error, reported as 400 with the offending field; every string and date must keep {@link InputRules}),
 * ISO-8601 dates on output.
 */
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public final class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    /** The largest JSON body the API reads (requests are small: credentials, edits, playlists of ids). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;

    public JsonProvider() {
        this(ApiJson.newMapper());
    }

    public JsonProvider(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    private static boolean json(MediaType mediaType) {
        return mediaType != null && (mediaType.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || mediaType.getSubtype().endsWith("+json"));
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return json(mediaType) && type != String.class && type != InputStream.class;
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        try {
            // read as a tree first so every string is checked by one rule, whatever record it is bound to next
            JsonNode tree = mapper.readTree(new BoundedInputStream(entityStream, MAX_BODY_BYTES));
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw ResonanceException.invalid("invalid_json", "The request body is empty: a JSON object is expected");
            }
            InputRules.check(tree);
            Object value = mapper.readerFor(mapper.constructType(genericType)).readValue(tree);
            if (value == null) {
                throw ResonanceException.invalid("invalid_json", "The request body is empty: a JSON object is expected");
            }
            return value;
        } catch (InvalidInput e) {
            throw ResonanceException.invalid("invalid_field", e.getMessage());
        } catch (BoundedInputStream.TooLarge e) {
            throw ResonanceException.tooLarge("body_too_large",
                    "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
        } catch (UnrecognizedPropertyException e) {
            throw ResonanceException.invalid("unknown_field", "Unknown field '" + e.getPropertyName() + "'");
        } catch (JsonProcessingException e) {
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                if (cause instanceof InvalidInput invalid) { // a deserializer's rule (dates)
                    throw ResonanceException.invalid("invalid_field", invalid.getMessage());
                }
            }
            throw ResonanceException.invalid("invalid_json", describe(e));
        }
    }

    /**
     * What was wrong with a body, in the client's terms: the field and what it should hold for a value of the wrong
     * type, the position for broken syntax. Never Jackson's own text for binding failures: it names Java classes,
     * exception types and parser internals ("Cannot deserialize value of type `java.time.Instant` ...
     * (java.time.format.DateTimeParseException)").
     */
    static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "The request body is not valid JSON for this endpoint: it is nested too deeply or holds a value too long";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            return "The request body is not valid JSON for this endpoint: '" + InputRules.printable(field.toString(), 100)
                    + "' must be " + expected(target);
        }
        if (e instanceof JsonParseException && e.getLocation() != null) {
            return "The request body is not valid JSON: broken at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
        }
        return "The request body is not valid JSON for this endpoint: a JSON object with its documented fields is expected";
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "a value of the documented type";
        }
        if (target == String.class || target.isEnum()) {
            return "a string";
        }
        if (target == long.class || target == Long.class || target == int.class || target == Integer.class
                || target == short.class || target == Short.class) {
            return "a whole number in range";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
            return "a number";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(target)) {
            return "an ISO-8601 date and time such as 2026-01-02T10:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "a list";
        }
        return "an object with its documented fields";
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return json(mediaType) && type != String.class;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        mapper.writeValue(entityStream, value);
    }
}
