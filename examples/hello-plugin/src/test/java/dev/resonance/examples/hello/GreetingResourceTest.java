package dev.resonance.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.resonance.plugin.testkit.PluginHarness;
import java.security.Principal;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

class GreetingResourceTest {

    private final PluginHarness plugin = PluginHarness.load();
    private final GreetingResource resource = new GreetingResource(plugin.storage());

    @Test
    void greetsTheCallerByNameAndCountsTheirGreetings() {
        assertEquals(new GreetingResource.Greeting("Hello, alice!", 1), resource.greet(signedIn("alice")));
        assertEquals(new GreetingResource.Greeting("Hello, alice!", 2), resource.greet(signedIn("alice")));
        assertEquals(new GreetingResource.Greeting("Hello, bob!", 1), resource.greet(signedIn("bob")));
    }

    @Test
    void theCountIsKeptInThePluginsStoreNotInTheResource() {
        resource.greet(signedIn("alice"));

        GreetingResource afterAnUpgrade = new GreetingResource(plugin.storage());

        assertEquals(2, afterAnUpgrade.greet(signedIn("alice")).greetings());
    }

    private static SecurityContext signedIn(String username) {
        Principal principal = () -> username;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }
}
