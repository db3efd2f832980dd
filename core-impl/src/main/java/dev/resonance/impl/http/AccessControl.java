package dev.resonance.impl.http;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Public;
import dev.resonance.api.auth.RequiresPermission;
import dev.resonance.api.auth.SignedIn;
import dev.resonance.api.error.ResonanceException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces, on the server, what every endpoint declares: {@link Public}, {@link SignedIn} or
 * {@link RequiresPermission} (method first, then class). An endpoint that declares nothing is refused for
 * everyone (deny by default) and the authorization-matrix test fails the build. Also applies the rate limits.
 */
public final class AccessControl implements DynamicFeature {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

    /** What an endpoint requires. */
    public sealed interface Requirement permits Anyone, AnyCaller, Holder, Undeclared {
    }

    public record Anyone() implements Requirement {
    }

    public record AnyCaller() implements Requirement {
    }

    public record Holder(Permission permission) implements Requirement {
    }

    public record Undeclared() implements Requirement {
    }

    private final RateLimiter limiter;

    public AccessControl(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** The declared requirement of a resource method. */
    public static Requirement requirement(Method method, Class<?> resourceClass) {
        Requirement own = declared(method);
        return own instanceof Undeclared ? declared(resourceClass) : own;
    }

    private static Requirement declared(AnnotatedElement element) {
        int count = 0;
        Requirement found = new Undeclared();
        if (element.isAnnotationPresent(Public.class)) {
            found = new Anyone();
            count++;
        }
        if (element.isAnnotationPresent(SignedIn.class)) {
            found = new AnyCaller();
            count++;
        }
        RequiresPermission permission = element.getAnnotation(RequiresPermission.class);
        if (permission != null) {
            found = new Holder(permission.value());
            count++;
        }
        if (count > 1) {
            throw new IllegalStateException(element + " declares more than one access rule");
        }
        return found;
    }

    static RateLimiter.Kind rateKind(Method method, String httpMethod) {
        RateLimit explicit = method.getAnnotation(RateLimit.class);
        if (explicit != null) {
            return explicit.value();
        }
        return HttpMethod.GET.equals(httpMethod) || HttpMethod.HEAD.equals(httpMethod) ? RateLimiter.Kind.READ : RateLimiter.Kind.WRITE;
    }

    @Override
    public void configure(ResourceInfo info, FeatureContext context) {
        Method method = info.getResourceMethod();
        Class<?> resource = info.getResourceClass();
        if (method == null || resource == null || resource.getName().startsWith("org.glassfish.jersey.")) {
            return; // Jersey's own OPTIONS/HEAD handlers
        }
        Requirement requirement = requirement(method, resource);
        if (requirement instanceof Undeclared) {
            LOG.error("{}.{} declares no access rule (@Public, @SignedIn or @RequiresPermission): it is refused to everyone",
                    resource.getSimpleName(), method.getName());
        }
        String httpMethod = httpMethod(method);
        context.register(new Check(requirement, rateKind(method, httpMethod), limiter));
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return HttpMethod.GET;
    }

    @Priority(Priorities.AUTHORIZATION)
    private static final class Check implements ContainerRequestFilter {
        private final Requirement requirement;
        private final RateLimiter.Kind kind;
        private final RateLimiter limiter;

        Check(Requirement requirement, RateLimiter.Kind kind, RateLimiter limiter) {
            this.requirement = requirement;
            this.kind = kind;
            this.limiter = limiter;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            Optional<Caller> caller = RequestCaller.of(request);
            // login budgets are per address (there is no caller yet); others per user when signed in
            String client = kind != RateLimiter.Kind.LOGIN && caller.isPresent()
                    ? "user:" + caller.get().userId() : "ip:" + RequestCaller.clientAddress(request);
            Optional<Duration> wait = limiter.acquire(kind, client);
            if (wait.isPresent()) {
                request.setProperty(RequestMetrics.RATE_LIMITED, kind); // counted by the site
                throw ResonanceException.tooManyRequests("rate_limited", "Too many requests.", wait.get());
            }
            if (requirement instanceof Undeclared) {
                throw ResonanceException.forbidden("forbidden", "This endpoint is not available");
            } else if (requirement instanceof AnyCaller) {
                signedIn(request, caller);
            } else if (requirement instanceof Holder holder) {
                Caller who = signedIn(request, caller);
                if (!who.has(holder.permission())) {
                    throw ResonanceException.forbidden("forbidden", "This needs the " + holder.permission().apiName() + " permission");
                }
            }
        }

        private static Caller signedIn(ContainerRequestContext request, Optional<Caller> caller) {
            if (caller.isPresent()) {
                return caller.get();
            }
            if (Boolean.TRUE.equals(request.getProperty(RequestCaller.TOKEN_REJECTED))) {
                throw ResonanceException.unauthenticated("invalid_token", "The access token is invalid or expired: refresh it or sign in again");
            }
            throw ResonanceException.unauthenticated("unauthenticated", "Sign in first");
        }
    }
}
