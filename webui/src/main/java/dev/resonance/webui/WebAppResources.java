package dev.resonance.webui;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * Serves the built web app (the {@code webui/} folder of this bundle, written there by Vite) at the
 * site root through the OSGi HTTP whiteboard. The class has no code: the whiteboard reads the
 * service properties and pax-web registers a resource servlet for them.
 *
 * <p>Why {@code pattern = "/*"}: a path-prefix mapping on the root catches every request that no
 * other servlet claims, so {@code /index.html}, {@code /assets/...}, {@code /manifest.webmanifest}
 * all come from this bundle. Servlet mapping picks the longest matching path prefix first, so the
 * core's more specific registrations ({@code /api/*}, {@code /health/*}, {@code /stream/*}, ...)
 * always win over it, whatever the service ranking. {@code prefix = "/webui"} keeps the lookup
 * inside the app folder, so no other bundle entry ({@code META-INF/}, {@code OSGI-INF/}, classes)
 * can ever be served. The site root "/" itself is a directory, for which pax-web has no welcome
 * file here: {@link WebAppRootFilter} forwards it to {@code /index.html}.
 */
@Component(service = WebAppResources.class, immediate = true)
@HttpWhiteboardResource(pattern = "/*", prefix = "/webui")
public final class WebAppResources {
}
