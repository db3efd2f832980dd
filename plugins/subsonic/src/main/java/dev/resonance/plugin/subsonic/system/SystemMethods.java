package dev.resonance.plugin.subsonic.system;

import dev.resonance.plugin.subsonic.protocol.Extension;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.List;

/**
 * System: {@code ping} (checks the credentials), {@code getLicense} (always valid: there is nothing to buy) and
 * {@code getOpenSubsonicExtensions}, answered without credentials as OpenSubsonic requires, listing the extensions
 * this server really implements.
 */
public final class SystemMethods implements MethodGroup {

    private final List<Extension> extensions;

    /** {@code extensions}: every extension the server implements, in the order to list them. */
    public SystemMethods(List<Extension> extensions) {
        this.extensions = List.copyOf(extensions);
    }

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("ping", call -> Reply.empty()),
            Method.signedIn("getLicense", call -> Reply.of(Node.of("license").attr("valid", true))),
            Method.open("getOpenSubsonicExtensions", call -> response -> response.requiredList("openSubsonicExtensions",
                extensions.stream().map(e -> Node.of("openSubsonicExtensions").attr("name", e.name())
                    .values("versions", e.versions())).toList())));
    }
}
