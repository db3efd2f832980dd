package dev.resonance.impl.http;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jersey's servlet with what only the servlet layer knows — the client's address (for rate limits and lockouts) and
 * an early 413 for a declared body larger than the API accepts — and with an application that can be
 * {@linkplain #replace replaced} while it serves.
 *
 * <p>A replacement is built and initialised beside the running application; requests that arrive after the swap go
 * to the new one, requests already inside the old one finish there, and the old one is destroyed once the last of
 * them has returned (or after {@link #DRAIN_SECONDS}). No request sees a gap or a half-built application. This is how
 * REST resources contributed by features and plugins come and go without restarting anything (Jersey's own
 * {@code reload} shuts the running application down under the requests it is serving).
 */
public final class ApiServletContainer extends HttpServlet implements dev.resonance.api.http.HttpEndpoint {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServletContainer.class);
    static final long DRAIN_SECONDS = 30;

    /** One built application and the requests inside it. */
    private static final class Generation {
        final ServletContainer jersey;
        final AtomicInteger inFlight = new AtomicInteger();

        Generation(ServletContainer jersey) {
            this.jersey = jersey;
        }
    }

    private final transient Object lock = new Object();
    private final transient Supplier<ClientAddresses> clients;
    private transient ResourceConfig application;
    private transient ServletConfig config;
    private transient volatile Generation current;

    /** Serving {@code application} once initialised, without trusted proxies. */
    public ApiServletContainer(ResourceConfig application) {
        this(application, ClientAddresses.DIRECT);
    }

    public ApiServletContainer(ResourceConfig application, ClientAddresses clients) {
        this(() -> clients);
        this.application = application;
    }

    /** Serving 503 until an application is {@linkplain #replace given}; {@code clients} is read on every request. */
    public ApiServletContainer(Supplier<ClientAddresses> clients) {
        this.clients = clients;
    }

    @Override
    public void init(ServletConfig servletConfig) throws ServletException {
        super.init(servletConfig);
        synchronized (lock) {
            config = servletConfig;
            if (application != null) {
                swap(build(application, servletConfig));
            }
        }
    }

    /**
     * Serves {@code next} from now on. Built and initialised before the swap: when that throws, the running
     * application keeps serving and the failure goes to the caller.
     */
    public void replace(ResourceConfig next) throws ServletException {
        synchronized (lock) {
            if (config != null) {
                swap(build(next, config));
            }
            application = next;
        }
    }

    /** Whether {@code candidate} builds: Jersey validates the resource model and fails on fatal errors. */
    static ServletContainer build(ResourceConfig application, ServletConfig config) throws ServletException {
        // a ResourceConfig becomes immutable once an application is built from it: build from a copy
        ServletContainer fresh = new ServletContainer(new ResourceConfig(application));
        fresh.init(config);
        return fresh;
    }

    private void swap(ServletContainer fresh) {
        Generation previous = current;
        current = new Generation(fresh);
        if (previous != null) {
            Thread retire = new Thread(() -> retire(previous), "resonance-api-retire");
            retire.setDaemon(true);
            retire.start();
        }
    }

    private static void retire(Generation old) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (old.inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (old.inFlight.get() > 0) {
            LOG.warn("{} API requests were still running {} s after the API changed; their application is destroyed under them",
                    old.inFlight.get(), DRAIN_SECONDS);
        }
        destroy(old);
    }

    private static void destroy(Generation generation) {
        try {
            generation.jersey.destroy();
        } catch (RuntimeException e) {
            LOG.warn("The previous API application failed while being destroyed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        Generation last;
        synchronized (lock) {
            last = current;
            current = null;
            config = null;
        }
        if (last != null) {
            destroy(last);
        }
    }

    /** The generation serving now, entered: the caller must {@link #leave} it. */
    private Generation enter() {
        while (true) {
            Generation g = current;
            if (g == null) {
                return null;
            }
            g.inFlight.incrementAndGet();
            if (g == current) {
                return g; // a retiring generation waits for this request, since it was entered before the swap
            }
            g.inFlight.decrementAndGet();
        }
    }

    /** How much of a refused body is read and dropped so the client gets its 413; past it the connection is just closed. */
    static final long DRAIN_LIMIT_BYTES = 8L * JsonProvider.MAX_BODY_BYTES;

    private static void drain(HttpServletRequest request, long limit) {
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try {
            java.io.InputStream in = request.getInputStream();
            for (int n; read < limit && (n = in.read(buffer)) != -1; ) {
                read += n;
            }
        } catch (IOException e) {
            // the client went away or stopped sending: nothing more to do
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (request.getContentLengthLong() > JsonProvider.MAX_BODY_BYTES) {
            // answered before the body is read: then read (and drop) the body, up to a bound, before the connection is
            // closed — closing with unread bytes makes the kernel reset it, and the client loses the 413 it was sent
            // (seen in AccountsIT: "header parser received no bytes" for a 2 MB body)
            response.setHeader("Connection", "close");
            ServletErrors.write(response, 413, "body_too_large", "The request body is larger than "
                    + JsonProvider.MAX_BODY_BYTES / 1024 + " KiB", 0);
            response.flushBuffer();
            drain(request, DRAIN_LIMIT_BYTES);
            return;
        }
        Generation generation = enter();
        if (generation == null) {
            ServletErrors.write(response, 503, "unavailable", "The API is starting: try again in a moment", 1);
            return;
        }
        try {
            ClientAddresses trusted = clients.get();
            // Jersey exposes servlet request attributes as request properties
            request.setAttribute(RequestCaller.CLIENT_ADDRESS, trusted.of(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For")));
            request.setAttribute(RequestCaller.PUBLIC_ORIGIN, PublicOrigin.of(request, trusted));
            generation.jersey.service(request, response);
        } catch (ServletException | RuntimeException e) {
            // what escaped Jersey's own mapping (a failure while writing an answer): JSON, never Jetty's HTML page
            if (!ServletErrors.answer(LOG, response, e)) {
                throw e;
            }
        } finally {
            generation.inFlight.decrementAndGet();
        }
    }
}
