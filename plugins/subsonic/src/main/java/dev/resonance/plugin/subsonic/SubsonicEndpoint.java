package dev.resonance.plugin.subsonic;

import dev.resonance.api.client.ClientAccess;
import dev.resonance.api.http.HttpContribution;
import dev.resonance.api.http.HttpEndpoint;
import dev.resonance.plugin.subsonic.annotation.AnnotationMethods;
import dev.resonance.plugin.subsonic.bookmarks.BookmarkMethods;
import dev.resonance.plugin.subsonic.browsing.BrowsingMethods;
import dev.resonance.plugin.subsonic.lyrics.LyricsMethods;
import dev.resonance.plugin.subsonic.info.InfoMethods;
import dev.resonance.plugin.subsonic.media.MediaMethods;
import dev.resonance.plugin.subsonic.queue.PlayQueueMethods;
import dev.resonance.plugin.subsonic.system.ScanMethods;
import dev.resonance.plugin.subsonic.users.UserMethods;
import dev.resonance.plugin.subsonic.playlists.PlaylistMethods;
import dev.resonance.plugin.subsonic.lists.ListMethods;
import dev.resonance.plugin.subsonic.protocol.Extension;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Params;
import dev.resonance.plugin.subsonic.protocol.Protocol;
import dev.resonance.plugin.subsonic.search.SearchMethods;
import dev.resonance.plugin.subsonic.sonic.SonicMethods;
import dev.resonance.plugin.subsonic.system.SystemMethods;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Subsonic API at {@code /rest}: one servlet, open to everyone ({@code public}: Subsonic clients send their
 * credentials with every request, which the {@link Protocol} checks through the core's {@link ClientAccess}). Reads
 * GET and POST (the query string, and a form body: {@code formPost}); never lets an exception out as the container's
 * error page.
 */
@Component(service = HttpEndpoint.class, immediate = true, property = {
    HttpContribution.PATH + "=" + SubsonicEndpoint.PATH,
    HttpContribution.ACCESS + "=" + HttpContribution.PUBLIC,
    HttpContribution.NAME + "=subsonic"})
public final class SubsonicEndpoint extends HttpServlet implements HttpEndpoint {

    /** Where the Subsonic API lives. */
    public static final String PATH = "/rest";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SubsonicEndpoint.class);
    private static final Set<String> METHODS = Set.of("GET", "POST", "HEAD");

    private final transient Protocol protocol;

    @Activate
    public SubsonicEndpoint(@Reference ClientAccess access) {
        this(access, PluginVersion.current());
    }

    /** With the {@code serverVersion} to announce (tests). */
    public SubsonicEndpoint(ClientAccess access, String serverVersion) {
        this(access, serverVersion, Clock.systemUTC());
    }

    /** With the {@code serverVersion} to announce and the clock {@code minutesAgo} is counted by (tests). */
    public SubsonicEndpoint(ClientAccess access, String serverVersion, Clock clock) {
        this.protocol = protocol(access, serverVersion, clock);
    }

    /** Every method of the API this plugin serves, and the extensions they implement (listed as they are now). */
    static Protocol protocol(ClientAccess access, String serverVersion, Clock clock) {
        List<MethodGroup> groups = List.of(new BrowsingMethods(), new ListMethods(clock), new SearchMethods(), new AnnotationMethods(),
            new PlaylistMethods(), new MediaMethods(), new LyricsMethods(), new UserMethods(), new PlayQueueMethods(), new InfoMethods(),
            new ScanMethods(), new SonicMethods(access), new BookmarkMethods());
        List<Method> methods = new ArrayList<>();
        for (MethodGroup group : groups) {
            methods.addAll(group.methods());
        }
        methods.addAll(new SystemMethods(() -> {
            List<Extension> extensions = new ArrayList<>(Protocol.EXTENSIONS);
            groups.forEach(group -> extensions.addAll(group.extensions()));
            return extensions;
        }).methods());
        return new Protocol(access, serverVersion, methods);
    }

    /** The protocol behind the servlet. */
    public Protocol protocol() {
        return protocol;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!METHODS.contains(request.getMethod())) {
                response.setHeader("Allow", "GET, POST, HEAD");
                send(request, response, protocol.unreadable(405, "HTTP " + request.getMethod()
                    + " is not supported: use GET or POST."));
                return;
            }
            Params params;
            try {
                if (request.getCharacterEncoding() == null) {
                    request.setCharacterEncoding("UTF-8");
                }
                params = Params.fromServlet(request.getParameterMap(), jsonBody(request));
            } catch (RuntimeException e) {
                send(request, response, protocol.unreadable(400, "The request's parameters cannot be read: "
                    + "URL-encode them (UTF-8); a JSON body is at most " + MAX_JSON_BODY / 1024 + " KiB."));
                return;
            }
            send(request, response, protocol.answer(request.getPathInfo(), params, request.getRemoteAddr()));
        } catch (IOException e) {
            throw e; // the client went away
        } catch (RuntimeException e) {
            LOG.warn("Subsonic request {} failed", request.getPathInfo(), e);
            if (!response.isCommitted()) {
                response.reset();
                send(request, response, protocol.unreadable(500, "The server failed to answer (its log says why)."));
            }
        }
    }

    /** The most a JSON body may hold (a client's capabilities are a few KiB). */
    static final int MAX_JSON_BODY = 64 * 1024;

    /** A POST's JSON body (UTF-8), read when it is declared as JSON; longer than {@link #MAX_JSON_BODY}: unreadable. */
    private static java.util.Optional<String> jsonBody(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (!"POST".equals(request.getMethod()) || type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return java.util.Optional.empty();
        }
        byte[] body = request.getInputStream().readNBytes(MAX_JSON_BODY + 1);
        if (body.length > MAX_JSON_BODY) {
            throw new IllegalArgumentException("the JSON body is longer than " + MAX_JSON_BODY + " bytes");
        }
        return java.util.Optional.of(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    private void send(HttpServletRequest request, HttpServletResponse response, Protocol.Answer answer) throws IOException {
        if (answer.media().isPresent()) {
            try {
                answer.media().get().write(request, response);
            } catch (RuntimeException refusal) {
                if (response.isCommitted()) {
                    throw refusal; // bytes are out: the connection ends, the client must not take a part for the whole
                }
                response.reset();
                write(request, response, protocol.refused(answer, refusal));
            }
            return;
        }
        write(request, response, answer);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, Protocol.Answer answer)
            throws IOException {
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setContentLength(answer.body().length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(answer.body());
        }
    }
}
