package dev.resonance.impl.graphql;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.http.AccessControl;
import graphql.schema.DataFetcher;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the parts register: root fields with their access rule, fields of types, and batch loaders (DataLoader: the
 * keys asked for by every field of one level of a request are loaded together, so an album with 14 tracks asks for
 * likes once, not 14 times).
 */
public final class GraphWiring {

    /** Computes a field's value. */
    @FunctionalInterface
    public interface Fetcher {
        Object get(GraphCall call) throws Exception;
    }

    /** Loads the values of many keys at once for {@code caller}; a key without a value is absent from the map. */
    @FunctionalInterface
    public interface Batch<K, V> {
        Map<K, V> load(Caller caller, Set<K> keys) throws Exception;
    }

    /** A root field: the operation, its name, who may call it, and the part that serves it. */
    public record Root(String type, String field, AccessControl.Requirement access, String part) {
    }

    private final String part;
    private final Map<String, Map<String, DataFetcher<?>>> fetchers;
    private final Map<String, Batch<?, ?>> batches;
    private final List<Root> roots;

    GraphWiring(String part, Map<String, Map<String, DataFetcher<?>>> fetchers, Map<String, Batch<?, ?>> batches, List<Root> roots) {
        this.part = part;
        this.fetchers = fetchers;
        this.batches = batches;
        this.roots = roots;
    }

    /** A wiring collecting into fresh maps (tests). */
    static GraphWiring collecting(String part) {
        return new GraphWiring(part, new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
    }

    /** {@code Query.field}, for callers {@code access} admits. */
    public void query(String field, AccessControl.Requirement access, Fetcher fetcher) {
        root("Query", field, access, fetcher);
    }

    /** {@code Mutation.field}, for callers {@code access} admits. */
    public void mutation(String field, AccessControl.Requirement access, Fetcher fetcher) {
        root("Mutation", field, access, fetcher);
    }

    /** {@code Subscription.field}: {@code fetcher} returns a {@code org.reactivestreams.Publisher} of the values. */
    public void subscription(String field, AccessControl.Requirement access, Fetcher fetcher) {
        root("Subscription", field, access, fetcher);
    }

    /** A field of a type: seen by whoever may see the object it belongs to. */
    public void field(String type, String field, Fetcher fetcher) {
        put(type, field, env -> fetcher.get(new GraphCall(env)));
    }

    /**
     * A field of a type that reads what a REST operation guards (a playlist's entries on a playlist a mutation returned):
     * admitted like a root field with {@code access}, so reaching the object another way grants nothing more.
     */
    public void field(String type, String field, AccessControl.Requirement access, Fetcher fetcher) {
        put(type, field, env -> {
            GraphCall call = new GraphCall(env);
            admit(access, call.caller());
            GraphValues.check(env.getArguments());
            return fetcher.get(call);
        });
    }

    /** A batch loader, asked through {@link GraphCall#load}; its name is unique in the schema. */
    public <K, V> void batch(String name, Batch<K, V> loader) {
        if (batches.putIfAbsent(name, loader) != null) {
            throw new IllegalArgumentException("Two batch loaders are named " + name);
        }
    }

    /**
     * The access rule of the REST operation {@code method} of {@code resource} (its {@code @RequiresPermission},
     * {@code @SignedIn} or {@code @Public}, on the method or the class): the GraphQL field mirroring it admits exactly
     * the same callers. {@code method} names one method of the resource.
     */
    public static AccessControl.Requirement rest(Class<?> resource, String method) {
        List<Method> named = Arrays.stream(resource.getMethods()).filter(m -> m.getName().equals(method)).toList();
        if (named.size() != 1) {
            throw new IllegalArgumentException(resource.getSimpleName() + " has " + named.size() + " methods named " + method);
        }
        return AccessControl.requirement(named.get(0), resource);
    }

    private void root(String type, String field, AccessControl.Requirement access, Fetcher fetcher) {
        roots.add(new Root(type, field, access, part));
        put(type, field, env -> {
            GraphCall call = new GraphCall(env);
            admit(access, call.caller());
            GraphValues.check(env.getArguments());
            if ("Mutation".equals(type)) {
                call.charge(dev.resonance.impl.http.RateLimiter.Kind.WRITE); // as each REST write is
            }
            return fetcher.get(call);
        });
    }

    private void put(String type, String field, DataFetcher<?> fetcher) {
        if (fetchers.computeIfAbsent(type, t -> new LinkedHashMap<>()).putIfAbsent(field, fetcher) != null) {
            throw new IllegalArgumentException(type + "." + field + " is fetched twice");
        }
    }

    /** The rule {@code AccessControl} applies to REST requests, applied to a field. */
    static void admit(AccessControl.Requirement access, Caller caller) {
        if (access instanceof AccessControl.Undeclared) {
            throw ResonanceException.forbidden("forbidden", "This field is not available");
        } else if (access instanceof AccessControl.AnyCaller && caller == null
                || access instanceof AccessControl.Holder && caller == null) {
            throw ResonanceException.unauthenticated("unauthenticated", "Sign in first");
        } else if (access instanceof AccessControl.Holder holder && !caller.has(holder.permission())) {
            throw ResonanceException.forbidden("forbidden", "This needs the " + holder.permission().apiName() + " permission");
        }
    }
}
