package dev.resonance.impl.auth;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@code resonance.core.auth}; defaults shipped in {@code etc/resonance.core.auth.cfg}. */
@ObjectClassDefinition(name = "Resonance accounts and security",
        description = "Tokens, brute-force protection, rate limits, CORS. JWT_SECRET, RESONANCE_ADMIN_USER and "
                + "RESONANCE_ADMIN_PASSWORD map onto these settings.")
public @interface AuthConfig {

    String PID = "resonance.core.auth";

    @AttributeDefinition(name = "JWT secret (JWT_SECRET)", type = AttributeType.PASSWORD, required = false,
            description = "At least 32 characters. Empty: a random secret is generated once and kept in the database.")
    String jwtSecret() default "";

    @AttributeDefinition(name = "Access token lifetime (minutes)", min = "1", max = "1440")
    int accessTokenMinutes() default 15;

    @AttributeDefinition(name = "Refresh token lifetime (days)", min = "1", max = "365")
    int refreshTokenDays() default 30;

    @AttributeDefinition(name = "Session recheck (milliseconds)", min = "0", max = "60000",
            description = "How long a session the database confirmed live is trusted before it is looked up again (0 = on "
                    + "every request). A sign-out, revocation or permission change made on this node applies at once; one "
                    + "made on another node of a cluster applies after at most this long.")
    int sessionRecheckMillis() default 2000;

    @AttributeDefinition(name = "Failed sign-ins before a lock", min = "3", max = "1000")
    int lockoutThreshold() default 10;

    @AttributeDefinition(name = "First lock (seconds), doubled with each further failure", min = "1")
    int lockoutBaseSeconds() default 60;

    @AttributeDefinition(name = "Longest lock (seconds)", min = "1")
    int lockoutMaxSeconds() default 3600;

    @AttributeDefinition(name = "First administrator (RESONANCE_ADMIN_USER)", required = false,
            description = "Created on an empty database. Without it, the first registration becomes the administrator.")
    String adminUser() default "";

    @AttributeDefinition(name = "First administrator's password (RESONANCE_ADMIN_PASSWORD)", type = AttributeType.PASSWORD,
            required = false)
    String adminPassword() default "";

    @AttributeDefinition(name = "Sign-in attempts per minute per address (0 = unlimited)", min = "0")
    int loginPerMinute() default 30;

    @AttributeDefinition(name = "Read requests per minute per client (0 = unlimited)", min = "0")
    int readPerMinute() default 3000;

    @AttributeDefinition(name = "Write requests per minute per client (0 = unlimited)", min = "0")
    int writePerMinute() default 600;

    @AttributeDefinition(name = "Search requests per minute per client (0 = unlimited)", min = "0")
    int searchPerMinute() default 600;

    @AttributeDefinition(name = "Stream requests per minute per client (0 = unlimited)", min = "0")
    int streamPerMinute() default 1200;

    @AttributeDefinition(name = "CORS origins", required = false,
            description = "Comma-separated origins (https://app.example.org) allowed to call the API from a browser. Empty: same origin only.")
    String corsOrigins() default "";

    @AttributeDefinition(name = "Trusted reverse proxies (TRUSTED_PROXIES)", required = false,
            description = "Comma-separated IP addresses or networks (10.0.0.0/8) of your reverse proxies. A request from one"
                    + " of them is attributed to the client its X-Forwarded-For names, for rate limits and sign-in lockouts."
                    + " Empty: the header is ignored (behind a proxy, every client then shares the proxy's budget).")
    String trustedProxies() default "";
}
