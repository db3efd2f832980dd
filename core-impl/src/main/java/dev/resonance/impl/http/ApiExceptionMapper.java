package dev.resonance.impl.http;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.db.DatabaseFailures;
import dev.resonance.impl.input.InvalidInput;
import java.util.Locale;
import java.util.UUID;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the one JSON error shape with the right status: a {@link ResonanceException} (the core's
 * and plugins' domain error) gets the status of its kind ({@link ErrorStatus}). A database that cannot be reached is a
 * 503 {@code unavailable} with {@code Retry-After} ({@link DatabaseFailures}), logged in one line. Unexpected
 * exceptions become a 500 whose message carries only an incident id; the stack trace goes to the log under that id.
 */
public final class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        if (!(failure instanceof ResonanceException) && DatabaseFailures.isUnavailable(failure)) {
            LOG.warn("Answered 503, the database is unavailable: {}", failure.getMessage());
            failure = DatabaseFailures.unavailable();
        }
        if (failure instanceof ResonanceException error) {
            Response.ResponseBuilder builder = Response.status(ErrorStatus.of(error.kind()))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(error.code(), error.getMessage()));
            ErrorStatus.headers(error, builder::header);
            return builder.build();
        }
        if (failure instanceof ParamException param && !(param instanceof ParamException.PathParamException)) {
            // Jersey answers 404 for a query parameter that does not convert (as if the path were wrong): it is a
            // malformed request, and the client should learn which parameter
            InvalidInput rule = cause(param, InvalidInput.class);
            return json(400, "invalid_parameter", "The " + kind(param) + " '" + param.getParameterName() + "' is not valid"
                    + (rule != null ? ": it " + rule.problem()
                    : cause(param, NumberFormatException.class) != null ? ": a whole number is expected" : ""));
        }
        if (failure instanceof InvalidInput invalid) {
            return json(400, "invalid_field", invalid.getMessage());
        }
        if (failure instanceof WebApplicationException web) {
            Response original = web.getResponse();
            int status = original.getStatus();
            Response.StatusType type = original.getStatusInfo();
            String code = type.getReasonPhrase() == null ? "http_" + status
                    : type.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
            String message = status == 404 ? "Nothing here: check the path" : type.getReasonPhrase();
            Response.ResponseBuilder builder = Response.status(status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(code, message));
            // keep headers that tell the client what to do next (Allow, Retry-After, WWW-Authenticate)
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            return builder.build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected error, incident {}", incident, failure);
        return json(500, "internal_error", "Something went wrong on the server (incident " + incident + ")");
    }

    private static String kind(ParamException param) {
        Class<?> type = param.getParameterType();
        return type == javax.ws.rs.HeaderParam.class ? "header" : type == javax.ws.rs.CookieParam.class ? "cookie"
                : type == javax.ws.rs.FormParam.class ? "form field" : type == javax.ws.rs.MatrixParam.class ? "matrix parameter"
                : "query parameter";
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static Response json(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message))
                .build();
    }
}
