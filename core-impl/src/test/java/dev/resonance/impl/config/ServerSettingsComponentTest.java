package dev.resonance.impl.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.config.ServerSettings;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A change of the server PID replaces the {@link ServerSettings} service (its dependants restart) only when the
 * settings changed: the metrics token, read by the {@code /metrics} route itself, restarts nothing.
 */
class ServerSettingsComponentTest {

    @TempDir
    Path data;

    /** What was registered, and what of it is still registered. */
    private final List<Object> registered = new ArrayList<>();
    private final List<Object> live = new ArrayList<>();

    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                Object service = args[1];
                registered.add(service);
                live.add(service);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                        (registration, call, none) -> {
                            if (call.getName().equals("unregister")) {
                                live.remove(service);
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
    void aNewMetricsTokenLeavesTheSettingsServiceAlone() throws Exception {
        ServerSettingsComponent component = new ServerSettingsComponent(context, config(8080, "one"));

        component.modified(config(8080, "two"));

        assertThat(settings(registered)).hasSize(1);
        assertThat(settings(live)).hasSize(1);
    }

    @Test
    void newSettingsReplaceTheServiceSoThatDependantsRestartWithThem() throws Exception {
        ServerSettingsComponent component = new ServerSettingsComponent(context, config(8080, ""));

        component.modified(config(9090, ""));

        assertThat(settings(registered)).hasSize(2);
        assertThat(settings(live)).singleElement().satisfies(s -> assertThat(s.httpPort()).isEqualTo(9090));
        component.deactivate();
        assertThat(live).isEmpty();
    }
}
