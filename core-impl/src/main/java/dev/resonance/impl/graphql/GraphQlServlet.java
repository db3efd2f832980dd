package dev.resonance.impl.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.http.HttpEndpoint;
import dev.resonance.impl.http.RateLimiter;
import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code /graphql} over HTTP: {@code POST} with {@code {"query", "operationName"?, "variables"?}} (JSON), or
 * {@code GET ?query=&operationName=&variables=} for queries only (a browser may send the web app's cookie with a GET
 * another site makes it send, so nothing that changes anything runs on a GET; the site admits a cookie-only caller
 * for GET alone). Answers {@code 200} with {@code {data, errors}} — the GraphQL shape, also for a field that failed,
 * a query over a limit, or one that does not validate; {@code 400} with {@code {errors}} for a request that is not
 * GraphQL at all (not JSON, no query); {@code 429} when the caller's read budget is spent; {@code 503} while the core
 * is starting. Subscriptions go over the WebSocket at {@code /graphql/ws}. {@code GET /graphql/schema.graphqls}: the
 * schema served now, plugins' fields included, as SDL.
 */
final class GraphQlServlet extends HttpServlet implements HttpEndpoint {

    private static final long serialVersionUID = 1L;
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final transient ObjectMapper json = new ObjectMapper();
    private final transient Supplier<Optional<GraphSchema>> schema;
    private final transient RateLimiter limiter;

    GraphQlServlet(Supplier<Optional<GraphSchema>> schema, RateLimiter limiter) {
        this.schema = schema;
        this.limiter = limiter;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!served(request, response)) {
            return;
        }
        if ("/schema.graphqls".equals(request.getPathInfo())) {
            Optional<GraphSchema> current = schema.get();
            if (current.isEmpty()) {
                response.setHeader("Retry-After", "5");
                refuse(response, 503, "unavailable", "Resonance is starting or its database is down: see /health");
                return;
            }
            byte[] sdl = current.get().print().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/plain; charset=utf-8");
            response.setContentLength(sdl.length);
            response.getOutputStream().write(sdl);
            return;
        }
        Map<String, Object> variables;
        try {
            String text = request.getParameter("variables");
            variables = text == null || text.isBlank() ? Map.of() : variables(json.readTree(text));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            refuse(response, 400, "invalid_variables", "variables must be a JSON object");
            return;
        }
        run(request, response, request.getParameter("query"), request.getParameter("operationName"), variables, true);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!served(request, response)) {
            return;
        }
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                refuse(response, 413, "too_large", "The request is larger than " + MAX_BODY_BYTES + " bytes");
                return;
            }
            body = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            refuse(response, 400, "invalid_json", "The body is not JSON: send {\"query\": \"...\", \"variables\": {...}}");
            return;
        }
        if (body == null || !body.isObject()) {
            refuse(response, 400, "invalid_request", "The body must be a JSON object {\"query\": \"...\"}");
            return;
        }
        JsonNode query = body.get("query");
        JsonNode operation = body.get("operationName");
        Map<String, Object> variables;
        try {
            variables = variables(body.get("variables"));
        } catch (IllegalArgumentException e) {
            refuse(response, 400, "invalid_variables", "variables must be a JSON object");
            return;
        }
        if (query != null && !query.isTextual() || operation != null && !operation.isNull() && !operation.isTextual()) {
            refuse(response, 400, "invalid_request", "query and operationName must be strings");
            return;
        }
        run(request, response, query == null ? null : query.asText(),
                operation == null || operation.isNull() ? null : operation.asText(), variables, false);
    }

    /** {@code /graphql} itself (and {@code /graphql/schema.graphqls} for a GET); anything below it is 404. */
    private boolean served(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String rest = request.getPathInfo();
        if (rest == null || rest.equals("/") || "GET".equals(request.getMethod()) && rest.equals("/schema.graphqls")) {
            return true;
        }
        refuse(response, 404, "not_found", "No such path: GraphQL is at /graphql, its schema at /graphql/schema.graphqls");
        return false;
    }

    private Map<String, Object> variables(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.convertValue(node, Map.class);
        return map;
    }

    private void run(HttpServletRequest request, HttpServletResponse response, String query, String operationName,
                     Map<String, Object> variables, boolean get) throws IOException {
        long started = System.nanoTime();
        if (query == null || query.isBlank()) {
            refuse(response, 400, "missing_query", "Send a GraphQL query: {\"query\": \"{ ... }\"}");
            return;
        }
        if (query.length() > GraphSchema.MAX_QUERY_CHARS) {
            refuse(response, 400, "query_too_large", "A query has at most " + GraphSchema.MAX_QUERY_CHARS + " characters");
            return;
        }
        Optional<GraphSchema> current = schema.get();
        if (current.isEmpty()) {
            response.setHeader("Retry-After", "5");
            refuse(response, 503, "unavailable", "Resonance is starting or its database is down: see /health");
            return;
        }
        Caller caller = (Caller) request.getAttribute(HttpContribution.CALLER_ATTRIBUTE);
        Optional<OperationDefinition.Operation> operation = operation(query, operationName);
        if (operation.isPresent() && operation.get() == OperationDefinition.Operation.SUBSCRIPTION) {
            refuse(response, 400, "use_websocket", "Subscriptions run over the WebSocket at /graphql/ws (graphql-transport-ws)");
            return;
        }
        if (get && operation.isPresent() && operation.get() != OperationDefinition.Operation.QUERY) {
            response.setHeader("Allow", "POST");
            refuse(response, 405, "method_not_allowed", "Mutations are sent with POST");
            return;
        }
        String client = "user:" + caller.userId();
        Optional<Duration> wait = limiter.acquire(RateLimiter.Kind.READ, client);
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            refuse(response, 429, "rate_limited", "Too many requests.");
            return;
        }
        ExecutionResult result = current.get().execute(caller, kind -> {
            Optional<Duration> spent = limiter.acquire(kind, client);
            if (spent.isPresent()) {
                throw ResonanceException.tooManyRequests("rate_limited", "Too many requests.", spent.get());
            }
        }, new GraphSchema.Request(query, operationName, variables));
        byte[] out = json.writeValueAsBytes(result.toSpecification());
        response.setHeader("Server-Timing", "app;dur=" + String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e6));
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }

    /** The type of the operation the request runs, when the query parses and names it unambiguously. */
    static Optional<OperationDefinition.Operation> operation(String query, String operationName) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (RuntimeException e) { // InvalidSyntaxException and the parser's limits: the execution answers them
            return Optional.empty();
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        for (OperationDefinition op : operations) {
            if (operationName == null ? operations.size() == 1 : operationName.equals(op.getName())) {
                return Optional.of(op.getOperation());
            }
        }
        return Optional.empty();
    }

    private void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(GraphErrors.error(code, message)));
        byte[] out = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }
}
