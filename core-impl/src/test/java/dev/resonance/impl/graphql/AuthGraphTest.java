package dev.resonance.impl.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.impl.auth.ApiHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts through GraphQL ({@code core.auth}): the same answers and refusals as REST's /auth/session, /user/* and /admin/*. */
class AuthGraphTest {

    private static ApiHarness api;
    private static String admin;
    private static String ada;
    private static long adaId;

    @BeforeAll
    static void start() {
        api = new ApiHarness();
        api.createUser("root", "root-password", "admin");
        adaId = api.createUser("ada", "ada-password", "regular");
        admin = api.accessToken("root", "root-password", "admin-browser");
        ada = api.accessToken("ada", "ada-password", "ada-browser");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode data(String token, String query, Map<String, Object> variables) {
        JsonNode answer = api.graphql(token, query, variables);
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.path("data");
    }

    /** The error on root field {@code field}, whose value must be null. */
    private static JsonNode error(JsonNode answer, String field) {
        assertThat(answer.path("data").path(field).isNull()).as(answer.toString()).isTrue();
        for (JsonNode error : answer.path("errors")) {
            if (error.path("path").get(0).asText().equals(field)) {
                return error;
            }
        }
        throw new AssertionError("no error on " + field + ": " + answer);
    }

    @Test
    void theSessionAndTheDevicesAreWhatRestGives() {
        JsonNode rest = api.get("v1/auth/session", ada).json();
        JsonNode session = data(ada, "{ session { user { id username role permissions } deviceId sessionId } }", Map.of()).path("session");
        assertThat(session.path("user").path("id").asText()).isEqualTo(rest.path("user").path("id").asText()).isEqualTo(Long.toString(adaId));
        assertThat(session.path("user").path("username").asText()).isEqualTo("ada");
        assertThat(session.path("user").path("role").asText()).isEqualTo(rest.path("user").path("role").asText()).isEqualTo("regular");
        assertThat(session.path("user").path("permissions")).isEqualTo(rest.path("user").path("permissions"));
        assertThat(session.path("deviceId").asText()).isEqualTo(rest.path("deviceId").asText());
        assertThat(session.path("sessionId").asText()).isEqualTo(rest.path("sessionId").asText());

        JsonNode restDevices = api.get("v1/user/devices", ada).json();
        JsonNode devices = data(ada, "{ devices { id deviceId type name os createdAt lastSeenAt signedIn current } }", Map.of()).path("devices");
        assertThat(devices).hasSize(restDevices.size());
        for (int i = 0; i < devices.size(); i++) {
            JsonNode mine = devices.get(i);
            JsonNode theirs = restDevices.get(i);
            for (String field : List.of("deviceId", "type", "name", "createdAt", "signedIn", "current")) {
                assertThat(mine.path(field).asText()).as(field).isEqualTo(theirs.path(field).asText());
            }
            assertThat(mine.path("id").asText()).isEqualTo(theirs.path("id").asText());
        }
        assertThat(devices.findValuesAsText("deviceId")).contains("ada-browser");
    }

    @Test
    void aDeviceIsForgottenAndAnUnknownOneIsNotFound() {
        api.createUser("bea", "bea-password", "regular");
        String bea = api.accessToken("bea", "bea-password", "bea-browser");
        String phone = api.accessToken("bea", "bea-password", "bea-phone");
        long phoneId = -1;
        for (JsonNode device : api.get("v1/user/devices", bea).json()) {
            if (device.path("deviceId").asText().equals("bea-phone")) {
                phoneId = device.path("id").asLong();
            }
        }
        JsonNode forgot = data(bea, "mutation($id: ID!) { forgetDevice(id: $id) }", Map.of("id", Long.toString(phoneId)));
        assertThat(forgot.path("forgetDevice").asBoolean()).isTrue();
        assertThat(api.get("v1/user/devices", bea).json().findValuesAsText("deviceId")).containsExactly("bea-browser");
        assertThat(api.get("v1/auth/session", phone).status()).isEqualTo(401);

        JsonNode unknown = api.graphql(bea, "mutation { forgetDevice(id: \"999999\") }", Map.of());
        assertThat(error(unknown, "forgetDevice").path("extensions").path("status").asInt()).isEqualTo(404);
    }

    @Test
    void aPasswordIsChangedWithTheRestRules() {
        api.createUser("cy", "cy-password", "regular");
        String cy = api.accessToken("cy", "cy-password", "cy-browser");
        JsonNode wrong = api.graphql(cy, "mutation { changePassword(currentPassword: \"nope-nope\", newPassword: \"cy-new-password\") }", Map.of());
        JsonNode refusal = error(wrong, "changePassword");
        assertThat(refusal.path("extensions").path("code").asText()).isEqualTo("wrong_password")
                .isEqualTo(api.call("PUT", "v1/user/password", cy, "application/json",
                        ApiHarness.json(Map.of("currentPassword", "nope-nope", "newPassword", "cy-new-password"))).errorCode());
        assertThat(refusal.path("extensions").path("status").asInt()).isEqualTo(400);

        JsonNode changed = data(cy, "mutation($old: String!, $new: String!) { changePassword(currentPassword: $old, newPassword: $new) }",
                Map.of("old", "cy-password", "new", "cy-new-password"));
        assertThat(changed.path("changePassword").asBoolean()).isTrue();
        assertThat(api.login("cy", "cy-password", "cy-other").status()).isEqualTo(401);
        assertThat(api.login("cy", "cy-new-password", "cy-other").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorManagesUsersAsRestDoes() {
        JsonNode created = data(admin, "mutation { createUser(username: \"dora\", password: \"dora-password\", role: REGULAR, displayName: \"Dora\") "
                + "{ id username displayName role disabled createdAt permissions } }", Map.of()).path("createUser");
        String id = created.path("id").asText();
        JsonNode rest = api.get("v1/admin/users/" + id, admin).json();
        assertThat(created.path("username").asText()).isEqualTo(rest.path("username").asText()).isEqualTo("dora");
        assertThat(created.path("displayName").asText()).isEqualTo(rest.path("displayName").asText()).isEqualTo("Dora");
        assertThat(created.path("role").asText()).isEqualTo("regular");
        assertThat(created.path("createdAt").asText()).isEqualTo(rest.path("createdAt").asText());
        assertThat(created.path("permissions")).isEqualTo(rest.path("permissions"));

        JsonNode byId = data(admin, "query($id: ID!) { user(id: $id) { id username displayName role disabled createdAt permissions overrides { permission } } }",
                Map.of("id", id)).path("user");
        assertThat(byId.path("username").asText()).isEqualTo("dora");
        assertThat(byId.path("disabled").asBoolean()).isEqualTo(rest.path("disabled").asBoolean()).isFalse();

        JsonNode updated = data(admin, "mutation($id: ID!) { updateUser(id: $id, role: ADMIN, displayName: \"\", disabled: true) { role displayName disabled } }",
                Map.of("id", id)).path("updateUser");
        assertThat(updated.path("role").asText()).isEqualTo("admin");
        assertThat(updated.path("displayName").isNull()).isTrue();
        JsonNode afterUpdate = api.get("v1/admin/users/" + id, admin).json();
        assertThat(afterUpdate.path("role").asText()).isEqualTo("admin");
        assertThat(afterUpdate.path("disabled").asBoolean()).isTrue();
        assertThat(afterUpdate.path("displayName").isNull() || afterUpdate.path("displayName").isMissingNode()).isTrue();
        data(admin, "mutation($id: ID!) { updateUser(id: $id, role: REGULAR, disabled: false) { role } }", Map.of("id", id));

        String expiry = api.clock.instant().plusSeconds(3600).toString();
        JsonNode granted = data(admin, "mutation($id: ID!, $at: String) { grantPermission(id: $id, permission: EDIT_CATALOG, expiresAt: $at) "
                + "{ permissions overrides { permission effect expiresAt } } }", Map.of("id", id, "at", expiry)).path("grantPermission");
        assertThat(granted.path("permissions").toString()).contains("\"EditCatalog\"");
        assertThat(granted.path("overrides").get(0).path("permission").asText()).isEqualTo("EditCatalog");
        assertThat(granted.path("overrides").get(0).path("effect").asText()).isEqualTo("grant");
        assertThat(api.get("v1/admin/users/" + id, admin).json().path("overrides")).isEqualTo(granted.path("overrides"));

        JsonNode pastExpiry = api.graphql(admin, "mutation($id: ID!) { grantPermission(id: $id, permission: VIEW_ANALYTICS, expiresAt: \"2001-01-01T00:00:00Z\") { id } }",
                Map.of("id", id));
        assertThat(error(pastExpiry, "grantPermission").path("extensions").path("code").asText()).isEqualTo("invalid_expiry");

        JsonNode revoked = data(admin, "mutation($id: ID!) { revokePermission(id: $id, permission: EDIT_CATALOG) { permissions } }",
                Map.of("id", id)).path("revokePermission");
        assertThat(revoked.path("permissions").toString()).doesNotContain("EditCatalog");
        assertThat(api.get("v1/admin/users/" + id, admin).json().path("permissions")).isEqualTo(revoked.path("permissions"));

        assertThat(data(admin, "mutation($id: ID!) { setPassword(id: $id, password: \"dora-new-password\") }", Map.of("id", id))
                .path("setPassword").asBoolean()).isTrue();
        assertThat(api.login("dora", "dora-new-password", "dora-browser").status()).isEqualTo(200);

        assertThat(data(admin, "mutation($id: ID!) { deleteUser(id: $id) }", Map.of("id", id)).path("deleteUser").asBoolean()).isTrue();
        assertThat(api.get("v1/admin/users/" + id, admin).status()).isEqualTo(404);
        JsonNode gone = api.graphql(admin, "query($id: ID!) { user(id: $id) { id } }", Map.of("id", id));
        JsonNode notFound = error(gone, "user");
        assertThat(notFound.path("extensions").path("status").asInt()).isEqualTo(404);
        assertThat(notFound.path("extensions").path("code").asText()).isEqualTo(api.get("v1/admin/users/" + id, admin).errorCode());
    }

    @Test
    void theUserListIsRestsPage() {
        JsonNode rest = api.get("v1/admin/users?limit=1", admin).json();
        JsonNode page = data(admin, "{ users(limit: 1) { users { id username } nextAfter } }", Map.of()).path("users");
        assertThat(page.path("users")).hasSize(1);
        assertThat(page.path("users").get(0).path("id").asText()).isEqualTo(rest.path("users").get(0).path("id").asText());
        assertThat(page.path("nextAfter").asText()).isEqualTo(rest.path("nextAfter").asText());
        JsonNode next = data(admin, "query($after: ID) { users(after: $after, limit: 1) { users { id } } }",
                Map.of("after", page.path("nextAfter").asText())).path("users");
        assertThat(next.path("users").get(0).path("id").asText())
                .isEqualTo(api.get("v1/admin/users?limit=1&after=" + rest.path("nextAfter").asText(), admin).json().path("users").get(0).path("id").asText());
    }

    @Test
    void aUserIsRefusedAsRestRefusesIt() {
        JsonNode answer = api.graphql(admin, "mutation { createUser(username: \"x\", password: \"x-password\") { id } }", Map.of());
        assertThat(error(answer, "createUser").path("extensions").path("code").asText()).isEqualTo("invalid_username")
                .isEqualTo(api.post("v1/admin/users", admin, Map.of("username", "x", "password", "x-password")).errorCode());
        JsonNode taken = api.graphql(admin, "mutation { createUser(username: \"ada\", password: \"ada-password\") { id } }", Map.of());
        assertThat(error(taken, "createUser").path("extensions").path("status").asInt()).isEqualTo(409);
        JsonNode control = api.graphql(admin, "mutation { createUser(username: \"eve\", password: \"eve-password\", displayName: \"a\\u0000b\") { id } }", Map.of());
        assertThat(error(control, "createUser").path("extensions").path("status").asInt()).isEqualTo(400);
        assertThat(api.get("v1/admin/users?limit=500", admin).json().path("users").findValuesAsText("username")).doesNotContain("eve");
    }

    @Test
    void theAccountSettingsAreRests() {
        JsonNode opened = data(admin, "mutation { updateServerSettings(registrationOpen: true) { registrationOpen } }", Map.of());
        assertThat(opened.path("updateServerSettings").path("registrationOpen").asBoolean()).isTrue();
        assertThat(api.get("v1/admin/settings", admin).json().path("registrationOpen").asBoolean()).isTrue();
        api.call("PUT", "v1/admin/settings", admin, "application/json", "{\"registrationOpen\":false}");
        assertThat(data(admin, "{ serverSettings { registrationOpen } }", Map.of()).path("serverSettings").path("registrationOpen").asBoolean()).isFalse();
    }

    @Test
    void aRegularUserIsRefusedEveryAdministrationField() {
        Map<String, Object> vars = new HashMap<>(Map.of("id", Long.toString(adaId)));
        JsonNode reads = api.graphql(ada, "query($id: ID!) { users { nextAfter } user(id: $id) { id } serverSettings { registrationOpen } }", vars);
        for (String field : List.of("users", "user", "serverSettings")) {
            JsonNode e = error(reads, field);
            assertThat(e.path("extensions").path("status").asInt()).as(field).isEqualTo(403);
            assertThat(e.path("extensions").path("code").asText()).as(field).isEqualTo("forbidden");
        }
        JsonNode writes = api.graphql(ada, "mutation($id: ID!) { createUser(username: \"mallory\", password: \"mallory-password\") { id } "
                + "updateUser(id: $id, role: ADMIN) { id } deleteUser(id: $id) grantPermission(id: $id, permission: MANAGE_PERMISSIONS) { id } "
                + "revokePermission(id: $id, permission: ACCESS_CATALOG) { id } setPassword(id: $id, password: \"hijacked-password\") "
                + "updateServerSettings(registrationOpen: true) { registrationOpen } }", vars);
        for (String field : List.of("createUser", "updateUser", "deleteUser", "grantPermission", "revokePermission", "setPassword",
                "updateServerSettings")) {
            assertThat(error(writes, field).path("extensions").path("status").asInt()).as(field).isEqualTo(403);
        }
        assertThat(api.get("v1/admin/users", ada).status()).isEqualTo(403);
        JsonNode self = api.get("v1/admin/users/" + adaId, admin).json();
        assertThat(self.path("role").asText()).isEqualTo("regular");
        assertThat(api.get("v1/admin/settings", admin).json().path("registrationOpen").asBoolean()).isFalse();
        assertThat(api.login("ada", "ada-password", "ada-check").status()).isEqualTo(200);
        assertThat(api.get("v1/admin/users?limit=500", admin).json().path("users").findValuesAsText("username")).doesNotContain("mallory");
    }
}
