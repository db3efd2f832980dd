package dev.resonance.impl.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** A keyset page {@code {items, next, total}} with its items as maps. */
    public static Map<String, Object> page(Object page) {
        return map(page);
    }
}
