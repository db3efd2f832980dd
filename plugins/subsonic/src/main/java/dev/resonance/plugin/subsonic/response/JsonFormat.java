package dev.resonance.plugin.subsonic.response;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes an answer as Subsonic JSON: {@code {"subsonic-response": {...}}}, attributes as properties of their JSON
 * types (numbers as numbers, booleans as booleans, times as ISO 8601 strings), a node's text as {@code "value"}, one
 * element as an object and a list as an array even with one item (OpenSubsonic's JSON rules). UTF-8.
 */
public final class JsonFormat {

    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    /** Where a node's text goes in JSON (a genre's name: {@code {"value": "Rock", "songCount": 3}}). */
    public static final String TEXT = "value";

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonFormat() {
    }

    public static byte[] write(Node root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192); // a page of albums is ~20 KiB: few copies as it grows
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeFieldName(root.name());
            object(json, root);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the answer as JSON", e);
        }
        return out.toByteArray();
    }

    private static void object(JsonGenerator json, Node node) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> attribute : node.attributes().entrySet()) {
            json.writeFieldName(attribute.getKey());
            value(json, attribute.getValue());
        }
        if (node.text().isPresent()) {
            json.writeFieldName(TEXT);
            value(json, node.text().get());
        }
        for (Map.Entry<String, Node.Content> entry : node.content().entrySet()) {
            json.writeFieldName(entry.getKey());
            Node.Content content = entry.getValue();
            if (content instanceof Node.One one) {
                object(json, one.node());
            } else if (content instanceof Node.Many many) {
                json.writeStartArray();
                for (Node child : many.nodes()) {
                    object(json, child);
                }
                json.writeEndArray();
            } else if (!((Node.Values) content).repeated()) {
                value(json, ((Node.Values) content).values().get(0));
            } else {
                json.writeStartArray();
                for (Object value : ((Node.Values) content).values()) {
                    value(json, value);
                }
                json.writeEndArray();
            }
        }
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Instant) {
            json.writeString(Texts.text(value));
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value);
        }
    }
}
