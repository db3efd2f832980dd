package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Our origin as the browser used it; the forwarded values are only passed in when a trusted proxy sent them. */
class PublicOriginTest {

    @Test
    void directRequestsAreWhatTheConnectionAndHostSay() {
        assertThat(PublicOrigin.of("http", "127.0.0.1:8080", null, null, null)).isEqualTo(new PublicOrigin(false, "http://127.0.0.1:8080"));
        assertThat(PublicOrigin.of("https", "Music.Example.org:443", null, null, null))
                .isEqualTo(new PublicOrigin(true, "https://music.example.org"));
    }

    @Test
    void aTlsProxySaysHttpsAndItsPublicHost() {
        assertThat(PublicOrigin.of("http", "resonance:8080", "https", "music.example.org", null))
                .isEqualTo(new PublicOrigin(true, "https://music.example.org"));
        assertThat(PublicOrigin.of("http", "music.example.org", "https, http", null, null))
                .isEqualTo(new PublicOrigin(true, "https://music.example.org"));
        assertThat(PublicOrigin.of("http", "resonance:8080", null, null, "for=203.0.113.7;proto=https;host=\"music.example.org\", for=10.0.0.2"))
                .isEqualTo(new PublicOrigin(true, "https://music.example.org"));
    }

    @Test
    void onlyHttpAndHttpsAreOrigins() {
        assertThat(PublicOrigin.normalize("http://localhost:80/some/page?q=1")).hasValue("http://localhost");
        assertThat(PublicOrigin.normalize("null")).isEmpty();
        assertThat(PublicOrigin.normalize("file:///etc/passwd")).isEmpty();
        assertThat(PublicOrigin.of("http", "h", "gopher", null, null).secure()).isFalse();
    }
}
