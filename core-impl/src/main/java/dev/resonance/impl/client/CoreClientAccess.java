package dev.resonance.impl.client;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.client.ClientAccess;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.client.Credentials;
import dev.resonance.api.db.Database;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.auth.AppPasswords;
import dev.resonance.impl.auth.AuthService;
import dev.resonance.impl.library.search.CatalogSearch;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The core's {@link ClientAccess}: app passwords checked by the auth service ({@link AppPasswords#verify}), sessions
 * reading the catalog through {@link ClientQueries}. Answers {@code UNAVAILABLE} while the auth service is away (being
 * reconfigured), so a client protocol plugin keeps serving everything else.
 */
public final class CoreClientAccess implements ClientAccess {

    private final Database db;
    private final Supplier<Optional<AuthService>> auth;
    private final CatalogSearch search;

    public CoreClientAccess(Database db, Supplier<Optional<AuthService>> auth, CatalogSearch search) {
        this.db = db;
        this.auth = auth;
        this.search = search;
    }

    @Override
    public ClientSession signIn(Credentials credentials, String clientAddress) {
        AuthService service = auth.get().orElseThrow(() -> ResonanceException.unavailable("auth_unavailable",
                "Sign-in is not available right now; try again in a moment"));
        AppPasswords.Credentials checked;
        if (credentials instanceof Credentials.Password p) {
            checked = new AppPasswords.Password(p.username(), p.secret());
        } else if (credentials instanceof Credentials.Token t) {
            checked = new AppPasswords.Token(t.username(), t.token(), t.salt());
        } else {
            checked = new AppPasswords.ApiKey(((Credentials.ApiKey) credentials).key());
        }
        return session(service.appPasswords().verify(checked, clientAddress));
    }

    /** A session of {@code caller} (tests, and callers signed in another way). */
    public ClientSession session(Caller caller) {
        ClientCatalog catalog = new ClientQueries(db, caller, search);
        return new ClientSession() {
            @Override
            public Caller caller() {
                return caller;
            }

            @Override
            public ClientCatalog catalog() {
                return catalog;
            }
        };
    }
}
