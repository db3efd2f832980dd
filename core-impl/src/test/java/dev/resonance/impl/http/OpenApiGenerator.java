package dev.resonance.impl.http;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.json.ApiJson;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.glassfish.jersey.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Writes the OpenAPI 3 document of the REST API from what Jersey itself serves: the resource model of every class
 * in {@link ApiServlet#RESOURCES} (paths, methods, path/query/header/cookie parameters with their Java types,
 * consumed and produced media types, the access annotation as {@code x-resonance-access}) and, for request and
 * response bodies, the properties Jackson (configured as the API's {@link JsonProvider}) reads and writes. Everything
 * is sorted, so the same code always gives the same bytes.
 */
public final class OpenApiGenerator {

    private static final String REF = "#/components/schemas/";

    private final ObjectMapper api = ApiJson.newMapper();
    private final Map<String, Object> schemas = new TreeMap<>();

    private OpenApiGenerator() {
    }

    /** The document for {@code resources}, as pretty-printed JSON ending in a newline. */
    public static String generate(List<Class<?>> resources, String version) {
        return new OpenApiGenerator().document(resources, version);
    }

    private String document(List<Class<?>> resources, String version) {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (Class<?> type : resources) {
            collect(Resource.from(type), "", type, paths);
        }
        schemas.put("Error", object(Map.of("error", object(Map.of(
                "code", Map.of("type", "string"),
                "message", Map.of("type", "string"))))));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", ordered("title", "Resonance REST API", "version", version,
                "description", "Generated from the resource classes by OpenApiDocumentTest; prose in docs/api.md. "
                        + "x-resonance-access says who may call an operation: public, signed-in, or the permission needed."));
        doc.put("servers", List.of(Map.of("url", "/api")));
        doc.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", schemas);
        components.put("securitySchemes", new TreeMap<>(Map.of(
                "bearer", ordered("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                "cookie", ordered("type", "apiKey", "in", "cookie", "name", "resonance_access"))));
        doc.put("components", components);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return new ObjectMapper().writer(printer).writeValueAsString(doc) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void collect(Resource resource, String parent, Class<?> type, Map<String, Map<String, Object>> paths) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            paths.computeIfAbsent("/" + path, p -> new TreeMap<>())
                    .put(method.getHttpMethod().toLowerCase(java.util.Locale.ROOT), operation(method, path, type));
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, type, paths);
        }
    }

    /** Joins template paths, dropping regular expressions from templates ({@code {id: [0-9]+}} → {@code {id}}). */
    private static String join(String parent, String path) {
        String p = path == null ? "" : path.replaceAll("^/+|/+$", "").replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return parent.isEmpty() ? p : p.isEmpty() ? parent : parent + "/" + p;
    }

    private Map<String, Object> operation(ResourceMethod method, String path, Class<?> type) {
        Method definition = method.getInvocable().getDefinitionMethod();
        AccessControl.Requirement requirement = AccessControl.requirement(definition, type);
        String access = requirement instanceof AccessControl.Anyone ? "public"
                : requirement instanceof AccessControl.AnyCaller ? "signed-in"
                : requirement instanceof AccessControl.Holder h ? h.permission().apiName()
                : "undeclared";

        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", type.getSimpleName() + "." + definition.getName());
        String[] segments = path.split("/");
        op.put("tags", List.of(segments.length > 1 && segments[0].equals("v1") ? segments[1] : segments[0]));
        op.put("x-resonance-access", access);
        op.put("x-java-method", type.getName() + "#" + definition.getName());
        op.put("security", access.equals("public") ? List.of() : List.of(Map.of("bearer", List.of()), Map.of("cookie", List.of())));

        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Parameter parameter : method.getInvocable().getParameters()) {
            String in = switch (parameter.getSource()) {
                case PATH -> "path";
                case QUERY -> "query";
                case HEADER -> "header";
                case COOKIE -> "cookie";
                default -> null;
            };
            if (in != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", parameter.getSourceName());
                p.put("in", in);
                p.put("required", in.equals("path"));
                Map<String, Object> schema = new LinkedHashMap<>(parameterSchema(parameter.getRawType()));
                if (parameter.getDefaultValue() != null) {
                    schema.put("default", defaultValue(schema, parameter.getDefaultValue()));
                }
                p.put("schema", schema);
                p.put("x-java-type", parameter.getRawType().getSimpleName());
                parameters.add(p);
            } else if (parameter.getSource() == Parameter.Source.ENTITY) {
                Map<String, Object> content = new TreeMap<>();
                Object schema = schema(api.constructType(parameter.getType()), true);
                for (String mediaType : mediaTypes(method.getConsumedTypes())) {
                    content.put(mediaType, Map.of("schema", schema));
                }
                op.put("requestBody", ordered("content", content, "x-java-type", parameter.getRawType().getSimpleName()));
            }
        }
        parameters.sort(java.util.Comparator.comparing((Map<String, Object> p) -> (String) p.get("in"))
                .thenComparing(p -> (String) p.get("name")));
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }

        Map<String, Object> responses = new TreeMap<>();
        Class<?> raw = method.getInvocable().getRawResponseType();
        List<String> produced = mediaTypes(method.getProducedTypes());
        if (raw == void.class || raw == Void.class) {
            responses.put("204", Map.of("description", "Done, no content"));
        } else if (Response.class.isAssignableFrom(raw)) {
            responses.put("2XX", ordered("description", "Success: status and body as docs/api.md describes", "content",
                    contentOf(produced, Map.of())));
        } else {
            Object schema = raw == String.class && produced.contains(MediaType.APPLICATION_JSON)
                    ? Map.of("type", "object") // a JSON document written as it is (openapi.json)
                    : schema(api.constructType(method.getInvocable().getResponseType()), false);
            responses.put("200", ordered("description", "Success", "content", contentOf(produced, schema)));
        }
        responses.put("default", ordered("description", "An error: {\"error\":{\"code\",\"message\"}} with the status",
                "content", Map.of(MediaType.APPLICATION_JSON, Map.of("schema", Map.of("$ref", REF + "Error")))));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> contentOf(List<String> produced, Object schema) {
        Map<String, Object> content = new TreeMap<>();
        for (String mediaType : produced) {
            content.put(mediaType, Map.of("schema", schema));
        }
        return content;
    }

    private static List<String> mediaTypes(List<MediaType> types) {
        List<String> out = new ArrayList<>();
        for (MediaType type : types) {
            out.add(type.toString());
        }
        if (out.isEmpty()) {
            out.add(MediaType.WILDCARD);
        }
        out.sort(null);
        return out;
    }

    private static Map<String, Object> parameterSchema(Class<?> type) {
        if (type == PageLimit.class) {
            return ordered("type", "integer", "format", "int32", "minimum", PageLimit.MIN, "maximum", PageLimit.MAX);
        }
        if (type == long.class || type == Long.class) {
            return ordered("type", "integer", "format", "int64");
        }
        if (type == int.class || type == Integer.class) {
            return ordered("type", "integer", "format", "int32");
        }
        if (type == boolean.class || type == Boolean.class) {
            return Map.of("type", "boolean");
        }
        return Map.of("type", "string");
    }

    private static Object defaultValue(Map<String, Object> schema, String value) {
        return "integer".equals(schema.get("type")) ? (Object) Long.parseLong(value) : value;
    }

    /** The schema of a JSON value of {@code type}: inline for scalars and containers, a reference for objects. */
    private Object schema(JavaType type, boolean read) {
        Class<?> raw = type.getRawClass();
        if (raw == Optional.class || type.isReferenceType()) {
            return schema(type.getReferencedType() != null ? type.getReferencedType() : type.containedTypeOrUnknown(0), read);
        }
        if (raw == String.class || raw == char.class || raw == Character.class || CharSequence.class.isAssignableFrom(raw)) {
            return Map.of("type", "string");
        }
        if (raw == long.class || raw == Long.class || raw == OptionalLong.class) {
            return ordered("type", "integer", "format", "int64");
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class || raw == OptionalInt.class) {
            return ordered("type", "integer", "format", "int32");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return ordered("type", "number", "format", raw == float.class || raw == Float.class ? "float" : "double");
        }
        if (Number.class.isAssignableFrom(raw)) {
            return Map.of("type", "number");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (raw == Instant.class || raw == OffsetDateTime.class) {
            return ordered("type", "string", "format", "date-time");
        }
        if (raw == LocalDate.class) {
            return ordered("type", "string", "format", "date");
        }
        if (raw == UUID.class) {
            return ordered("type", "string", "format", "uuid");
        }
        if (raw == java.time.Duration.class) {
            return ordered("type", "string", "format", "duration");
        }
        if (raw == byte[].class) {
            return ordered("type", "string", "format", "byte");
        }
        if (raw.isEnum()) {
            List<Object> values = new ArrayList<>();
            for (Object constant : raw.getEnumConstants()) {
                values.add(api.valueToTree(constant));
            }
            return ordered("type", values.stream().allMatch(v -> ((JsonNode) v).isTextual()) ? "string" : "integer", "enum", values);
        }
        if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return Map.of(); // any JSON value
        }
        if (type.isArrayType() || Collection.class.isAssignableFrom(raw)) {
            return ordered("type", "array", "items", schema(type.getContentType(), read));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return ordered("type", "object", "additionalProperties", schema(type.getContentType(), read));
        }
        BeanDescription bean = read ? api.getDeserializationConfig().introspect(type) : api.getSerializationConfig().introspect(type);
        AnnotatedMember value = bean.findJsonValueAccessor();
        if (value != null) {
            return schema(value.getType(), read);
        }
        String name = name(type);
        if (!schemas.containsKey(name)) {
            schemas.put(name, Map.of()); // a placeholder first: types may refer to themselves
            Map<String, Object> properties = new TreeMap<>();
            for (BeanPropertyDefinition property : bean.findProperties()) {
                if (read ? property.couldDeserialize() : property.couldSerialize()) {
                    properties.put(property.getName(), schema(property.getPrimaryType(), read));
                }
            }
            Map<String, Object> schema = object(properties);
            schema.put("x-java-type", type.getRawClass().getName());
            schemas.put(name, schema);
        }
        return Map.of("$ref", REF + name);
    }

    /** {@code CatalogViews.Page<CatalogViews.Track>} → {@code CatalogViews.PageOfCatalogViews.Track}: readable and unique. */
    private static String name(JavaType type) {
        Class<?> raw = type.getRawClass();
        String name = raw.getName().substring(raw.getPackageName().length() + 1).replace('$', '.');
        if (type.containedTypeCount() > 0) {
            List<String> args = new ArrayList<>();
            for (int i = 0; i < type.containedTypeCount(); i++) {
                args.add(name(type.containedType(i)));
            }
            name += "Of" + String.join("And", args);
        }
        return name;
    }

    private static Map<String, Object> object(Map<String, ?> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", new TreeMap<>(properties));
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
