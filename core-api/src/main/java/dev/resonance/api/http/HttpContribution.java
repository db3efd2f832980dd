package dev.resonance.api.http;

import java.util.Hashtable;

/**
 * Service properties through which a bundle contributes to the HTTP surface, and helpers to build them.
 *
 * <ul>
 *   <li>A <b>REST resource</b>: any object whose class carries {@code @javax.ws.rs.Path}, registered (under any
 *   service type, e.g. {@code Object}) with {@link #RESOURCE} = {@code true}. It is served under {@code /api} by the
 *   core's one JAX-RS application, with the core's JSON, errors, rate limits and authentication. Every resource
 *   method (or its class) must declare who may call it with {@code @Public}, {@code @SignedIn} or
 *   {@code @RequiresPermission} from {@code dev.resonance.api.auth}: an undeclared method is refused to everyone.
 *   Request data comes as method parameters ({@code @Context SecurityContext}, {@code @PathParam}, ...), since the
 *   registered object serves every request. A resource whose model Jersey rejects is refused and reported; the others
 *   keep serving.</li>
 *   <li>A <b>servlet</b>: an {@link HttpEndpoint} registered with {@link #PATH} and {@link #ACCESS}.</li>
 * </ul>
 *
 * <p>Paths: a plugin serves under {@code /api/plugins/<its id>}, {@code /rest} (the Subsonic API) or
 * {@code /webhooks/<its id>}; the core's own paths cannot be taken, and a path already served by another endpoint is
 * refused. Both kinds come and go while everything else keeps serving: nothing is restarted, no request in flight
 * fails.
 */
public final class HttpContribution {

    /** {@code true} on a JAX-RS resource object to be served under {@code /api}. */
    public static final String RESOURCE = "resonance.http.resource";

    /** An {@link HttpEndpoint}'s path prefix without a trailing slash, e.g. {@code /api/plugins/lyrics/files}. */
    public static final String PATH = "resonance.http.path";

    /**
     * Who may call an {@link HttpEndpoint}: {@link #PUBLIC}, {@link #SIGNED_IN} (the default), or the API name of a
     * {@code dev.resonance.api.auth.Permission} the caller must hold ({@code EditCatalog}). Callers sign in with an
     * {@code Authorization: Bearer} access token or the web app's session cookie; a refused caller gets 401 or 403
     * with the JSON error body before the servlet sees the request.
     */
    public static final String ACCESS = "resonance.http.access";

    /** A short name for logs and {@code /health} (defaults to the class name). */
    public static final String NAME = "resonance.http.name";

    /** {@link #ACCESS}: anyone, signed in or not (the endpoint checks what it needs itself). */
    public static final String PUBLIC = "public";

    /** {@link #ACCESS}: any signed-in caller. */
    public static final String SIGNED_IN = "signed-in";

    /** Request attribute holding the signed-in {@code dev.resonance.api.auth.Caller} of an {@link HttpEndpoint}. */
    public static final String CALLER_ATTRIBUTE = "dev.resonance.api.auth.Caller";

    private HttpContribution() {
    }

    /** Properties of a REST resource named {@code name}. */
    public static Hashtable<String, Object> resource(String name) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RESOURCE, Boolean.TRUE);
        properties.put(NAME, name);
        return properties;
    }

    /** Properties of an {@link HttpEndpoint} at {@code path} for callers admitted by {@code access}. */
    public static Hashtable<String, Object> endpoint(String path, String access) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(PATH, path);
        properties.put(ACCESS, access);
        return properties;
    }
}
