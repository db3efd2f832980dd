package dev.resonance.impl.auth;

import dev.resonance.impl.graphql.GraphCall;
import dev.resonance.impl.graphql.GraphPart;
import dev.resonance.impl.graphql.GraphValues;
import dev.resonance.impl.graphql.GraphWiring;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts in GraphQL ({@code core.auth}): the caller's session, devices and password ({@link AccountResource},
 * {@code GET /api/v1/auth/session}) and the administration of users ({@link AdminUsersResource}), through the same
 * {@link AuthService} calls and the same request records. Signing in, refreshing, signing out and registering stay
 * REST-only: tokens and their cookies are issued by {@link AuthResource} alone ({@code /graphql} admits only callers
 * who hold a token already).
 */
public final class AuthGraph implements GraphPart {

    private final AuthService auth;

    public AuthGraph(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public String name() {
        return "core.auth";
    }

    @Override
    public String schema() {
        return GraphPart.resource(AuthGraph.class, "auth.graphqls");
    }

    @Override
    public void wire(GraphWiring w) {
        // the caller's own account
        w.query("session", GraphWiring.rest(AuthResource.class, "session"), c -> GraphValues.map(auth.session(c.caller())));
        w.query("devices", GraphWiring.rest(AccountResource.class, "devices"), c -> GraphValues.maps(auth.devices(c.caller())));
        w.mutation("forgetDevice", GraphWiring.rest(AccountResource.class, "forgetDevice"), c -> {
            auth.forgetDevice(c.caller(), c.id("id"));
            return true;
        });
        w.mutation("changePassword", GraphWiring.rest(AccountResource.class, "changePassword"), c -> {
            auth.changePassword(c.caller(), GraphValues.input(body(c), AuthRequests.ChangePassword.class));
            return true;
        });

        // administration
        w.query("users", GraphWiring.rest(AdminUsersResource.class, "users"), c -> GraphValues.map(
                auth.users(c.optionalId("after").orElse(0L), c.limit(50))));
        w.query("user", GraphWiring.rest(AdminUsersResource.class, "user"), c -> GraphValues.map(auth.user(c.id("id"))));
        w.mutation("createUser", GraphWiring.rest(AdminUsersResource.class, "create"), c -> GraphValues.map(
                auth.createUser(GraphValues.input(body(c), AuthRequests.CreateUser.class), by(c))));
        w.mutation("updateUser", GraphWiring.rest(AdminUsersResource.class, "update"), c -> GraphValues.map(
                auth.updateUser(c.id("id"), GraphValues.input(body(c), AuthRequests.PatchUser.class), by(c))));
        w.mutation("deleteUser", GraphWiring.rest(AdminUsersResource.class, "delete"), c -> {
            auth.deleteUser(c.id("id"), by(c));
            return true;
        });
        w.mutation("grantPermission", GraphWiring.rest(AdminUsersResource.class, "grant"), c -> GraphValues.map(
                auth.grant(c.id("id"), AuthService.permission(c.arg("permission")),
                        GraphValues.input(body(c), AuthRequests.Grant.class).expiresAt(), by(c))));
        w.mutation("revokePermission", GraphWiring.rest(AdminUsersResource.class, "revoke"), c -> GraphValues.map(
                auth.revoke(c.id("id"), AuthService.permission(c.arg("permission")), by(c))));
        w.mutation("setPassword", GraphWiring.rest(AdminUsersResource.class, "setPassword"), c -> {
            auth.setPassword(c.id("id"), GraphValues.input(body(c), AuthRequests.SetPassword.class).password(), by(c));
            return true;
        });
        w.query("serverSettings", GraphWiring.rest(AdminUsersResource.class, "settings"), c -> GraphValues.map(auth.serverSettings()));
        w.mutation("updateServerSettings", GraphWiring.rest(AdminUsersResource.class, "updateSettings"), c -> GraphValues.map(
                auth.updateServerSettings(GraphValues.input(body(c), AuthRequests.ServerSettings.class))));
    }

    /**
     * The arguments as REST's body for the operation: without the path's {@code id} and {@code permission}, and the
     * {@code Role} enum in REST's spelling ({@code ADMIN} → {@code admin}).
     */
    private static Map<String, Object> body(GraphCall c) {
        Map<String, Object> body = new LinkedHashMap<>(c.arguments());
        body.remove("id");
        body.remove("permission");
        if (body.get("role") instanceof String role) {
            body.put("role", role.toLowerCase(Locale.ROOT));
        }
        return body;
    }

    private static Optional<dev.resonance.api.auth.Caller> by(GraphCall c) {
        return Optional.of(c.caller());
    }
}
