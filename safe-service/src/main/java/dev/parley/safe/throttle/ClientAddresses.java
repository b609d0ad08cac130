package dev.parley.safe.throttle;

import dev.parley.safe.SafeProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The client address a request is throttled by. It is the socket peer, unless the peer is a
 * configured trusted proxy: then it is the right-most {@code X-Forwarded-For} entry that is not
 * itself a trusted proxy (entries further left are whatever the client chose to send).
 *
 * <p>IPv6 clients are keyed by their /64 network, the block one subscriber usually gets, so that
 * rotating addresses inside it does not buy fresh buckets.
 */
@Component
public class ClientAddresses {

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int MAX_FORWARDED_CHARS = 2048;

    private final List<Cidr> trustedProxies;

    public ClientAddresses(SafeProperties properties) {
        List<Cidr> parsed = new ArrayList<>();
        for (String entry : properties.clientIp().trustedProxies()) {
            parsed.add(Cidr.parse(entry));
        }
        this.trustedProxies = List.copyOf(parsed);
    }

    /** The throttling key for this request's client, e.g. {@code 192.0.2.7} or {@code 2001:db8:0:1:0:0:0:0/64}. */
    public String clientKey(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return "unknown";
        }
        InetAddress client = isTrusted(peer) ? forwardedClient(request).orElse(peer) : peer;
        return key(client);
    }

    private Optional<InetAddress> forwardedClient(ServerHttpRequest request) {
        List<String> headers = request.getHeaders().get(FORWARDED_FOR);
        if (headers == null || headers.isEmpty()) {
            return Optional.empty();
        }
        String joined = String.join(",", headers);
        if (joined.length() > MAX_FORWARDED_CHARS) {
            return Optional.empty();
        }
        String[] entries = joined.split(",");
        InetAddress leftmost = null;
        for (int i = entries.length - 1; i >= 0; i--) {
            Optional<InetAddress> address = literal(entries[i].trim());
            if (address.isEmpty()) {
                return Optional.empty();
            }
            leftmost = address.get();
            if (!isTrusted(leftmost)) {
                return address;
            }
        }
        return Optional.ofNullable(leftmost);
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr proxy : trustedProxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] network = address.getAddress();
            java.util.Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }

    /** Parses an IP literal only; anything that could be a host name is refused, so no DNS lookup happens. */
    static Optional<InetAddress> literal(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v6 = bare.indexOf(':') >= 0;
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok) {
                return Optional.empty();
            }
        }
        if (!v6 && bare.chars().filter(c -> c == '.').count() != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address range such as {@code 10.0.0.0/8}, or a single address. */
    record Cidr(byte[] network, int prefixLength) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String addressPart = slash < 0 ? text.trim() : text.substring(0, slash).trim();
            InetAddress address = literal(addressPart)
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + text));
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1).trim());
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
