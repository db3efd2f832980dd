package dev.resonance.plugin.subsonic.system;

import dev.resonance.plugin.subsonic.protocol.Extension;
import dev.resonance.plugin.subsonic.protocol.Method;
import dev.resonance.plugin.subsonic.protocol.MethodGroup;
import dev.resonance.plugin.subsonic.protocol.Reply;
import dev.resonance.plugin.subsonic.response.Node;
import java.util.List;
import java.util.function.Supplier;

/**
 * System: {@code ping} (checks the credentials), {@code getLicense} (always valid: there is nothing to buy) and
 * {@code getOpenSubsonicExtensions}, answered without credentials as OpenSubsonic requires, listing the extensions
 * this server really implements — now: an extension offered only at times is listed only while it is.
 */
public final class SystemMethods implements MethodGroup {

    private final Supplier<List<Extension>> extensions;

    /**
     * {@code extensions}: every extension the server offers now, in the order to list them (asked at each call: some
     * are offered only at times, {@code sonicSimilarity} while a recommender plugin is enabled).
     */
    public SystemMethods(Supplier<List<Extension>> extensions) {
        this.extensions = extensions;
    }

    @Override
    public List<Method> methods() {
        return List.of(
            Method.signedIn("ping", call -> Reply.empty()),
            Method.signedIn("getLicense", call -> Reply.of(Node.of("license").attr("valid", true))),
            Method.open("getOpenSubsonicExtensions", call -> response -> response.requiredList("openSubsonicExtensions",
                extensions.get().stream().map(e -> Node.of("openSubsonicExtensions").attr("name", e.name())
                    .values("versions", e.versions())).toList())));
    }
}
