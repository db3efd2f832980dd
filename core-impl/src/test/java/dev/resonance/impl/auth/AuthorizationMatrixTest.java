package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Permission;
import dev.resonance.impl.http.AccessControl;
import dev.resonance.impl.http.ServerInfoResource;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the REST API × (anonymous, regular user, admin, regular user with one extra grant) against
 * the real server code and the real PostgreSQL. The table below is the declared access of every endpoint: an
 * endpoint added without an entry here — or whose annotation disagrees with it — fails the build.
 */
public class AuthorizationMatrixTest {

    private static final String PUBLIC = "public";
    private static final String SIGNED_IN = "signed-in";

    /** METHOD path → who may call it: PUBLIC, SIGNED_IN, or the permission's API name. */
    static final Map<String, String> DECLARED = new LinkedHashMap<>();

    static {
        DECLARED.put("GET v1/server", PUBLIC);
        DECLARED.put("GET openapi.json", PUBLIC);
        DECLARED.put("POST v1/auth/login", PUBLIC);
        DECLARED.put("POST v1/auth/register", PUBLIC);
        DECLARED.put("POST v1/auth/refresh", PUBLIC);
        DECLARED.put("POST v1/auth/logout", SIGNED_IN);
        DECLARED.put("GET v1/auth/session", SIGNED_IN);
        DECLARED.put("GET v1/user/devices", SIGNED_IN);
        DECLARED.put("DELETE v1/user/devices/{id}", SIGNED_IN);
        DECLARED.put("GET v1/user/app-passwords", SIGNED_IN);
        DECLARED.put("POST v1/user/app-passwords", SIGNED_IN);
        DECLARED.put("DELETE v1/user/app-passwords/{id}", SIGNED_IN);
        DECLARED.put("PUT v1/user/password", SIGNED_IN);
        DECLARED.put("GET v1/admin/users", "ManagePermissions");
        DECLARED.put("POST v1/admin/users", "ManagePermissions");
        DECLARED.put("GET v1/admin/users/{id}", "ManagePermissions");
        DECLARED.put("PATCH v1/admin/users/{id}", "ManagePermissions");
        DECLARED.put("DELETE v1/admin/users/{id}", "ManagePermissions");
        DECLARED.put("POST v1/admin/users/{id}/permissions/{permission}", "ManagePermissions");
        DECLARED.put("DELETE v1/admin/users/{id}/permissions/{permission}", "ManagePermissions");
        DECLARED.put("POST v1/admin/users/{id}/password", "ManagePermissions");
        DECLARED.put("GET v1/admin/settings", "ManagePermissions");
        DECLARED.put("PUT v1/admin/settings", "ManagePermissions");
        DECLARED.put("GET v1/library/scan", "AccessCatalog");
        DECLARED.put("POST v1/admin/library/scan", "EditCatalog");
        DECLARED.put("GET v1/admin/library/libraries", "ManagePermissions");
        DECLARED.put("POST v1/admin/library/libraries", "ManagePermissions");
        DECLARED.put("PATCH v1/admin/library/libraries/{id}", "ManagePermissions");
        DECLARED.put("DELETE v1/admin/library/libraries/{id}", "ManagePermissions");
        DECLARED.put("GET v1/admin/library/access/{userId}", "ManagePermissions");
        DECLARED.put("PUT v1/admin/library/access/{userId}", "ManagePermissions");
        DECLARED.put("GET v1/content/artists", "AccessCatalog");
        DECLARED.put("GET v1/content/artists/{id}", "AccessCatalog");
        DECLARED.put("GET v1/content/albums", "AccessCatalog");
        DECLARED.put("GET v1/content/albums/{id}", "AccessCatalog");
        DECLARED.put("GET v1/content/tracks", "AccessCatalog");
        DECLARED.put("GET v1/content/tracks/{id}", "AccessCatalog");
        DECLARED.put("GET v1/content/genres", "AccessCatalog");
        DECLARED.put("GET v1/content/images/{id}", "AccessCatalog");
        DECLARED.put("GET v1/user/liked/{type}", "AccessCatalog");
        DECLARED.put("PUT v1/user/liked/{type}/{id}", "LikeContent");
        DECLARED.put("DELETE v1/user/liked/{type}/{id}", "LikeContent");
        DECLARED.put("GET v1/user/ratings/{type}", "AccessCatalog");
        DECLARED.put("PUT v1/user/ratings/{type}/{id}", "LikeContent");
        DECLARED.put("DELETE v1/user/ratings/{type}/{id}", "LikeContent");
        DECLARED.put("POST v1/user/plays", "AccessCatalog");
        DECLARED.put("GET v1/user/history", "AccessCatalog");
        DECLARED.put("GET v1/user/history/tracks", "AccessCatalog");
        DECLARED.put("GET v1/user/stats/plays", "AccessCatalog");
        DECLARED.put("GET v1/user/stats/top", "AccessCatalog");
        DECLARED.put("GET v1/user/stats/summary", "AccessCatalog");
        DECLARED.put("GET v1/admin/stats", "ViewAnalytics");
        DECLARED.put("GET v1/user/settings", SIGNED_IN);
        DECLARED.put("PUT v1/user/settings", SIGNED_IN);
        DECLARED.put("GET v1/sync/state", SIGNED_IN);
        DECLARED.put("GET v1/sync/events", SIGNED_IN);
        DECLARED.put("GET v1/stream/{id}/decision", "AccessCatalog");
        DECLARED.put("POST v1/stream/{id}/url", "AccessCatalog");
        DECLARED.put("GET v1/user/devices/{id}/streaming", SIGNED_IN);
        DECLARED.put("PUT v1/user/devices/{id}/streaming", SIGNED_IN);
        DECLARED.put("GET v1/content/tracks/{id}/lyrics", "AccessCatalog");
        DECLARED.put("GET v1/content/search", "AccessCatalog");
        DECLARED.put("GET v1/content/recommendations", "AccessCatalog");
        DECLARED.put("GET v1/admin/plugins", "ManagePlugins");
        DECLARED.put("POST v1/admin/plugins", "ManagePlugins");
        DECLARED.put("GET v1/admin/plugins/available", "ManagePlugins");
        DECLARED.put("GET v1/admin/plugins/audit", "ManagePlugins");
        DECLARED.put("POST v1/admin/plugins/upload", "ManagePlugins");
        DECLARED.put("GET v1/admin/plugins/{id}", "ManagePlugins");
        DECLARED.put("DELETE v1/admin/plugins/{id}", "ManagePlugins");
        DECLARED.put("PUT v1/admin/plugins/{id}/version", "ManagePlugins");
        DECLARED.put("POST v1/admin/plugins/{id}/enable", "ManagePlugins");
        DECLARED.put("POST v1/admin/plugins/{id}/disable", "ManagePlugins");
        DECLARED.put("GET v1/admin/plugins/{id}/config", "ManagePlugins");
        DECLARED.put("PATCH v1/admin/plugins/{id}/config", "ManagePlugins");
        DECLARED.put("GET v1/user/playlists", "AccessCatalog");
        DECLARED.put("POST v1/user/playlists", "OwnPlaylists");
        DECLARED.put("POST v1/user/playlists/import", "OwnPlaylists");
        DECLARED.put("POST v1/user/playlists/join", "OwnPlaylists");
        DECLARED.put("GET v1/user/playlists/{id}", "AccessCatalog");
        DECLARED.put("PATCH v1/user/playlists/{id}", "OwnPlaylists");
        DECLARED.put("DELETE v1/user/playlists/{id}", "OwnPlaylists");
        DECLARED.put("GET v1/user/playlists/{id}/entries", "AccessCatalog");
        DECLARED.put("POST v1/user/playlists/{id}/entries", "OwnPlaylists");
        DECLARED.put("POST v1/user/playlists/{id}/entries/move", "OwnPlaylists");
        DECLARED.put("POST v1/user/playlists/{id}/entries/remove", "OwnPlaylists");
        DECLARED.put("GET v1/user/playlists/{id}/collaborators", "AccessCatalog");
        DECLARED.put("POST v1/user/playlists/{id}/collaborators", "OwnPlaylists");
        DECLARED.put("DELETE v1/user/playlists/{id}/collaborators/{userId}", "OwnPlaylists");
        DECLARED.put("GET v1/user/playlists/{id}/invites", "OwnPlaylists");
        DECLARED.put("POST v1/user/playlists/{id}/invites", "OwnPlaylists");
        DECLARED.put("DELETE v1/user/playlists/{id}/invites/{inviteId}", "OwnPlaylists");
        DECLARED.put("PUT v1/user/playlists/{id}/cover", "OwnPlaylists");
        DECLARED.put("DELETE v1/user/playlists/{id}/cover", "OwnPlaylists");
        DECLARED.put("GET v1/user/playlists/{id}/m3u8", "AccessCatalog");
    }

