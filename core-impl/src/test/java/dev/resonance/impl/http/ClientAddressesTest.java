package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final ClientAddresses PROXIES = ClientAddresses.parse(" 10.0.0.0/8 , 192.168.1.5, ::1 ");

    private static String client(ClientAddresses addresses, String remote, String... headers) {
        return addresses.of(remote, Collections.enumeration(List.of(headers)));
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(client(ClientAddresses.DIRECT, "10.1.2.3", "203.0.113.7")).isEqualTo("10.1.2.3");
        assertThat(client(ClientAddresses.parse(""), "10.1.2.3", "203.0.113.7")).isEqualTo("10.1.2.3");
    }

    @Test
    void aClientThatIsNotATrustedProxyCannotChooseItsAddress() {
        assertThat(client(PROXIES, "203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void throughTrustedProxiesTheClientIsTheLastAddressThatIsNotOne() {
        assertThat(client(PROXIES, "10.0.0.2", "203.0.113.7")).isEqualTo("203.0.113.7");
        // a client's own made-up entries sit left of what the proxies appended: they are never reached
        assertThat(client(PROXIES, "10.0.0.2", "1.1.1.1, 203.0.113.7, 192.168.1.5")).isEqualTo("203.0.113.7");
        assertThat(client(PROXIES, "::1", "1.1.1.1", "203.0.113.7,10.9.9.9")).isEqualTo("203.0.113.7");
        assertThat(client(PROXIES, "10.0.0.2", "[2001:db8::7]")).isEqualTo("[2001:db8::7]");
    }

    @Test
    void whenEveryHopIsTrustedOrTheHeaderIsGarbageTheLastKnownAddressIsUsed() {
        assertThat(client(PROXIES, "10.0.0.2", "10.0.0.3")).isEqualTo("10.0.0.3");
        assertThat(client(PROXIES, "10.0.0.2")).isEqualTo("10.0.0.2");
        assertThat(client(PROXIES, "10.0.0.2", "unknown")).isEqualTo("10.0.0.2");
        assertThat(client(PROXIES, "10.0.0.2", "203.0.113.7, evil.example.org, 10.0.0.3")).isEqualTo("10.0.0.3");
        assertThat(client(PROXIES, "10.0.0.2", "999.1.1.1")).isEqualTo("10.0.0.2");
    }

    @Test
    void entriesThatAreNotAddressesOrNetworksAreRefusedWithTheirText() {
        assertThatThrownBy(() -> ClientAddresses.parse("proxy.example.org")).hasMessageContaining("'proxy.example.org'");
        assertThatThrownBy(() -> ClientAddresses.parse("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> ClientAddresses.parse("10.0.0.0/x")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> ClientAddresses.parse("300.0.0.1")).hasMessageContaining("'300.0.0.1'");
    }
}
