package dev.resonance.impl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.auth.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * At least one enabled user always effectively holds ManagePermissions (role defaults plus overrides), whatever
 * removes it — role, disabling, deleting, a revoke — and however many administrators change each other at once.
 */
class AdministrationInvariantTest {

    private static final int ROUNDS = 20;

    private ApiHarness api;

    @BeforeEach
    void start() {
        api = new ApiHarness();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Enabled users whose effective permissions include ManagePermissions. */
    private long holders() {
        return api.auth.users(0, dev.resonance.impl.input.PageLimit.of(200)).users().stream()
                .filter(u -> !u.disabled() && u.permissions().contains(Permission.MANAGE_PERMISSIONS.apiName())).count();
    }

    @Test
    void revokingManagePermissionsFromEveryAdministratorIsRefusedAtTheLastOne() {
        long root = api.createUser("root", "root-password", "admin");
        long second = api.createUser("second", "second-password", "admin");
        String token = api.accessToken("root", "root-password", "console");

        assertThat(api.call("DELETE", "v1/admin/users/" + second + "/permissions/ManagePermissions", token, null, null).status())
                .isEqualTo(200);
        ApiHarness.Answer own = api.call("DELETE", "v1/admin/users/" + root + "/permissions/ManagePermissions", token, null, null);

        assertThat(own.status()).isEqualTo(409);
        assertThat(own.errorCode()).isEqualTo("last_admin");
        assertThat(own.json().at("/error/message").asText()).contains("ManagePermissions").contains("another user");
        assertThat(api.get("v1/admin/users", token).status()).isEqualTo(200);
        assertThat(holders()).isEqualTo(1);
    }

    @Test
    void anAdministratorDeniedManagePermissionsDoesNotCountSoTheOneWhoHoldsItCannotBeDemotedDisabledOrDeleted() {
        long root = api.createUser("root", "root-password", "admin");
        long second = api.createUser("second", "second-password", "admin");
        api.auth.revoke(second, Permission.MANAGE_PERMISSIONS, Optional.empty());
        String token = api.accessToken("root", "root-password", "console");

        for (String patch : List.of("{\"role\":\"regular\"}", "{\"disabled\":true}")) {
            assertThat(api.call("PATCH", "v1/admin/users/" + root, token, "application/json", patch).errorCode())
                    .as(patch).isEqualTo("last_admin");
        }
        assertThat(api.call("DELETE", "v1/admin/users/" + root, token, null, null).errorCode()).isEqualTo("last_admin");
        assertThat(holders()).isEqualTo(1);
    }

    @Test
    void aRegularUserGrantedManagePermissionsIsAnAdministratorForTheGuard() {
        long root = api.createUser("root", "root-password", "admin");
        long ada = api.createUser("ada", "ada-password", "regular");
        api.auth.grant(ada, Permission.MANAGE_PERMISSIONS, Optional.empty(), Optional.empty());
        String token = api.accessToken("root", "root-password", "console");

        // ada can administer, so root may step down; then ada is the last one and keeps it
        assertThat(api.call("PATCH", "v1/admin/users/" + root, token, "application/json", "{\"role\":\"regular\"}").status())
                .isEqualTo(200);
        String adaToken = api.accessToken("ada", "ada-password", "laptop");
        assertThat(api.call("DELETE", "v1/admin/users/" + ada + "/permissions/ManagePermissions", adaToken, null, null)
                .errorCode()).isEqualTo("last_admin");
        assertThat(holders()).isEqualTo(1);
    }

    /** How one administrator takes administration away from another. */
    enum Removal {
        DEMOTE("PATCH", "", "{\"role\":\"regular\"}"),
        DISABLE("PATCH", "", "{\"disabled\":true}"),
        DELETE("DELETE", "", null),
        REVOKE("DELETE", "/permissions/ManagePermissions", null);

        final String method;
        final String suffix;
        final String body;

        Removal(String method, String suffix, String body) {
            this.method = method;
            this.suffix = suffix;
            this.body = body;
        }

        ApiHarness.Answer apply(ApiHarness api, String token, long target) {
            return api.call(method, "v1/admin/users/" + target + suffix, token, body == null ? null : "application/json", body);
        }
    }

    @ParameterizedTest
    @EnumSource(Removal.class)
    void twoAdministratorsRemovingEachOtherAtOnceLeaveOneAndExactlyOneIsRefused(Removal removal) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Long> previous = List.of();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                long a = api.createUser("a" + round, "a-password", "admin");
                long b = api.createUser("b" + round, "b-password", "admin");
                for (long old : previous) { // the new pair are the only administrators
                    if (api.auth.users(old - 1, dev.resonance.impl.input.PageLimit.of(1)).users().stream().anyMatch(u -> u.id() == old)) {
                        api.auth.deleteUser(old, Optional.empty());
                    }
                }
                previous = List.of(a, b);
                assertThat(holders()).isEqualTo(2);
                String tokenA = api.accessToken("a" + round, "a-password", "d");
                String tokenB = api.accessToken("b" + round, "b-password", "d");

                CyclicBarrier start = new CyclicBarrier(2);
                Future<ApiHarness.Answer> byA = threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return removal.apply(api, tokenA, b);
                });
                Future<ApiHarness.Answer> byB = threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return removal.apply(api, tokenB, a);
                });
                List<Integer> statuses = new ArrayList<>(List.of(byA.get(30, TimeUnit.SECONDS).status(),
                        byB.get(30, TimeUnit.SECONDS).status()));
                statuses.sort(null);

                assertThat(holders()).as("round %d of %s", round, removal).isEqualTo(1);
                // the loser is refused by the guard (409), or, when the winner committed before it was even
                // authenticated, no longer allowed in at all (403; 401 once disabled or deleted)
                assertThat(statuses.get(0)).as("round %d of %s: %s", round, removal, statuses).isBetween(200, 204);
                assertThat(statuses.get(1)).as("round %d of %s: %s", round, removal, statuses).isIn(401, 403, 409);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
