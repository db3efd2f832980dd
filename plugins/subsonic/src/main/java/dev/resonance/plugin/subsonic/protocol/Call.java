package dev.resonance.plugin.subsonic.protocol;

import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientSession;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to a method: its parameters and, for every method but the open ones, the signed-in user's session
 * (empty for {@link Method#open open} methods).
 */
public record Call(Params params, Optional<ClientSession> session) {

    public Call {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(session, "session");
    }

    /** The catalog as the signed-in user sees it. */
    public ClientCatalog catalog() {
        return user().catalog();
    }

    /** The signed-in user's session. */
    public ClientSession user() {
        return session.orElseThrow(() -> new IllegalStateException("an open method has no session"));
    }
}
