package dev.resonance.impl.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.auth.Caller;
import dev.resonance.impl.http.RateLimiter;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.CoercedVariables;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

/**
 * One built schema: the core's parts and the plugins' fields that built beside them, with the limits every request
 * meets. Immutable: a change of parts builds a new one, and a request runs to its end on the one it started with.
 *
 * <p>Limits: a query of at most {@value #MAX_QUERY_CHARS} characters, {@value #MAX_DEPTH} levels deep, and a
 * complexity (every field selected counts one, aliases included) of at most {@value #MAX_COMPLEXITY}. A query over a
 * limit is refused before anything runs, with a GraphQL error.
 */
public final class GraphSchema {

    public static final int MAX_QUERY_CHARS = 32 * 1024;
    public static final int MAX_DEPTH = 12;
    public static final int MAX_COMPLEXITY = 1000;
    static final Set<String> BUILT_IN_SCALARS = Set.of("Int", "Float", "String", "Boolean", "ID");
    private static final ObjectMapper JSON = dev.resonance.impl.json.ApiJson.newMapper();

    private static final String BASE = """
            "Reads: the library, search, playlists, your likes, ratings, history, stats, settings, devices and playback; admin views."
            type Query
            "Any JSON value."
            scalar JSON
            "A 64-bit whole number."
            scalar Long
            """;

    /** The root types declared once a part extends them (a type without fields is not a valid schema). */
    private static final Map<String, String> OPTIONAL_ROOTS = Map.of(
            "Mutation", "\"Everything a user does, as REST's /api/v1/user/* and /api/v1/content/* do it.\"\ntype Mutation\n",
            "Subscription", "\"Live: your events, playback state, device presence and scan progress (graphql-transport-ws at /graphql/ws).\"\n"
                    + "type Subscription\n");

    /** Why a plugin's fields are not served. */
    public record Refusal(String plugin, String reason) {
    }

    private final GraphQL graphql;
    private final GraphQLSchema schema;
    private final Map<String, GraphWiring.Batch<?, ?>> batches;
    private final List<GraphWiring.Root> roots;
    private final List<Refusal> refused;

