package dev.resonance.plugin.subsonic.protocol;

import dev.resonance.api.client.ClientAccess;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Subsonic protocol without HTTP: finds the method a path names, signs the caller in, runs the method and writes
 * its answer — or the error — in the envelope every answer has ({@code status}, {@code version} {@value #VERSION},
 * {@code type} {@value #TYPE}, {@code serverVersion}, {@code openSubsonic} true), as XML or JSON.
 *
 * <p>Every failure is an answer: a refusal ({@link ApiError}), a refusal of the core ({@link ResonanceException},
 * through {@link Failures}) and an unexpected exception (logged, error 0) alike. Errors are answered with HTTP 200 as
 * Subsonic clients expect, except an unknown method: HTTP 404 with error 0, before any authentication — and so is a
 * method of an extension that is not offered now ({@link Method#served}).
 *
 * <p>The client's {@code v} is not checked (no error 20 or 30): every 1.x client understands a 1.16.1 server, and
 * clients read the version from the answer. {@code c} is not required either.
 */
public final class Protocol {

    /** The Subsonic API version served. */
    public static final String VERSION = "1.16.1";

    /** The server's name in {@code type}. */
    public static final String TYPE = "resonance";

    /** What the protocol itself implements: parameters in a form POST body, and API keys. */
    public static final List<Extension> EXTENSIONS = List.of(new Extension("apiKeyAuthentication", List.of(1)),
        new Extension("formPost", List.of(1)));

    private static final Logger LOG = LoggerFactory.getLogger(Protocol.class);
    private static final String VIEW = ".view";

    private final ClientAccess access;
    private final String serverVersion;
    private final Map<String, Method> methods = new LinkedHashMap<>();

    public Protocol(ClientAccess access, String serverVersion, List<Method> methods) {
        this.access = Objects.requireNonNull(access, "access");
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        for (Method method : methods) {
            if (this.methods.putIfAbsent(method.name(), method) != null) {
                throw new IllegalArgumentException("two methods named " + method.name());
            }
        }
    }

    /**
     * An answer to send: HTTP status, content type, body; or, for a media method, the {@code media} writer, with the
     * error answer for a refusal it throws before writing ({@link #refused}).
     */
    public record Answer(int status, String contentType, byte[] body, Optional<MediaWriter> media, Format format) {

        Answer(int status, String contentType, byte[] body, Format format) {
            this(status, contentType, body, Optional.empty(), format);
        }
    }

    /** The error answer, in the request's format, to a refusal a media writer threw before writing anything. */
    public Answer refused(Answer media, RuntimeException refusal) {
        if (refusal instanceof ApiError e) {
            return failed(media.format(), 200, e);
        }
        if (refusal instanceof ResonanceException e) {
            return failed(media.format(), 200, Failures.toApiError(e));
        }
        LOG.warn("Subsonic media answer failed", refusal);
        return failed(media.format(), 200, new ApiError(ErrorCode.GENERIC, "The server failed to answer (its log says why)."));
    }

    /** The methods served, by name. */
    public List<String> methodNames() {
        return new ArrayList<>(methods.keySet());
    }

    /**
     * Answers a request.
     *
     * @param path the path after {@code /rest} ({@code /getAlbum.view}), empty when none
     */
    public Answer answer(String path, Params params, String clientAddress) {
        Format.Choice choice = Format.of(params);
        Format format = choice.format();
        if (choice.refusal().isPresent()) {
            return failed(format, 200, choice.refusal().get());
        }
        Optional<Method> method = method(path);
        if (method.isEmpty()) {
            return failed(format, 404, new ApiError(ErrorCode.GENERIC, "Unknown method " + describe(path)
                + ": this server does not implement it (see getOpenSubsonicExtensions and the Subsonic API)."));
        }
        if (!method.get().served().getAsBoolean()) {
            // an extension offered only at times: answered as a method not implemented, as getOpenSubsonicExtensions
            // does not list it now
            return failed(format, 404, new ApiError(ErrorCode.GENERIC, "Method " + method.get().name() + " is not"
                + " available on this server now: its extension is not listed by getOpenSubsonicExtensions."));
        }
        try {
            Optional<ClientSession> session = method.get().open() ? Optional.empty()
                : Optional.of(Authentication.signIn(access, params, clientAddress));
            Reply reply = method.get().handler().handle(new Call(params, session));
            if (reply instanceof Reply.Media media) {
                return new Answer(200, "", new byte[0], Optional.of(media.writer()), format);
            }
            Node response = envelope("ok");
            reply.fill(response);
            return new Answer(200, format.contentType(), format.write(response), format);
        } catch (ApiError e) {
            return failed(format, 200, e);
        } catch (ResonanceException e) {
            return failed(format, 200, Failures.toApiError(e));
        } catch (RuntimeException e) {
            LOG.warn("Subsonic method {} failed", method.get().name(), e);
            return failed(format, 200, new ApiError(ErrorCode.GENERIC, "The server failed to answer "
                + method.get().name() + " (its log says why)."));
        }
    }

    private Optional<Method> method(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        String name = path.substring(1);
        if (name.endsWith(VIEW)) {
            name = name.substring(0, name.length() - VIEW.length());
        }
        return Optional.ofNullable(methods.get(name));
    }

    /** An error answered in XML before the request could be read (its parameters are malformed). */
    public Answer unreadable(int status, String message) {
        return failed(Format.XML, status, new ApiError(ErrorCode.GENERIC, message));
    }

    private Answer failed(Format format, int status, ApiError error) {
        Node response = envelope("failed").child(Node.of("error").attr("code", error.code().code())
            .attr("message", error.getMessage()));
        return new Answer(status, format.contentType(), format.write(response), format);
    }

    private Node envelope(String status) {
        return Node.of("subsonic-response").attr("status", status).attr("version", VERSION).attr("type", TYPE)
            .attr("serverVersion", serverVersion).attr("openSubsonic", true);
    }

    private static String describe(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "(none: call /rest/<method>)";
        }
        String shown = path.length() > 64 ? path.substring(0, 64) + "…" : path;
        return "\"" + shown.substring(shown.startsWith("/") ? 1 : 0) + "\"";
    }
}
