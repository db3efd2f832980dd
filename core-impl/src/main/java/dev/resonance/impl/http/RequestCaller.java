package dev.resonance.impl.http;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.error.ResonanceException;
import java.security.Principal;
import java.util.Optional;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.SecurityContext;

/** Where the authenticated caller and the client address of a request are kept, and how resources read them. */
public final class RequestCaller {

    /** Request property holding the client's address; set by {@link ApiServletContainer} from the servlet request. */
    public static final String CLIENT_ADDRESS = "resonance.clientAddress";
    /** Request property holding the {@link PublicOrigin}; set by {@link ApiServletContainer} from the servlet request. */
    public static final String PUBLIC_ORIGIN = "resonance.publicOrigin";
    static final String CALLER = "resonance.caller";
    static final String TOKEN_REJECTED = "resonance.tokenRejected";

    private RequestCaller() {
    }

    public static Optional<Caller> of(ContainerRequestContext request) {
        return Optional.ofNullable((Caller) request.getProperty(CALLER));
    }

    public static String clientAddress(ContainerRequestContext request) {
        Object address = request.getProperty(CLIENT_ADDRESS);
        return address == null ? "unknown" : address.toString();
    }

    /**
     * Whether the browser reached us over HTTPS (directly, or through a trusted TLS proxy), and our origin as it
     * sees it. Without the servlet layer (in-memory tests) the request URI says.
     */
    public static PublicOrigin publicOrigin(ContainerRequestContext request) {
        if (request.getProperty(PUBLIC_ORIGIN) instanceof PublicOrigin origin) {
            return origin;
        }
        java.net.URI base = request.getUriInfo().getBaseUri();
        String authority = base.getRawAuthority() == null ? "localhost" : base.getRawAuthority();
        return PublicOrigin.of(base.getScheme() == null ? "http" : base.getScheme(), authority, null, null, null);
    }

    /**
     * A client on the server's own machine: a loopback address that no proxy speaks for. A request forwarded by a
     * local reverse proxy that is not in trustedProxies (else X-Forwarded-For would have named the real client) still
     * carries the proxy's headers, and is not treated as local.
     */
    public static boolean onThisMachine(ContainerRequestContext request) {
        return ClientAddresses.isLoopback(clientAddress(request))
                && request.getHeaderString("X-Forwarded-For") == null && request.getHeaderString("Forwarded") == null
                && request.getHeaderString("X-Real-IP") == null;
    }

    /** The caller of a resource method behind {@code @SignedIn} or {@code @RequiresPermission}. */
    public static Caller required(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal instanceof CallerPrincipal caller) {
            return caller.caller();
        }
        throw ResonanceException.unauthenticated("unauthenticated", "Sign in first");
    }

    /** The caller as a JAX-RS principal. */
    public record CallerPrincipal(Caller caller) implements Principal {
        @Override
        public String getName() {
            return caller.username();
        }
    }
}