    private GraphSchema(GraphQLSchema schema, Map<String, GraphWiring.Batch<?, ?>> batches, List<GraphWiring.Root> roots,
                        List<Refusal> refused) {
        this.schema = schema;
        this.batches = Map.copyOf(batches);
        this.roots = List.copyOf(roots);
        this.refused = List.copyOf(refused);
        this.graphql = GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new GraphErrors())
                .instrumentation(new ChainedInstrumentation(List.of(new MaxQueryDepthInstrumentation(MAX_DEPTH),
                        new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY))))
                .build();
    }

    /**
     * Builds the schema of {@code parts} (all must build together) and of each of {@code plugins} that builds beside
     * them and the plugins before it; the others are refused, with the reason.
     *
     * @throws RuntimeException when the core's parts do not build (a bug of the core)
     */
    public static GraphSchema build(List<GraphPart> parts, List<PluginFields> plugins) {
        List<GraphPart> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparing(GraphPart::name));
        Map<String, Map<String, DataFetcher<?>>> fetchers = new LinkedHashMap<>();
        Map<String, GraphWiring.Batch<?, ?>> batches = new LinkedHashMap<>();
        List<GraphWiring.Root> roots = new ArrayList<>();
        TypeDefinitionRegistry types = new SchemaParser().parse(BASE);
        for (GraphPart part : ordered) {
            types.merge(new SchemaParser().parse(part.schema()));
            part.wire(new GraphWiring(part.name(), fetchers, batches, roots));
        }
        for (var root : OPTIONAL_ROOTS.entrySet()) {
            if (types.objectTypeExtensions().containsKey(root.getKey())) {
                types.merge(new SchemaParser().parse(root.getValue()));
            }
        }
        GraphQLSchema schema = generate(types, fetchers);
        List<Refusal> refused = new ArrayList<>();
        for (PluginFields plugin : plugins) {
            TypeDefinitionRegistry with = copy(types);
            Map<String, Map<String, DataFetcher<?>>> withFetchers = copy(fetchers);
            try {
                with.merge(plugin.types());
                for (var type : plugin.fetchers().entrySet()) {
                    for (var field : type.getValue().entrySet()) {
                        if (withFetchers.computeIfAbsent(type.getKey(), t -> new LinkedHashMap<>()).putIfAbsent(field.getKey(), field.getValue()) != null) {
                            throw new IllegalArgumentException(type.getKey() + "." + field.getKey() + " exists already");
                        }
                    }
                }
                schema = generate(with, withFetchers);
                types = with;
                fetchers = withFetchers;
            } catch (RuntimeException e) {
                refused.add(new Refusal(plugin.name(), e.getMessage()));
            }
        }
        return new GraphSchema(schema, batches, roots, refused);
    }

    private static TypeDefinitionRegistry copy(TypeDefinitionRegistry types) {
        return new TypeDefinitionRegistry().merge(types);
    }

    private static Map<String, Map<String, DataFetcher<?>>> copy(Map<String, Map<String, DataFetcher<?>>> fetchers) {
        Map<String, Map<String, DataFetcher<?>>> copy = new LinkedHashMap<>();
        fetchers.forEach((type, fields) -> copy.put(type, new LinkedHashMap<>(fields)));
        return copy;
    }

    private static GraphQLSchema generate(TypeDefinitionRegistry types, Map<String, Map<String, DataFetcher<?>>> fetchers) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().scalar(JSON_SCALAR).scalar(LONG_SCALAR);
        fetchers.forEach((type, fields) -> {
            TypeRuntimeWiring.Builder builder = TypeRuntimeWiring.newTypeWiring(type);
            fields.forEach(builder::dataFetcher);
            wiring.type(builder);
        });
        return new SchemaGenerator().makeExecutableSchema(types, wiring.build());
    }

    /** The root fields and who may call them (the authorization matrix reads them). */
    public List<GraphWiring.Root> roots() {
        return roots;
    }

    /** The executable schema (tests walk it). */
    public GraphQLSchema schema() {
        return schema;
    }

    /** Plugins whose fields are not served, and why. */
    public List<Refusal> refused() {
        return refused;
    }

    /** The schema in SDL, as committed in {@code docs/schema.graphqls}. */
    public String print() {
        return new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false)
                .includeScalarTypes(true).includeSchemaDefinition(false)).print(schema);
    }

    /** A request to run: a query or mutation (or one subscription, whose data is a publisher of results). */
    public record Request(String query, String operationName, Map<String, Object> variables) {
    }

    /**
     * Runs {@code request} for {@code caller}; {@code charge} takes a request from the caller's rate budget of a kind
     * (mutations charge {@code WRITE} each, search {@code SEARCH}) and throws when it is spent.
     */
    public ExecutionResult execute(Caller caller, Consumer<RateLimiter.Kind> charge, Request request) {
        return execute(caller, Optional.empty(), charge, request);
    }

    /** As above, with the access token the caller came with (a subscription opens a sync session with it). */
    public ExecutionResult execute(Caller caller, Optional<String> token, Consumer<RateLimiter.Kind> charge, Request request) {
        DataLoaderRegistry loaders = new DataLoaderRegistry();
        batches.forEach((name, batch) -> loaders.register(name, loader(caller, batch)));
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables() == null ? Map.of() : request.variables())
                .graphQLContext(context(caller, token, charge))
                .dataLoaderRegistry(loaders)
                .locale(Locale.ROOT)
                .build();
        return graphql.execute(input);
    }

    private static Map<String, Object> context(Caller caller, Optional<String> token, Consumer<RateLimiter.Kind> charge) {
        Map<String, Object> context = new java.util.HashMap<>();
        context.put(GraphCall.CALLER, caller);
        context.put(GraphCall.CHARGE, charge);
        token.ifPresent(t -> context.put(GraphCall.TOKEN, t));
        return context;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> org.dataloader.DataLoader<K, V> loader(Caller caller, GraphWiring.Batch<?, ?> batch) {
        GraphWiring.Batch<K, V> typed = (GraphWiring.Batch<K, V>) batch;
        return DataLoaderFactory.newMappedDataLoader((Set<K> keys) -> {
            try {
                return CompletableFuture.completedFuture(typed.load(caller, keys));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    // ------------------------------------------------------------------ scalars

    static final GraphQLScalarType JSON_SCALAR = GraphQLScalarType.newScalar().name("JSON").description("Any JSON value.")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    // a service's records, instants and optionals as the REST JSON writes them
                    return value == null ? null : JSON.convertValue(value, Object.class);
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    return input;
                }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    return literal(input, variables);
                }
            }).build();

    private static Object literal(Value<?> value, CoercedVariables variables) {
        if (value instanceof StringValue s) {
            return s.getValue();
        } else if (value instanceof IntValue i) {
            return i.getValue();
        } else if (value instanceof FloatValue f) {
            return f.getValue();
        } else if (value instanceof BooleanValue b) {
            return b.isValue();
        } else if (value instanceof EnumValue e) {
            return e.getName();
        } else if (value instanceof NullValue) {
            return null;
        } else if (value instanceof ArrayValue a) {
            List<Object> list = new ArrayList<>();
            a.getValues().forEach(v -> list.add(literal(v, variables)));
            return list;
        } else if (value instanceof ObjectValue o) {
            Map<String, Object> map = new LinkedHashMap<>();
            o.getObjectFields().forEach(f -> map.put(f.getName(), literal(f.getValue(), variables)));
            return map;
        } else if (value instanceof VariableReference v) {
            return variables.get(v.getName());
        }
        throw new CoercingParseLiteralException("Not a JSON value: " + value);
    }

    static final GraphQLScalarType LONG_SCALAR = GraphQLScalarType.newScalar().name("Long").description("A 64-bit whole number.")
            .coercing(new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Number n) {
                        return n.longValue();
                    }
                    throw new CoercingSerializeException("Not a whole number: " + value);
                }

                @Override
                public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof Number n && n.doubleValue() == n.longValue()) {
                        return n.longValue();
                    }
                    throw new CoercingParseValueException("Expected a whole number, got " + input);
                }

                @Override
                public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    if (input instanceof IntValue i) {
                        try {
                            return i.getValue().longValueExact();
                        } catch (ArithmeticException e) {
                            throw new CoercingParseLiteralException("Out of range for Long: " + i.getValue());
                        }
                    }
                    throw new CoercingParseLiteralException("Expected a whole number");
                }
            }).build();
}
