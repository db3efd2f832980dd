package dev.resonance.impl.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client's address as rate limits and sign-in lockouts see it. Behind a reverse proxy every request comes from
 * the proxy, so one client's failures would lock everyone out; the proxies named in {@code trustedProxies} are
 * looked through: their {@code X-Forwarded-For} is read from the right, past every trusted hop, and the first address
 * that is not a trusted proxy is the client (what nginx's {@code real_ip_recursive} does). From anyone else the
 * header is ignored, so a client cannot choose its own address.
 */
public final class ClientAddresses {

    /** Trusts no proxy: the connection's address is the client's. */
    public static final ClientAddresses DIRECT = new ClientAddresses(List.of());

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Network(byte[] address, int prefix) {
        boolean contains(byte[] other) {
            if (other.length != address.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (other[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> trusted;

    private ClientAddresses(List<Network> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /**
     * Parses a comma-separated list of IP addresses and CIDR networks ({@code 10.0.0.0/8}, {@code ::1},
     * {@code 172.16.0.0/12}); empty trusts none.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or network (host names are
     *                                  refused: trusting a name would need DNS on every request)
     */
    public static ClientAddresses parse(String spec) {
        List<Network> networks = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] address = literal(host).orElseThrow(() -> new IllegalArgumentException(
                    "trustedProxies: '" + entry + "' is not an IP address or network (e.g. 10.0.0.0/8)"));
            int prefix;
            try {
                prefix = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("trustedProxies: '" + entry + "' has an invalid prefix length");
            }
            networks.add(new Network(address, prefix));
        }
        return new ClientAddresses(networks);
    }

    /** The client of a request that came from {@code remote} with these {@code X-Forwarded-For} headers (in order). */
    public String of(String remote, Enumeration<String> forwardedFor) {
        if (trusted.isEmpty() || !isTrusted(remote) || forwardedFor == null) {
            return remote;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(forwardedFor)) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = remote;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop).isEmpty()) {
                return client; // not an address (a proxy would not write that): the last trusted hop is all we know
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** Whether {@code remote} is one of the trusted proxies, whose forwarding headers may be believed. */
    public boolean trusts(String remote) {
        return !trusted.isEmpty() && isTrusted(remote);
    }

    /** Whether {@code address} is an IP literal of the loopback network (127.0.0.0/8, ::1); never asks DNS. */
    public static boolean isLoopback(String address) {
        Optional<byte[]> bytes = address == null ? Optional.empty() : literal(address);
        if (bytes.isEmpty()) {
            return false;
        }
        byte[] b = bytes.get();
        if (b.length == 4) {
            return b[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }

    private boolean isTrusted(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && trusted.stream().anyMatch(n -> n.contains(bytes.get()));
    }

    /** The bytes of an IP literal (IPv4-mapped IPv6 as IPv4); empty for anything else, without ever asking DNS. */
    private static Optional<byte[]> literal(String text) {
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (IPV4.matcher(host).matches()) {
            byte[] bytes = new byte[4];
            String[] octets = host.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(bytes);
        }
        if (!IPV6.matcher(host).matches()) {
            return Optional.empty();
        }
        try { // a text with a colon is only ever parsed as an IPv6 literal, never looked up
            return Optional.of(InetAddress.getByName(host).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
