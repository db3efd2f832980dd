package dev.resonance.impl.graphql;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.db.DatabaseFailures;
import dev.resonance.impl.http.ErrorStatus;
import dev.resonance.impl.input.InvalidInput;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fetcher's failure as a GraphQL error on its field: a domain error keeps its code, message and HTTP status in
 * {@code extensions} (what REST would have answered); the database being down is {@code unavailable}; anything else is
 * {@code internal} with an incident id (the stack trace is logged under it, never sent). Never an HTTP 500.
 */
final class GraphErrors implements DataFetcherExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GraphErrors.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        Throwable failure = unwrap(parameters.getException());
        Map<String, Object> extensions = new LinkedHashMap<>();
        String message;
        if (failure instanceof ResonanceException e) {
            extensions.put("code", e.code());
            extensions.put("status", ErrorStatus.of(e.kind()));
            e.retryAfter().ifPresent(wait -> extensions.put("retryAfterSeconds", wait.getSeconds()));
            message = e.getMessage();
        } else if (failure instanceof InvalidInput e) {
            extensions.put("code", "invalid_input");
            extensions.put("status", 400);
            extensions.put("field", e.field());
            message = e.field() + " " + e.problem();
        } else if (DatabaseFailures.isUnavailable(failure)) {
            extensions.put("code", "unavailable");
            extensions.put("status", 503);
            message = "The database is unavailable: try again shortly";
            LOG.warn("GraphQL field {} failed, the database is unavailable: {}", parameters.getPath(), failure.getMessage());
        } else if (failure instanceof PluginFields.PluginFailure e) {
            extensions.put("code", "plugin_failed");
            extensions.put("status", 502);
            extensions.put("plugin", e.plugin());
            message = e.getMessage();
        } else {
            String incident = UUID.randomUUID().toString();
            LOG.error("GraphQL field {} failed, incident {}", parameters.getPath(), incident, failure);
            extensions.put("code", "internal");
            extensions.put("status", 500);
            extensions.put("incident", incident);
            message = "Internal error (incident " + incident + ")";
        }
        GraphQLError error = GraphqlErrorBuilder.newError().message(message).path(parameters.getPath())
                .location(parameters.getSourceLocation()).extensions(extensions).build();
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A request-level error (no field): {@code {message, extensions: {code}}}. */
    static Map<String, Object> error(String code, String message) {
        return Map.of("message", message, "extensions", Map.of("code", code));
    }
}
