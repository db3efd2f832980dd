package dev.resonance.impl.http;

import dev.resonance.impl.http.RateLimiter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The budget an endpoint draws from; without it, GET/HEAD use READ and other methods WRITE. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimit {
    RateLimiter.Kind value();
}
