package dev.resonance.plugin.subsonic.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.client.Credentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    @Test
    void anEncodedPasswordIsHexOfUtf8() {
        assertThat(Authentication.decode("enc:736573616d65")).isEqualTo("sesame");
        assertThat(Authentication.decode("enc:C3A9")).isEqualTo("é");
        assertThat(Authentication.decode("sesame")).isEqualTo("sesame");
        assertThat(Authentication.decode("enc:")).isEmpty();
        for (String bad : List.of("enc:7", "enc:zz", "enc:c3", "enc:ff")) {
            assertThatThrownBy(() -> Authentication.decode(bad)).as(bad)
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_CREDENTIALS));
        }
    }

    @Test
    void theParametersNameOneMechanism() {
        assertThat(Authentication.credentials(params(Map.of("u", "a", "p", "x"))))
            .isEqualTo(new Credentials.Password("a", "x"));
        assertThat(Authentication.credentials(params(Map.of("u", "a", "t", "x", "s", "y"))))
            .isEqualTo(new Credentials.Token("a", "x", "y"));
        assertThat(Authentication.credentials(params(Map.of("apiKey", "k")))).isEqualTo(new Credentials.ApiKey("k"));
        assertThatThrownBy(() -> Authentication.credentials(params(Map.of("apiKey", "k", "s", "y"))))
            .isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICTING_MECHANISMS));
        assertThatThrownBy(() -> Authentication.credentials(params(Map.of("u", "a", "s", "y"))))
            .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PARAMETER));
    }

    private static Params params(Map<String, String> values) {
        java.util.Map<String, List<String>> all = new java.util.HashMap<>();
        values.forEach((k, v) -> all.put(k, List.of(v)));
        return new Params(all);
    }
}
