package dev.resonance.impl.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.impl.input.InputRules;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.json.ApiJson;
import java.util.List;
import java.util.Map;

/**
 * A service's answer as GraphQL reads it: the same JSON the REST endpoint writes (the API's one mapping), as maps and
 * lists. So a GraphQL field has the name and the value of the REST field, and nothing is mapped twice.
 */
public final class GraphValues {

    private static final ObjectMapper JSON = ApiJson.newMapper();

    private GraphValues() {
    }

    /** {@code value} as a map of its JSON fields. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value == null ? null : JSON.convertValue(value, Map.class);
    }

    /** Each of {@code values} as a map. */
    public static List<Map<String, Object>> maps(List<?> values) {
        return values.stream().map(GraphValues::map).toList();
    }

    /**
     * GraphQL arguments as the request body REST reads for the same operation ({@code type}, a record of the
     * feature's requests): the same text rules ({@link InputRules#check}) and the same binding (optional fields,
     * dates), so both faces validate a request alike.
     */
    public static <T> T input(Map<String, Object> arguments, Class<T> type) {
        JsonNode tree = InputRules.check(JSON.valueToTree(arguments));
        try {
            return JSON.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                if (cause instanceof InvalidInput invalid) { // a deserializer's rule (dates)
                    throw invalid;
                }
            }
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? m.getPath().get(0).getFieldName() : "input";
            throw new InvalidInput(field == null ? "input" : field, "is not valid for this field");
        }
    }

    /**
     * Applies the API's text rules ({@link InputRules#check}: no control characters, length caps) to every argument of
     * a root field, as REST's JSON reading applies them to every body: the two faces refuse the same input.
     */
    static void check(Map<String, Object> arguments) {
        if (!arguments.isEmpty()) {
            InputRules.check(JSON.valueToTree(arguments));
        }
    }

    /** A keyset page {@code {items, next, total}} with its items as maps. */
    public static Map<String, Object> page(Object page) {
        return map(page);
    }
}
