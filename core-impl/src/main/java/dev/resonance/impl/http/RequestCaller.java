package dev.resonance.impl.http;

import dev.resonance.api.auth.Caller;
import java.security.Principal;
import java.util.Optional;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.SecurityContext;

/** Where the authenticated caller and the client address of a request are kept, and how resources read them. */
public final class RequestCaller {

    /** Request property holding the client's address; set by {@link ApiServletContainer} from the servlet request. */
    public static final String CLIENT_ADDRESS = "resonance.clientAddress";
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

    /** The caller of a resource method behind {@code @SignedIn} or {@code @RequiresPermission}. */
    public static Caller required(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal instanceof CallerPrincipal caller) {
            return caller.caller();
        }
        throw ApiException.unauthorized("unauthenticated", "Sign in first");
    }

    /** The caller as a JAX-RS principal. */
    public record CallerPrincipal(Caller caller) implements Principal {
        @Override
        public String getName() {
            return caller.username();
        }
    }
}
