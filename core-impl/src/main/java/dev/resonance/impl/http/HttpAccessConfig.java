package dev.resonance.impl.http;

/**
 * The HTTP layer's view of the accounts PID {@code resonance.core.auth} (described for admins by
 * {@code auth.AuthConfig}, which owns the metatype): the attributes it applies in place.
 */
@interface HttpAccessConfig {

    int loginPerMinute() default 30;

    int readPerMinute() default 3000;

    int writePerMinute() default 600;

    int searchPerMinute() default 600;

    int streamPerMinute() default 1200;

    String corsOrigins() default "";

    String trustedProxies() default "";
}
