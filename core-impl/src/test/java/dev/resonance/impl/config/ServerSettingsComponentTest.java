package dev.resonance.impl.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.config.ServerSettings;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A change of the server PID is applied in place: the {@link ServerSettings} service stays (its dependants do not
 * restart), reads the new values, and its properties are updated so a dependant that cares can follow; the metrics
 * token never becomes a service property.
 */
@SuppressWarnings("unchecked")
class ServerSettingsComponentTest {

    @TempDir
    Path data;

    /** What was registered, and what of it is still registered. */
    private final List<Object> registered = new ArrayList<>();
    private final List<Object> live = new ArrayList<>();
    private final List<java.util.Dictionary<String, ?>> properties = new ArrayList<>();

    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                Object service = args[1];
                registered.add(service);
                live.add(service);
                properties.add((java.util.Dictionary<String, ?>) args[2]);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                        (registration, call, none) -> {
                            if (call.getName().equals("unregister")) {
                                live.remove(service);
                                return null;
                            }
                            if (call.getName().equals("setProperties")) {
                                properties.set(registered.indexOf(service), (java.util.Dictionary<String, ?>) none[0]);
                                return null;
                            }
                            throw new UnsupportedOperationException(call.getName());
                        });
            });

    private ServerConfig config(int port, String token) {
        Map<String, Object> values = Map.of("httpPort", port, "musicLibraryPath", "", "dataDirectory", data.toString(),
                "metricsToken", token);
        return (ServerConfig) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServerConfig.class},
                (proxy, method, args) -> values.get(method.getName()));
    }

    private List<ServerSettings> settings(List<Object> services) {
        return services.stream().filter(ServerSettings.class::isInstance).map(ServerSettings.class::cast).toList();
    }

    @Test
    void aChangeIsAppliedInPlaceAndPublishedInTheServiceProperties() throws Exception {
        ServerSettingsComponent component = new ServerSettingsComponent(context, new SimpleMeterRegistry(), config(8080, "one"));
        ServerSettings settings = settings(registered).get(0);

        component.modified(config(9090, "two"));

        assertThat(settings(registered)).as("the service is never replaced").hasSize(1);
        assertThat(settings(live)).containsExactly(settings);
        assertThat(settings.httpPort()).isEqualTo(9090);
        java.util.Dictionary<String, ?> published = properties.get(registered.indexOf(settings));
        assertThat(published.get("httpPort")).isEqualTo(9090);
        assertThat(java.util.Collections.list(published.keys())).doesNotContain("metricsToken");
        component.deactivate();
        assertThat(live).isEmpty();
    }
}
