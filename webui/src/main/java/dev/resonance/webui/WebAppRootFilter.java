package dev.resonance.webui;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Makes {@code GET /} show the app: forwards the site root to {@code /index.html}, which
 * {@link WebAppResources} serves. Needed because the whiteboard's default context has no welcome
 * files in pax-web 8, so its resource servlet answers 403 for the directory "/"; and a servlet
 * on the empty (context-root) pattern does not help, pax-web maps it to the default servlet "/",
 * which the resource pattern "/*" outranks (both seen in Karaf 4.4.10, pax-web 8.0.34).
 * It also gives the web app manifest its Content-Type. Every other request passes through untouched.
 */
@Component(service = Filter.class, immediate = true)
@HttpWhiteboardFilterName("resonance-webui-root")
@HttpWhiteboardFilterPattern("/*")
public final class WebAppRootFilter implements Filter {

    static final String INDEX = "/index.html";

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && isSiteRoot(http)) {
            http.getRequestDispatcher(INDEX).forward(request, response);
            return;
        }
        if (request instanceof HttpServletRequest http && http.getRequestURI().endsWith(".webmanifest")) {
            // the resource servlet has no MIME type for it and would send none; browsers want this one
            response.setContentType("application/manifest+json");
        }
        chain.doFilter(request, response);
    }

    static boolean isSiteRoot(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.isEmpty() || path.equals("/");
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
