package dev.resonance.impl.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The URLs the server can be reached at, for the start-up line: with a wildcard bind address (0.0.0.0, ::) every
 * non-loopback address of the machine's interfaces plus localhost, otherwise the one bound address. Printing
 * {@code http://localhost:8080/} while listening on every interface hid that the server was open to the network.
 */
public final class ListeningUrls {

    private ListeningUrls() {
    }

    /** For {@code bindAddresses} (comma-separated, as pax-web's {@code org.ops4j.pax.web.listening.addresses}) and this machine. */
    public static List<String> of(String bindAddresses, int port) {
        return of(bindAddresses, port, interfaceAddresses());
    }

    static List<String> of(String bindAddresses, int port, List<InetAddress> interfaces) {
        List<String> urls = new ArrayList<>();
        for (String raw : (bindAddresses == null || bindAddresses.isBlank() ? "0.0.0.0" : bindAddresses).split(",")) {
            String bind = raw.strip();
            if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") || bind.equals("0:0:0:0:0:0:0:0")) {
                add(urls, "http://localhost:" + port + "/");
                interfaces.stream()
                        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                        .filter(a -> bind.equals("0.0.0.0") ? a instanceof Inet4Address : true)
                        .sorted(Comparator.comparing((InetAddress a) -> a instanceof Inet6Address))
                        .forEach(a -> add(urls, url(a, port)));
            } else if (!bind.isEmpty()) {
                add(urls, "http://" + (bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind) + ":" + port + "/");
            }
        }
        return urls;
    }

    private static String url(InetAddress address, int port) {
        String host = address.getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return "http://" + (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port + "/";
    }

    private static void add(List<String> urls, String url) {
        if (!urls.contains(url)) {
            urls.add(url);
        }
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    addresses.addAll(Collections.list(nic.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            // no interface list: localhost is still printed
        }
        return addresses;
    }
}
