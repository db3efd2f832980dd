package dev.resonance.impl.client;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.client.ClientAccess;
import dev.resonance.api.client.ClientActions;
import dev.resonance.api.client.ClientMedia;
import dev.resonance.api.client.ClientPlaylists;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientSession;
import dev.resonance.api.client.Credentials;
import dev.resonance.api.db.Database;
import dev.resonance.impl.auth.AppPasswords;
import dev.resonance.impl.auth.AuthService;
import dev.resonance.impl.library.search.CatalogSearch;

/**
 * The core's {@link ClientAccess}: app passwords checked by the auth service ({@link AppPasswords#verify}); sessions
 * that read the catalog through {@link ClientQueries} and act through the web app's own services
 * ({@link ClientBackends}), each answering {@code UNAVAILABLE} while its service is away (being reconfigured).
 */
public final class CoreClientAccess implements ClientAccess {

    private final Database db;
    private final ClientBackends backends;
    private final CatalogSearch search;

    public CoreClientAccess(Database db, ClientBackends backends, CatalogSearch search) {
        this.db = db;
        this.backends = backends;
        this.search = search;
    }

    @Override
    public ClientSession signIn(Credentials credentials, String clientAddress) {
        AuthService service = ClientBackends.need(backends.auth(), "sign-in");
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

    /** Whether the recommender plugins ({@link ClientBackends#similar}) have one enabled now. */
    @Override
    public boolean recommends() {
        return backends.similar().available();
    }

    /** A session of {@code caller} (tests, and callers signed in another way). */
    public ClientSession session(Caller caller) {
        ClientCatalog catalog = new ClientQueries(db, caller, search, backends);
        ClientActions actions = new CoreActions(db, caller, backends, catalog);
        ClientPlaylists playlists = new CorePlaylists(caller, backends, catalog);
        ClientMedia media = new CoreMedia(caller, backends);
        return new ClientSession() {
            @Override
            public Caller caller() {
                return caller;
            }

            @Override
            public ClientCatalog catalog() {
                return catalog;
            }

            @Override
            public ClientActions actions() {
                return actions;
            }

            @Override
            public ClientPlaylists playlists() {
                return playlists;
            }

            @Override
            public ClientMedia media() {
                return media;
            }
        };
    }
}
