package dev.resonance.impl.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's server-wide error handler, answering in the API's JSON error shape instead of Jetty's HTML page: for
 * requests Jetty refuses before any servlet sees them — a request line or URI it cannot parse (400), an ambiguous
 * path with {@code ..} or encoded separators (400), a URI or headers over its buffers (414, 431) — and for any
 * other error outside a servlet context. Same status, no server details, and the browser protections that
 * {@link SecurityHeadersFilter} gives every other answer (these never reach a filter).
 */
public class JsonErrorHandler extends ErrorHandler {

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
        setCacheControl("no-store");
    }

    /** Errors of a request that could not even be parsed: Jetty writes these bytes itself. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        protections(fields);
        return ByteBuffer.wrap(JsonErrors.body(status).getBytes(StandardCharsets.UTF_8));
    }

    /** Every method, not only GET/POST/HEAD: a PUT or DELETE gets the JSON body too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        SecurityHeadersFilter.protect(response, false);
        byte[] body = JsonErrors.body(code).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void protections(HttpFields fields) {
        fields.put(new HttpField("X-Content-Type-Options", "nosniff"));
        fields.put(new HttpField("X-Frame-Options", "DENY"));
        fields.put(new HttpField("Referrer-Policy", "same-origin"));
        fields.put(new HttpField("Content-Security-Policy", SecurityHeadersFilter.DATA_POLICY));
    }
}
