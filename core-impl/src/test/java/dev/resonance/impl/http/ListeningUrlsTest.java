package dev.resonance.impl.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningUrlsTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void everyInterfaceMeansLocalhostAndEachNetworkAddress() throws Exception {
        List<InetAddress> nics = List.of(ip("127.0.0.1"), ip("192.168.1.20"), ip("10.0.0.5"), ip("::1"), ip("fe80::1"),
                ip("2001:db8::7"));

        assertThat(ListeningUrls.of("0.0.0.0", 8080, nics))
                .containsExactly("http://localhost:8080/", "http://192.168.1.20:8080/", "http://10.0.0.5:8080/");
        assertThat(ListeningUrls.of("::", 8080, nics)).containsExactly("http://localhost:8080/", "http://192.168.1.20:8080/",
                "http://10.0.0.5:8080/", "http://[2001:db8:0:0:0:0:0:7]:8080/");
    }

    @Test
    void aBoundAddressIsPrintedAsItIs() throws Exception {
        assertThat(ListeningUrls.of("127.0.0.1", 9090, List.of(ip("192.168.1.20")))).containsExactly("http://127.0.0.1:9090/");
        assertThat(ListeningUrls.of("10.0.0.5, ::1", 80, List.of())).containsExactly("http://10.0.0.5:80/", "http://[::1]:80/");
    }
}
