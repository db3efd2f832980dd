package dev.resonance.impl.http;

import java.util.List;
import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Tells the site which route template answered ({@code /api/v1/content/albums/{id}}), for the {@code route} label
 * of {@code http_server_requests_seconds}: the template, never the path, so the label has as many values as the API
 * has endpoints and not one per album. A request no resource matched is {@code unmatched}. The template travels as a
 * request property, which Jersey keeps in the servlet request's attributes, where {@link SiteServlet} reads it.
 */
@Priority(1) // response filters run in reverse order of priority: this one last, after the mapped errors' answers
public final class RouteTemplateFilter implements ContainerResponseFilter {

    /** The servlet request attribute holding the route template; routes that are not Jersey set it themselves. */
    public static final String ATTRIBUTE = RouteTemplateFilter.class.getName() + ".route";
    /** The route of a request no endpoint matched. */
    public static final String UNMATCHED = "unmatched";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo() instanceof ExtendedUriInfo info) {
            request.setProperty(ATTRIBUTE, template(base(info.getBaseUri().getRawPath()), info.getMatchedTemplates()));
        }
    }

    /** The application's path ("/api"), without its trailing slash. */
    private static String base(String basePath) {
        return basePath == null || basePath.equals("/") ? "" : basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    }

    /** {@code base} and the matched templates (Jersey lists them innermost first) from the outermost in. */
    static String template(String base, List<UriTemplate> matched) {
        if (matched.isEmpty()) {
            return UNMATCHED;
        }
        StringBuilder route = new StringBuilder(base);
        for (int i = matched.size() - 1; i >= 0; i--) {
            String part = matched.get(i).getTemplate();
            if (!part.isEmpty() && !part.equals("/")) {
                route.append(part.startsWith("/") ? "" : "/").append(part.endsWith("/") ? part.substring(0, part.length() - 1) : part);
            }
        }
        return route.length() == 0 ? "/" : route.toString();
    }
}
