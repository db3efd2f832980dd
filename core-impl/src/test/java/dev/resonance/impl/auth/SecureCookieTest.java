package dev.resonance.impl.auth;

import dev.resonance.impl.http.RateLimiter;
import dev.resonance.impl.http.AccessPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.http.ApiServletContainer;
import dev.resonance.impl.http.ClientAddresses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in cookies on a real Jetty (plain HTTP, as behind a TLS-terminating proxy): {@code Secure} when a trusted proxy
 * says the browser used HTTPS ({@code X-Forwarded-Proto} or RFC 7239 {@code Forwarded}), never because anyone else says so.
 */
class SecureCookieTest {

    private ApiHarness api;
    private Server jetty;

    @BeforeEach
    void start() {
        api = new ApiHarness();
        api.createUser("ada", "ada-password-1", "regular");
    }

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
        api.close();
    }

    private String serve(ClientAddresses trusted) throws Exception {
        jetty = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new ApiServletContainer(api.application(new AccessPolicy(Map.of(), List.of(), trusted)),
                trusted)), "/api/*");
        jetty.setHandler(context);
        jetty.start();
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/api/v1/auth/login";
    }

    private static List<String> loginCookies(String url, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"ada\",\"password\":\"ada-password-1\",\"deviceId\":\"web-1\",\"deviceType\":\"web\"}"));
        if (header != null) {
            request.header(header, value);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> cookies = response.headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(2);
        return cookies;
    }

    @Test
    void behindATrustedTlsProxyCookiesAreSecure() throws Exception {
        String url = serve(ClientAddresses.parse("127.0.0.1"));

        assertThat(loginCookies(url, "X-Forwarded-Proto", "https")).allSatisfy(c -> assertThat(c).endsWith("; Secure"));
        assertThat(loginCookies(url, "Forwarded", "for=203.0.113.7;proto=https;host=music.example.org"))
                .allSatisfy(c -> assertThat(c).endsWith("; Secure"));
        assertThat(loginCookies(url, null, null)).allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
    }

    @Test
    void fromAnUntrustedClientTheForwardedSchemeIsIgnored() throws Exception {
        String url = serve(ClientAddresses.DIRECT);

        assertThat(loginCookies(url, "X-Forwarded-Proto", "https")).allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
        assertThat(loginCookies(url, "Forwarded", "proto=https")).allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
    }
}
