package dev.resonance.plugin.subsonic.testing;

import dev.resonance.api.client.ClientAccess;
import dev.resonance.plugin.subsonic.SubsonicEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The plugin's servlet on a real Jetty 9.4 (the one pax-web runs) at {@code /rest/*} on a free port of 127.0.0.1, as
 * the core mounts it; every answer is recorded ({@link #exchanges()}) so that tests can check each one against the
 * schema, including those a client library asked for. {@link #get} and {@link #post} send raw requests.
 */
public final class SubsonicServer implements AutoCloseable {

    /** One request and its answer, as the client saw it. */
    public record Exchange(String method, String path, String query, int status, String contentType, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean json() {
            return contentType != null && contentType.startsWith("application/json");
        }
    }

    private final Server server;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public SubsonicServer(ClientAccess access, String serverVersion) throws Exception {
        this(access, serverVersion, java.time.Clock.systemUTC());
    }

    /** With the clock the servlet counts {@code getNowPlaying}'s {@code minutesAgo} by (the harness's). */
    public SubsonicServer(ClientAccess access, String serverVersion, java.time.Clock clock) throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("subsonic", new SubsonicEndpoint(access, serverVersion, clock)),
            SubsonicEndpoint.PATH + "/*");
        context.addFilter(new FilterHolder(new Recorder()), SubsonicEndpoint.PATH + "/*",
            EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}, the server URL a Subsonic app is given. */
    public String url() {
        return base;
    }

    /** Every exchange so far, oldest first. */
    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** GET {@code /rest/<path>?<query>}. */
    public Exchange get(String path, String query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/rest/" + path + (query.isEmpty() ? "" : "?" + query)))
            .GET().build());
    }

    /** POST {@code /rest/<path>?<query>} with a form body. */
    public Exchange post(String path, String query, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/rest/" + path + (query.isEmpty() ? "" : "?" + query)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A POST with a JSON body (getTranscodeDecision's ClientInfo). */
    public Exchange postJson(String path, String query, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/rest/" + path + (query.isEmpty() ? "" : "?" + query)))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Any HTTP method, no body. */
    public Exchange send(String method, String path, String query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/rest/" + path + "?" + query))
            .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private Exchange send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Exchange(request.method(), request.uri().getPath(), request.uri().getRawQuery(),
            response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    /** {@code a=1&b=2}, each key and value URL-encoded (UTF-8). */
    public static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Keeps a copy of every answer the servlet writes. */
    private final class Recorder implements Filter {

        @Override
        public void init(javax.servlet.FilterConfig config) {
        }

        @Override
        public void destroy() {
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest httpRequest = (HttpServletRequest) request;
            Copying copy = new Copying((HttpServletResponse) response);
            chain.doFilter(request, copy);
            synchronized (SubsonicServer.this) {
                exchanges.add(new Exchange(httpRequest.getMethod(), httpRequest.getRequestURI(),
                    httpRequest.getQueryString(), copy.getStatus(), copy.getContentType(), copy.body.toByteArray()));
            }
        }
    }

    private static final class Copying extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private ServletOutputStream stream;

        Copying(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream real = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        body.write(b);
                        real.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        body.write(bytes, offset, length);
                        real.write(bytes, offset, length);
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
