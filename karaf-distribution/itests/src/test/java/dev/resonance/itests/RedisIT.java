package dev.resonance.itests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.testing.RedisProbe;
import dev.resonance.testing.RedisServer;
import dev.resonance.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * REDIS_URL points the distribution at a Redis (a private redis-server with a password, killed and restarted
 * here): Lettuce, embedded in the core bundle, connects inside Karaf, {@code /health} follows Redis, and a Redis
 * outage only degrades the node.
 */
class RedisIT {

    private static final String PASSWORD = "it-redis-s3cret";

    @Test
    void healthFollowsRedisThroughAnOutageAndThePasswordNeverShows() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             RedisServer redis = RedisServer.start("--requirepass", PASSWORD);
             ResonanceProcess node = ResonanceProcess.start(Map.of("DB_URL", db.url(), "DB_USER", db.user(),
                     "REDIS_URL", "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port(),
                     "RESONANCE_ADMIN_USER", "ada", "RESONANCE_ADMIN_PASSWORD", "ada-secret-password"))) {

            ResonanceProcess.Answer up = node.awaitHealth(a -> a.status() == 200 && "UP".equals(a.json().path("redis").asText()),
                    Duration.ofSeconds(90));
            publishesUserEventsOnRedis(node, redis);
            assertThat(up.json().path("status").asText()).isEqualTo("UP");
            assertThat(up.json().at("/checks/redis/detail").asText()).startsWith("Redis at redis://127.0.0.1:" + redis.port());
            assertThat(clientsOf(redis)).as("the node's publish and pub/sub connections").isGreaterThanOrEqualTo(2);

            redis.kill();
            ResonanceProcess.Answer degraded = node.awaitHealth(a -> "DOWN".equals(a.json().path("redis").asText()),
                    Duration.ofSeconds(30));
            assertThat(degraded.status()).as("Redis is not critical: the node stays in the load balancer").isEqualTo(200);
            assertThat(degraded.json().path("status").asText()).isEqualTo("DEGRADED");
            assertThat(degraded.json().path("db").asText()).isEqualTo("UP");
            assertThat(degraded.json().at("/checks/redis/detail").asText()).contains("cannot reach REDIS_URL");

            redis.restart();
            ResonanceProcess.Answer back = node.awaitHealth(a -> "UP".equals(a.json().path("redis").asText()),
                    Duration.ofSeconds(30));
            assertThat(back.json().path("status").asText()).isEqualTo("UP");

            assertThat(node.log()).contains("Sync bus: Redis pub/sub at redis://127.0.0.1:" + redis.port())
                    .contains("Reconnected to Redis").doesNotContain(PASSWORD);
            assertThat(up.body() + degraded.body() + back.body()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aUrlThatIsNotARedisUrlLeavesTheNodeWorkingOnItsOwnAndSaysSo() throws Exception {
        try (TestDatabase db = TestDatabase.create();
             ResonanceProcess node = ResonanceProcess.start(Map.of("DB_URL", db.url(), "DB_USER", db.user(),
                     "REDIS_URL", "cache.internal:6379"))) {

            ResonanceProcess.Answer health = node.awaitHealth(a -> a.status() == 200 && a.json().has("redis"),
                    Duration.ofSeconds(90));
            assertThat(health.json().path("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.json().at("/checks/redis/detail").asText()).contains("REDIS_URL is not a Redis URL")
                    .contains("cross-node sync is OFF");
            assertThat(node.log()).contains("Sync bus: REDIS_URL is not a Redis URL");
        }
    }

    /** A user's change, made over REST on the node, goes out on the user's Redis channel for the other nodes. */
    private static void publishesUserEventsOnRedis(ResonanceProcess node, RedisServer redis) throws Exception {
        node.awaitReady();
        ResonanceProcess.Answer login = node.send("POST", "/api/v1/auth/login",
                "{\"username\":\"ada\",\"password\":\"ada-secret-password\",\"deviceId\":\"phone\"}", Map.of());
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + login.json().path("accessToken").asText());
        long userId = node.send("GET", "/api/v1/auth/session", null, auth).json().at("/user/id").asLong();
        try (RedisProbe other = RedisProbe.connect(redis.port())) {
            other.send("AUTH", PASSWORD);
            other.read();
            other.send("SUBSCRIBE", "resonance:user:" + userId);
            other.read();
            ResonanceProcess.Answer changed = node.send("PUT", "/api/v1/user/settings", "{\"ui.theme\":\"dark\"}", auth);
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            String message = other.nextMessage(Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError("nothing on Redis"));
            assertThat(message).contains("settings.changed").contains("dark");
        }
    }

    private static long clientsOf(RedisServer redis) {
        try (RedisProbe probe = RedisProbe.connect(redis.port())) {
            probe.send("AUTH", PASSWORD);
            probe.read();
            probe.send("CLIENT", "LIST");
            String list = (String) probe.read();
            return List.of(list.split("\n")).stream().filter(l -> !l.contains("cmd=client")).count();
        }
    }
}