    /** A requirement as the table writes it: public, signed-in, a permission's API name, or UNDECLARED. */
    public static String declared(AccessControl.Requirement requirement) {
        return requirement instanceof AccessControl.Anyone ? PUBLIC
                : requirement instanceof AccessControl.AnyCaller ? SIGNED_IN
                : requirement instanceof AccessControl.Holder h ? h.permission().apiName()
                : "UNDECLARED";
    }

    /**
     * Whether the signed-in matrix caller {@code caller} ("regular", "admin", or "granted": a regular user with
     * {@link #GRANTED}) is admitted by {@code access} as the table writes it.
     */
    public static boolean allowed(String access, String caller) {
        return switch (access) {
            case PUBLIC, SIGNED_IN -> true;
            default -> caller.equals("admin") || caller.equals("granted") && access.equals(GRANTED.apiName())
                    || dev.resonance.api.auth.Role.REGULAR.defaultPermissions().contains(Permission.parse(access).orElseThrow());
        };
    }

    /** Who may call the REST endpoint {@code endpoint} ("METHOD path"), as the table declares; null if not in it. */
    public static String declaredFor(String endpoint) {
        return DECLARED.get(endpoint);
    }

    /** The one permission the "granted" regular user holds beyond the role. */
    public static final Permission GRANTED = Permission.MANAGE_PERMISSIONS;

