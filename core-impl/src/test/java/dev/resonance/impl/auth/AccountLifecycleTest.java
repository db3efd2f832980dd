package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resonance.api.auth.Permission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountLifecycleTest {

    private ApiHarness api;

    @BeforeEach
    void start() {
        api = new ApiHarness();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ApiHarness.Answer register(String username) {
        // from the server's own machine, where the first account needs no setup code (FirstAccountTest covers the code)
        return api.call("POST", "v1/auth/register", null, "application/json", ApiHarness.json(Map.of("username", username,
                "password", username + "-password", "deviceId", "d-" + username, "deviceType", "web")),
                Map.of("X-Test-Client", "127.0.0.1"));
    }

    private static List<String> permissions(JsonNode user) {
        return StreamSupport.stream(user.path("permissions").spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void theFirstRegistrationBecomesAdminThenRegistrationClosesUntilAnAdminOpensIt() {
        ApiHarness.Answer first = register("root");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().at("/user/role").asText()).isEqualTo("admin");
        String admin = first.json().path("accessToken").asText();

        ApiHarness.Answer second = register("eve");
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.errorCode()).isEqualTo("registration_closed");

        assertThat(api.call("PUT", "v1/admin/settings", admin, "application/json", "{\"registrationOpen\":true}")
                .json().path("registrationOpen").asBoolean()).isTrue();
        ApiHarness.Answer third = register("eve");
        assertThat(third.status()).isEqualTo(201);
        assertThat(third.json().at("/user/role").asText()).isEqualTo("regular");
        assertThat(permissions(third.json().path("user"))).containsExactly("AccessCatalog", "LikeContent", "OwnPlaylists");
    }

    @Test
    void racingFirstRegistrationsMakeExactlyOneAdmin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApiHarness.Answer>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "racer" + i;
                racers.add(() -> register(name));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiHarness.Answer> f : pool.invokeAll(racers)) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 403);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theConfiguredAdminIsCreatedOnlyOnAnEmptyDatabase() {
        assertThat(api.auth.bootstrapAdmin("operator", "operator-password")).isTrue();
        assertThat(api.auth.bootstrapAdmin("someone-else", "operator-password")).isFalse();

        assertThat(api.login("operator", "operator-password", "d").json().at("/user/role").asText()).isEqualTo("admin");
        assertThat(api.auth.userId("someone-else")).isEmpty();
    }

    @Test
    void aUserHasAtMostFiftyDevicesAndTheLeastRecentlyUsedIsEvicted() {
        api.createUser("ada", "ada-password", "regular");
        ApiHarness.Answer oldest = api.login("ada", "ada-password", "device-0");
        for (int i = 1; i <= 50; i++) {
            api.login("ada", "ada-password", "device-" + i);
        }
        String current = api.accessToken("ada", "ada-password", "device-50");

        JsonNode devices = api.get("v1/user/devices", current).json();

        assertThat(devices.size()).isEqualTo(50);
        assertThat(devices.findValuesAsText("deviceId")).doesNotContain("device-0").contains("device-1", "device-50");
        assertThat(api.get("v1/auth/session", oldest.json().path("accessToken").asText()).status()).isEqualTo(401);
        assertThat(StreamSupport.stream(devices.spliterator(), false).filter(d -> d.path("current").asBoolean()).count())
                .isEqualTo(1);
    }

    @Test
    void changingThePasswordSignsOutTheOtherDevicesButNotThisOne() {
        api.createUser("ada", "ada-password", "regular");
        String laptop = api.accessToken("ada", "ada-password", "laptop");
        String phone = api.accessToken("ada", "ada-password", "phone");

        ApiHarness.Answer wrong = api.call("PUT", "v1/user/password", laptop, "application/json",
                ApiHarness.json(Map.of("currentPassword", "not-it", "newPassword", "brand-new-password")));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorCode()).isEqualTo("wrong_password");

        assertThat(api.call("PUT", "v1/user/password", laptop, "application/json",
                ApiHarness.json(Map.of("currentPassword", "ada-password", "newPassword", "brand-new-password"))).status())
                .isEqualTo(204);

        assertThat(api.get("v1/auth/session", laptop).status()).isEqualTo(200);
        assertThat(api.get("v1/auth/session", phone).status()).isEqualTo(401);
        assertThat(api.login("ada", "ada-password", "x").status()).isEqualTo(401);
        assertThat(api.login("ada", "brand-new-password", "x").status()).isEqualTo(200);
    }

    @Test
    void grantsAddToTheRoleDenialsRemoveFromItAndGrantsCanExpire() throws Exception {
        long ada = api.createUser("ada", "ada-password", "regular");

        api.auth.grant(ada, Permission.VIEW_ANALYTICS, Optional.empty(), Optional.empty());
        api.auth.revoke(ada, Permission.LIKE_CONTENT, Optional.empty());
        assertThat(api.auth.user(ada).permissions()).containsExactly("AccessCatalog", "OwnPlaylists", "ViewAnalytics");

        api.auth.grant(ada, Permission.LIKE_CONTENT, Optional.empty(), Optional.empty());
        api.auth.revoke(ada, Permission.VIEW_ANALYTICS, Optional.empty());
        assertThat(api.auth.user(ada).permissions()).containsExactly("AccessCatalog", "LikeContent", "OwnPlaylists");
        assertThat(api.auth.user(ada).overrides()).isEmpty();

        api.auth.grant(ada, Permission.EDIT_CATALOG, Optional.of(api.clock.instant().plusSeconds(60)), Optional.empty());
        String token = api.accessToken("ada", "ada-password", "d");
        assertThat(api.get("v1/auth/session", token).json().at("/user/permissions").toString()).contains("EditCatalog");
        api.clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(api.auth.user(ada).permissions()).doesNotContain("EditCatalog");
    }

    @Test
    void aPermissionGrantedOrRevokedTakesEffectOnTheNextRequest() {
        long ada = api.createUser("ada", "ada-password", "regular");
        api.createUser("root", "root-password", "admin");
        String root = api.accessToken("root", "root-password", "console");
        String token = api.accessToken("ada", "ada-password", "laptop");
        assertThat(api.get("v1/admin/users", token).status()).isEqualTo(403);

        assertThat(api.post("v1/admin/users/" + ada + "/permissions/ManagePermissions", root, "{}").status()).isEqualTo(200);
        assertThat(api.get("v1/admin/users", token).status()).isEqualTo(200);

        assertThat(api.call("DELETE", "v1/admin/users/" + ada + "/permissions/ManagePermissions", root, null, null).status())
                .isEqualTo(200);
        assertThat(api.get("v1/admin/users", token).status()).isEqualTo(403);
    }

    @Test
    void theLastAdministratorCannotBeRemovedDemotedOrDisabled() {
        long root = api.createUser("root", "root-password", "admin");
        String token = api.accessToken("root", "root-password", "console");

        assertThat(api.call("DELETE", "v1/admin/users/" + root, token, null, null).errorCode()).isEqualTo("last_admin");
        assertThat(api.call("PATCH", "v1/admin/users/" + root, token, "application/json", "{\"role\":\"regular\"}").errorCode())
                .isEqualTo("last_admin");
        assertThat(api.call("PATCH", "v1/admin/users/" + root, token, "application/json", "{\"disabled\":true}").errorCode())
                .isEqualTo("last_admin");

        long second = api.createUser("second", "second-password", "admin");
        assertThat(api.call("DELETE", "v1/admin/users/" + root, token, null, null).status()).isEqualTo(204);
        assertThat(api.auth.user(second).role()).isEqualTo("admin");
    }

    @Test
    void usersArePagedByKeyset() {
        for (int i = 0; i < 7; i++) {
            api.createUser("user" + i, "user-password", i == 0 ? "admin" : "regular");
        }
        String admin = api.accessToken("user0", "user-password", "d");

        JsonNode page1 = api.get("v1/admin/users?limit=3", admin).json();
        JsonNode page2 = api.get("v1/admin/users?limit=3&after=" + page1.path("nextAfter").asLong(), admin).json();
        JsonNode page3 = api.get("v1/admin/users?limit=3&after=" + page2.path("nextAfter").asLong(), admin).json();

        List<String> names = new ArrayList<>();
        for (JsonNode page : List.of(page1, page2, page3)) {
            names.addAll(page.path("users").findValuesAsText("username"));
        }
        assertThat(names).containsExactly("user0", "user1", "user2", "user3", "user4", "user5", "user6");
        assertThat(page3.path("nextAfter").isNull() || page3.path("nextAfter").isMissingNode()).isTrue();
    }
}
