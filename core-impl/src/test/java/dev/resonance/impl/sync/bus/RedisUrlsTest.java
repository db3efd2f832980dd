package dev.resonance.impl.sync.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

class RedisUrlsTest {

    @Test
    void theRedactedFormHasNoPassword() {
        RedisURI uri = RedisUrls.parse("redis://:s3cret-pw@cache.example:6380/2").orElseThrow();

        assertThat(RedisUrls.redact(uri)).isEqualTo("redis://cache.example:6380/2");
        assertThat(RedisUrls.scrub("WRONGPASS for s3cret-pw", uri)).isEqualTo("WRONGPASS for ******");
    }

    @Test
    void tlsAndDefaultsAreShown() {
        assertThat(RedisUrls.redact(RedisUrls.parse("rediss://user:pw@h").orElseThrow())).isEqualTo("rediss://h:6379");
        assertThat(RedisUrls.redact(RedisUrls.parse("redis://127.0.0.1").orElseThrow())).isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void whatIsNotARedisUrlIsRefused() {
        assertThat(RedisUrls.parse("http://x:1")).isEmpty();
        assertThat(RedisUrls.parse("localhost:6379")).isEmpty();
        assertThat(RedisUrls.parse("redis://")).isEmpty();
        assertThat(RedisUrls.parse("not a url at all")).isEmpty();
    }
}