    private static final Set<String> DENIAL_CODES = Set.of("unauthenticated", "invalid_token", "forbidden");

    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = new ApiHarness();
        api.createUser("admin", "admin-password", "admin");
        api.createUser("regular", "regular-password", "regular");
        long granted = api.createUser("granted", "granted-password", "regular");
        api.auth.grant(granted, GRANTED, java.util.Optional.empty(), java.util.Optional.empty());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Every endpoint Jersey serves, as "METHOD path". */
    static Set<String> servedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (Class<?> type : api.resourceClasses()) {
            if (type.isAnnotationPresent(javax.ws.rs.Path.class)) {
                collect(Resource.from(type), "", endpoints);
            }
        }
        return endpoints;
    }

    private static void collect(Resource resource, String parent, Set<String> out) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            out.add(method.getHttpMethod() + " " + path);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, out);
        }
    }

    private static String join(String parent, String path) {
        String p = path == null ? "" : path.replaceAll("^/+|/+$", "");
        return parent.isEmpty() ? p : p.isEmpty() ? parent : parent + "/" + p;
    }

    @Test
    void everyServedEndpointIsInTheTableAndEveryTableEntryIsServed() {
        assertThat(servedEndpoints()).as("endpoints served vs declared in this test").isEqualTo(new TreeSet<>(DECLARED.keySet()));
    }

    @Test
    void annotationsDeclareWhatTheTableSays() {
        Map<String, String> annotated = new LinkedHashMap<>();
        for (Class<?> type : api.resourceClasses()) {
            if (type.isAnnotationPresent(javax.ws.rs.Path.class)) {
                annotate(Resource.from(type), "", type, annotated);
            }
        }
        assertThat(annotated).containsExactlyInAnyOrderEntriesOf(DECLARED);
    }

    private static void annotate(Resource resource, String parent, Class<?> type, Map<String, String> out) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            Method java = method.getInvocable().getDefinitionMethod();
            out.put(method.getHttpMethod() + " " + path, declared(AccessControl.requirement(java, type)));
        }
        for (Resource child : resource.getChildResources()) {
            annotate(child, path, type, out);
        }
    }

    record Case(String endpoint, String caller) {
        @Override
        public String toString() {
            return endpoint + " as " + caller;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String endpoint : DECLARED.keySet()) {
            for (String caller : List.of("anonymous", "regular", "admin", "granted")) {
                cases.add(new Case(endpoint, caller));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accessIsEnforcedOnTheServer(Case c) {
        String access = DECLARED.get(c.endpoint());
        String method = c.endpoint().substring(0, c.endpoint().indexOf(' '));
        String path = c.endpoint().substring(c.endpoint().indexOf(' ') + 1)
                .replace("{id}", "999999").replace("{userId}", "999999").replace("{inviteId}", "999999").replace("{permission}", "ViewAnalytics").replace("{type}", "track");
        String token = switch (c.caller()) {
            case "anonymous" -> null;
            default -> api.accessToken(c.caller(), c.caller() + "-password", "matrix-" + c.endpoint().hashCode());
        };
        boolean hasBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        ApiHarness.Answer answer = api.call(method, path, token, hasBody ? "application/json" : null, hasBody ? "{}" : null);

        boolean allowed = token != null ? allowed(access, c.caller()) : access.equals(PUBLIC);
        String code = answer.body().isEmpty() ? "" : answer.json().at("/error/code").asText();
        if (allowed) {
            assertThat(answer.status() == 401 || answer.status() == 403 ? code : "").as(answer.toString())
                    .isNotIn(DENIAL_CODES);
            assertThat(answer.status()).as(answer.toString()).isLessThan(500);
        } else {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(token == null ? 401 : 403);
            assertThat(code).isIn(DENIAL_CODES);
        }
    }
}
