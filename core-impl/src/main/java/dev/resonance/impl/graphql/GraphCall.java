package dev.resonance.impl.graphql;

import dev.resonance.api.auth.Caller;
import dev.resonance.impl.input.InvalidInput;
import dev.resonance.impl.input.PageLimit;
import dev.resonance.impl.http.RateLimiter;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/** One field being fetched, as a part's fetcher sees it: who asks, the arguments, the object it belongs to. */
public final class GraphCall {

    static final String CALLER = "resonance.caller";
    static final String CHARGE = "resonance.charge";
    static final String TOKEN = "resonance.token";

    private final DataFetchingEnvironment env;

    GraphCall(DataFetchingEnvironment env) {
        this.env = env;
    }

    /** The signed-in caller ({@code /graphql} admits no one else). */
    public Caller caller() {
        return env.getGraphQlContext().get(CALLER);
    }

    /** Takes one request of {@code kind} from the caller's rate budget; throws {@code too_many_requests} when it is spent. */
    public void charge(RateLimiter.Kind kind) {
        java.util.function.Consumer<RateLimiter.Kind> charge = env.getGraphQlContext().get(CHARGE);
        if (charge != null) {
            charge.accept(kind);
        }
    }

    /** The access token the request or socket came with (subscriptions open sync sessions with it). */
    public Optional<String> token() {
        return Optional.ofNullable(env.getGraphQlContext().get(TOKEN));
    }

    /** Whether the query asks for the field {@code name} of this field's value (work only some fields need is skipped). */
    public boolean selects(String name) {
        return env.getSelectionSet().contains(name);
    }

    /** The object this field belongs to (the parent's value). */
    public <T> T source() {
        return env.getSource();
    }

    /** An argument as GraphQL coerced it; null when absent. */
    public <T> T arg(String name) {
        return env.getArgument(name);
    }

    public <T> Optional<T> optional(String name) {
        return Optional.ofNullable(env.getArgument(name));
    }

    /** An {@code ID} argument as a catalog id; a malformed one is the client's mistake. */
    public long id(String name) {
        return parseId(name, arg(name));
    }

    /** An optional {@code ID} argument. */
    public Optional<Long> optionalId(String name) {
        Object value = arg(name);
        return value == null ? Optional.empty() : Optional.of(parseId(name, value));
    }

    /** A {@code [ID!]} argument as catalog ids, in order; null when absent. */
    public java.util.List<Long> ids(String name) {
        java.util.List<?> values = arg(name);
        return values == null ? null : values.stream().map(value -> parseId(name, value)).toList();
    }

    /** {@code limit} (default {@code fallback}) as the REST lists take it: 1–500. */
    public PageLimit limit(int fallback) {
        Integer limit = arg("limit");
        return PageLimit.of(limit == null ? fallback : limit);
    }

    /** All arguments. */
    public Map<String, Object> arguments() {
        return env.getArguments();
    }

    /** The value of {@code key} from the batch loader {@code batch}: loaded with the other keys of this level. */
    public <K, V> CompletableFuture<V> load(String batch, K key) {
        DataLoader<K, V> loader = env.getDataLoader(batch);
        if (loader == null) {
            throw new IllegalStateException("No batch loader " + batch);
        }
        return loader.load(key);
    }

    static long parseId(String name, Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = String.valueOf(value);
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new InvalidInput(name, "must be an id (digits)");
        }
        return Long.parseLong(text);
    }
}
