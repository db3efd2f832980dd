package dev.resonance.plugin.subsonic.response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a Subsonic answer, whatever format it is sent in: attributes with typed values, an optional text
 * value (a genre's name), and named content kept in the order it was added (the XSD's sequences). Content is one
 * {@link One element}, a {@link Many list of elements} or a {@link Values list of simple values}; XML writes a list as
 * repeated elements, JSON as an array — even of one item, as OpenSubsonic asks.
 *
 * <p>Attribute and text values are {@link String}, {@link Boolean}, {@link Integer}, {@link Long}, {@link Float},
 * {@link Double} or {@link Instant} (written as an ISO 8601 UTC time). Absent values are never added: what is not
 * known is left out, not sent empty. Not thread-safe: one answer is built by one request.
 */
public final class Node {

    private final String name;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Map<String, Content> content = new LinkedHashMap<>();
    private Object text;

    private Node(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static Node of(String name) {
        return new Node(name);
    }

    /** What a node holds under one name. */
    public sealed interface Content permits One, Many, Values {
    }

    /** One element (a JSON object). */
    public record One(Node node) implements Content {
    }

    /**
     * Elements of one name (a JSON array). {@code keepEmpty}: JSON sends {@code []} when there are none (lists the
     * OpenSubsonic schema requires, such as an album's songs); otherwise an empty list is left out, as XML leaves it.
     */
    public record Many(List<Node> nodes, boolean keepEmpty) implements Content {
    }

    /**
     * Simple values of one name: {@code <isrc>X</isrc>} in XML, {@code "isrc": ["X"]} in JSON; a single one
     * ({@code repeated} false) is {@code "musicBrainzId": "X"} in JSON.
     */
    public record Values(List<Object> values, boolean repeated) implements Content {
    }

    public String name() {
        return name;
    }

    public Map<String, Object> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public Optional<Object> text() {
        return Optional.ofNullable(text);
    }

    public Map<String, Content> content() {
        return Collections.unmodifiableMap(content);
    }

    public Node attr(String name, Object value) {
        attributes.put(Objects.requireNonNull(name, "name"), checked(value));
        return this;
    }

    /** The attribute when the value is present; nothing otherwise. */
    public Node attr(String name, Optional<?> value) {
        value.ifPresent(v -> attr(name, v));
        return this;
    }

    /** The attribute unless the text is empty (an empty tag is an unknown one). */
    public Node attrIfNotEmpty(String name, String value) {
        if (value != null && !value.isEmpty()) {
            attr(name, value);
        }
        return this;
    }

    /** The element's own value: XML text, JSON {@code "value"}. */
    public Node text(Object value) {
        this.text = checked(value);
        return this;
    }

    public Node child(Node node) {
        put(node.name(), new One(node));
        return this;
    }

    /** Elements named {@code name}; left out when there are none. */
    public Node list(String name, List<Node> nodes) {
        return list(name, nodes, false);
    }

    /** Elements named {@code name}; in JSON an empty array when there are none. */
    public Node requiredList(String name, List<Node> nodes) {
        return list(name, nodes, true);
    }

    /** Simple values named {@code name}; left out when there are none. */
    public Node values(String name, List<?> values) {
        if (!values.isEmpty()) {
            List<Object> copy = new ArrayList<>();
            values.forEach(v -> copy.add(checked(v)));
            put(name, new Values(List.copyOf(copy), true));
        }
        return this;
    }

    /** One simple value named {@code name} (an element of simple content that does not repeat). */
    public Node value(String name, Object value) {
        put(name, new Values(List.of(checked(value)), false));
        return this;
    }

    private Node list(String name, List<Node> nodes, boolean keepEmpty) {
        for (Node node : nodes) {
            if (!node.name().equals(name)) {
                throw new IllegalArgumentException("a list of " + name + " holds " + node.name());
            }
        }
        if (!nodes.isEmpty() || keepEmpty) {
            put(name, new Many(List.copyOf(nodes), keepEmpty));
        }
        return this;
    }

    private void put(String name, Content value) {
        if (content.containsKey(name) || attributes.containsKey(name)) {
            throw new IllegalStateException(this.name + " already holds " + name);
        }
        content.put(name, value);
    }

    private static Object checked(Object value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
            || value instanceof Float || value instanceof Double || value instanceof Instant) {
            return value;
        }
        throw new IllegalArgumentException("not a value an answer can carry: " + value.getClass().getName());
    }
}
