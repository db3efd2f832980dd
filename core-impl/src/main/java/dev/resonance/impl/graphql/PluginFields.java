package dev.resonance.impl.graphql;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.graphql.FieldRequest;
import dev.resonance.api.graphql.GraphQlContribution;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A plugin's {@link GraphQlContribution}, checked and wired: its types carry its prefix, it extends only the types a
 * plugin may extend, and each of its fields on a core type is resolved on the plugin pool with a time limit.
 */
final class PluginFields {

    /** The core types a plugin may add fields to. */
    static final Set<String> EXTENSIBLE = Set.of("Track", "Album", "Artist", "Playlist", "Query");
    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Za-z0-9]{1,30}");

    /** A plugin's resolver failed or took too long: that field is null, with this error beside it. */
    static final class PluginFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String plugin;

        PluginFailure(String plugin, String message) {
            super(message);
            this.plugin = plugin;
        }

        String plugin() {
            return plugin;
        }
    }

    private final String name;
    private final GraphQlContribution contribution;
    private final TypeDefinitionRegistry types;
    private final Map<String, Map<String, DataFetcher<?>>> fetchers = new LinkedHashMap<>();

    /**
     * Checks {@code contribution} (by {@code name}, a plugin id or bundle name), resolving its fields on
     * {@code pool} within {@code timeoutMillis}.
     *
     * @throws IllegalArgumentException what is wrong with it, for the admin
     */
    PluginFields(String name, GraphQlContribution contribution, Executor pool, long timeoutMillis) {
        this.name = name;
        this.contribution = contribution;
        String prefix = contribution.prefix();
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("its prefix must be a capitalised name of 2–31 letters or digits, not " + prefix);
        }
        try {
            types = new SchemaParser().parse(contribution.schema());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("its schema does not parse: " + e.getMessage());
        }
        if (types.schemaDefinition().isPresent() || !types.getDirectiveDefinitions().isEmpty() || !types.scalars().isEmpty()
                && types.scalars().keySet().stream().anyMatch(s -> !GraphSchema.BUILT_IN_SCALARS.contains(s))) {
            throw new IllegalArgumentException("a plugin may declare types and extend core types, not schemas, directives or scalars");
        }
        for (TypeDefinition<?> type : types.types().values()) {
            if (!type.getName().startsWith(prefix)) {
                throw new IllegalArgumentException("its type " + type.getName() + " must start with its prefix " + prefix);
            }
        }
        if (!types.interfaceTypeExtensions().isEmpty() || !types.unionTypeExtensions().isEmpty() || !types.enumTypeExtensions().isEmpty()
                || !types.scalarTypeExtensions().isEmpty() || !types.inputObjectTypeExtensions().isEmpty()) {
            throw new IllegalArgumentException("a plugin may extend only object types: " + EXTENSIBLE);
        }
        for (var entry : types.objectTypeExtensions().entrySet()) {
            if (!EXTENSIBLE.contains(entry.getKey())) {
                throw new IllegalArgumentException("a plugin may add fields to " + EXTENSIBLE + ", not to " + entry.getKey());
            }
            for (ObjectTypeExtensionDefinition extension : entry.getValue()) {
                for (FieldDefinition field : extension.getFieldDefinitions()) {
                    fetchers.computeIfAbsent(entry.getKey(), t -> new LinkedHashMap<>())
                            .put(field.getName(), fetcher(entry.getKey(), field.getName(), pool, timeoutMillis));
                }
            }
        }
    }

    String name() {
        return name;
    }

    TypeDefinitionRegistry types() {
        return types;
    }

    Map<String, Map<String, DataFetcher<?>>> fetchers() {
        return fetchers;
    }

    private DataFetcher<CompletableFuture<Object>> fetcher(String type, String field, Executor pool, long timeoutMillis) {
        ClassLoader loader = contribution.getClass().getClassLoader();
        return env -> {
            Caller caller = env.getGraphQlContext().get(GraphCall.CALLER);
            OptionalLong id = "Query".equals(type) ? OptionalLong.empty() : OptionalLong.of(idOf(env.getSource()));
            Map<String, Object> arguments = Map.copyOf(env.getArguments());
            FieldRequest request = new Request(type, field, id, arguments, caller);
            return CompletableFuture.supplyAsync(() -> {
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(loader);
                try {
                    return contribution.resolve(request);
                } catch (Exception | LinkageError e) {
                    throw new PluginFailure(name, "The plugin " + name + " failed on " + type + "." + field + ": " + e);
                } finally {
                    thread.setContextClassLoader(previous);
                }
            }, pool).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).exceptionallyCompose(failure -> {
                Throwable cause = GraphErrors.unwrap(failure);
                return CompletableFuture.failedFuture(cause instanceof TimeoutException
                        ? new PluginFailure(name, "The plugin " + name + " did not answer " + type + "." + field + " within "
                        + timeoutMillis + " ms") : cause);
            });
        };
    }

    private static final Map<Class<?>, Method> ID_ACCESSORS = new ConcurrentHashMap<>();

    /** The catalog id of a core object: its {@code id} (a map's key, a record's component). */
    static long idOf(Object source) {
        if (source instanceof Map<?, ?> map) {
            return ((Number) map.get("id")).longValue();
        }
        Method accessor = ID_ACCESSORS.computeIfAbsent(source.getClass(), c -> {
            try {
                return c.getMethod("id");
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(c + " has no id()");
            }
        });
        try {
            return ((Number) accessor.invoke(source)).longValue();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Request(String type, String field, OptionalLong id, Map<String, Object> arguments, Caller caller)
            implements FieldRequest {
    }
}
