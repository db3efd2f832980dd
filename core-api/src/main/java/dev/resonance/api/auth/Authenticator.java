package dev.resonance.api.auth;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Resolves an access token to its caller; for components that serve requests outside the REST API. */
@ProviderType
public interface Authenticator {

    /**
     * The caller for a valid, unexpired access token of a live session; empty for anything else (tampered,
     * expired, revoked device, disabled user). Never throws for bad input.
     */
    Optional<Caller> authenticate(String accessToken);
}
