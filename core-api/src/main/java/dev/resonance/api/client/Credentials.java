package dev.resonance.api.client;

import java.util.Objects;

/** What a client app sends to prove who it is; see {@link ClientAccess#signIn}. */
public sealed interface Credentials permits Credentials.Password, Credentials.Token, Credentials.ApiKey {

    /** A username and the app password itself. */
    record Password(String username, String secret) implements Credentials {
        public Password {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Password[username=" + username + ", secret=***]";
        }
    }

    /** A username and a proof of the app password: {@code token} = hex MD5 of (app password + {@code salt}). */
    record Token(String username, String token, String salt) implements Credentials {
        public Token {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(salt, "salt");
        }
    }

    /** The app password alone, as an API key (it names its user). */
    record ApiKey(String key) implements Credentials {
        public ApiKey {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "ApiKey[***]";
        }
    }
}
