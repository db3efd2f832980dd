package dev.resonance.impl.http;

import java.util.Map;

/**
 * The one error shape for errors the servlet container produces itself (a malformed request line, a URI or headers
 * too large, an unmapped path): a code and a fixed message per status, never the container's own text (which can
 * name its version, a servlet, or an exception).
 */
public final class JsonErrors {

    private record Text(String code, String message) {
    }

    private static final Map<Integer, Text> BY_STATUS = Map.ofEntries(
            Map.entry(400, new Text("bad_request", "The request is malformed (its URI, a header or its framing)")),
            Map.entry(401, new Text("unauthenticated", "Sign in first")),
            Map.entry(403, new Text("forbidden", "This is not available")),
            Map.entry(404, new Text("not_found", "Nothing here")),
            Map.entry(405, new Text("method_not_allowed", "This method is not allowed here")),
            Map.entry(408, new Text("request_timeout", "The request took too long to arrive")),
            Map.entry(411, new Text("length_required", "A Content-Length is required")),
            Map.entry(413, new Text("body_too_large", "The request body is too large")),
            Map.entry(414, new Text("uri_too_long", "The request URI is too long")),
            Map.entry(415, new Text("unsupported_media_type", "This content type is not accepted here")),
            Map.entry(416, new Text("range_not_satisfiable", "The requested range is not satisfiable")),
            Map.entry(417, new Text("expectation_failed", "The Expect header cannot be met")),
            Map.entry(431, new Text("headers_too_large", "The request headers are too large")),
            Map.entry(500, new Text("internal_error", "Something went wrong on the server")),
            Map.entry(501, new Text("not_implemented", "This is not supported")),
            Map.entry(503, new Text("unavailable", "The server is busy or starting: try again shortly")),
            Map.entry(505, new Text("http_version_not_supported", "This HTTP version is not supported")));

    private JsonErrors() {
    }

    /** {@code {"error":{"code":"…","message":"…"}}} for {@code status}. */
    public static String body(int status) {
        Text text = text(status);
        // codes and messages are fixed ASCII without quotes or backslashes: nothing to escape
        return "{\"error\":{\"code\":\"" + text.code() + "\",\"message\":\"" + text.message() + "\"}}";
    }

    /** The same fixed code and message for {@code status}, as the API's error entity. */
    public static ErrorBody errorBody(int status) {
        Text text = text(status);
        return ErrorBody.of(text.code(), text.message());
    }

    private static Text text(int status) {
        return BY_STATUS.getOrDefault(status, status >= 500
                ? new Text("server_error", "The server could not answer this request")
                : new Text("client_error", "The request cannot be answered"));
    }
}
