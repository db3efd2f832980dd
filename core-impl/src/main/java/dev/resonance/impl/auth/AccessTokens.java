package dev.resonance.impl.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Short-lived access tokens: JWS HS256 with the server secret. Only HS256 is accepted: a token whose header names
 * another algorithm (including {@code none}) is refused before any verification, whatever its signature.
 * Permissions are not in the token; they are read at each request so a revocation takes effect at once.
 */
final class AccessTokens {

    static final String ISSUER = "resonance";

    /** What a valid token says. */
    record Claims(long userId, UUID sessionId, long deviceId, Instant expiresAt) {
    }

    /** Tokens verified before, by their SHA-256 (compared in constant time), until they expire. */
    private static final int MAX_VERIFIED = 10_000;

    private record Digest(byte[] bytes) {
        static Digest of(String token) {
            try {
                return new Digest(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Digest d && MessageDigest.isEqual(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final Clock clock;
    /**
     * A client sends the same token with every request for its 15 minutes, and parsing and verifying it was most of
     * what authenticating a request cost; the session behind it is still checked per request (revocations apply).
     */
    private final Cache<Digest, Claims> verified;

    AccessTokens(byte[] secret, Duration ttl, Clock clock) {
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT_SECRET must be at least 32 bytes long", e);
        }
        this.ttl = ttl;
        this.clock = clock;
        // no entry outlives the longest a token can live; each is also checked against its own expiry when used
        this.verified = Caffeine.newBuilder().maximumSize(MAX_VERIFIED).expireAfterWrite(ttl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
    }

    Duration ttl() {
        return ttl;
    }

    String issue(long userId, UUID sessionId, long deviceId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(userId))
                .claim("sid", sessionId.toString())
                .claim("did", deviceId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    Optional<Claims> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Optional.empty();
        }
        Digest key = Digest.of(token);
        Claims known = verified.getIfPresent(key);
        if (known != null) {
            return known.expiresAt().isAfter(clock.instant()) ? Optional.of(known) : Optional.empty();
        }
        Optional<Claims> claims = parseAndVerify(token);
        claims.ifPresent(c -> verified.put(key, c));
        return claims;
    }

    private Optional<Claims> parseAndVerify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || jwt.getState() != JWSObject.State.SIGNED
                    || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || expires == null || !expires.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Claims(Long.parseLong(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim("sid")),
                    claims.getLongClaim("did"),
                    expires.toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty(); // malformed, wrong types, unknown algorithm: just not a valid token
        }
    }
}
