package dev.resonance.test.contribution;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.http.SocketEndpoint;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/** A WebSocket at the plugin's path: greets the caller and answers each message in capitals. */
@Component(service = SocketEndpoint.class, property = {"resonance.http.path=/api/plugins/test-contribution/shout",
        "resonance.http.access=signed-in", "resonance.http.name=test-contribution-shout"})
public final class Shout implements SocketEndpoint {

    @Override
    public Listener open(Optional<Caller> caller, Socket socket) {
        socket.send("hello " + caller.map(Caller::username).orElse("nobody"));
        return text -> socket.send(text.toUpperCase(Locale.ROOT));
    }
}
