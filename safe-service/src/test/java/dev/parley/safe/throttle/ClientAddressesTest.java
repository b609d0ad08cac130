package dev.parley.safe.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.safe.SafeProperties;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which address a request is throttled by, for direct clients and behind trusted proxies. */
class ClientAddressesTest {

    private static ClientAddresses trusting(String... proxies) {
        SafeProperties properties = new SafeProperties(null, null, null, "/", 1, 1, null, null, null,
                new SafeProperties.ClientIp(List.of(proxies)),
                new SafeProperties.Auth(new SafeProperties.Basic(false, "r", Map.of()), new SafeProperties.Token(false)));
        return new ClientAddresses(properties);
    }

    private static MockServerHttpRequest.BaseBuilder<?> from(String peer) {
        return MockServerHttpRequest.get("/config").remoteAddress(new InetSocketAddress(peer, 40000));
    }

    @Test
    void withoutTrustedProxiesTheSocketPeerIsTheClientWhateverTheHeaderSays() {
        ClientAddresses addresses = trusting();

        assertThat(addresses.clientKey(from("192.0.2.1").header("X-Forwarded-For", "203.0.113.5").build()))
                .isEqualTo("192.0.2.1");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedEntryIsTheClient() {
        ClientAddresses addresses = trusting("10.0.0.0/8", "192.168.1.1");

        assertThat(addresses.clientKey(from("10.1.2.3").header("X-Forwarded-For", "203.0.113.5").build()))
                .isEqualTo("203.0.113.5");
        assertThat(addresses.clientKey(from("10.1.2.3").header("X-Forwarded-For", "6.6.6.6, 203.0.113.5, 192.168.1.1").build()))
                .isEqualTo("203.0.113.5");
        assertThat(addresses.clientKey(from("10.1.2.3").header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-For", "203.0.113.5").build()))
                .isEqualTo("203.0.113.5");
        // A peer outside the trusted ranges is not believed.
        assertThat(addresses.clientKey(from("11.0.0.1").header("X-Forwarded-For", "203.0.113.5").build()))
                .isEqualTo("11.0.0.1");
    }

    @Test
    void malformedOrHostNameEntriesFallBackToThePeer() {
        ClientAddresses addresses = trusting("10.0.0.0/8");

        assertThat(addresses.clientKey(from("10.0.0.1").header("X-Forwarded-For", "evil.example.org").build()))
                .isEqualTo("10.0.0.1");
        assertThat(addresses.clientKey(from("10.0.0.1").header("X-Forwarded-For", "203.0.113.5, unknown").build()))
                .isEqualTo("10.0.0.1");
        assertThat(addresses.clientKey(from("10.0.0.1").header("X-Forwarded-For", "1.2.3.4,".repeat(400)).build()))
                .isEqualTo("10.0.0.1");
        assertThat(addresses.clientKey(from("10.0.0.1").build())).isEqualTo("10.0.0.1");
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64() {
        ClientAddresses addresses = trusting("10.0.0.0/8");

        assertThat(addresses.clientKey(from("2001:db8:1:2:aaaa:bbbb:cccc:dddd").build()))
                .isEqualTo(addresses.clientKey(from("2001:db8:1:2::1").build()))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(addresses.clientKey(from("10.0.0.1").header("X-Forwarded-For", "[2001:db8:9::7]").build()))
                .isEqualTo("2001:db8:9:0:0:0:0:0/64");
    }

    @Test
    void rangesMatchOnTheirPrefixOnly() {
        ClientAddresses.Cidr range = ClientAddresses.Cidr.parse("172.16.0.0/12");

        assertThat(range.contains(ClientAddresses.literal("172.31.255.255").orElseThrow())).isTrue();
        assertThat(range.contains(ClientAddresses.literal("172.32.0.0").orElseThrow())).isFalse();
        assertThat(range.contains(ClientAddresses.literal("::1").orElseThrow())).isFalse();
        assertThatThrownBy(() -> ClientAddresses.Cidr.parse("proxy.internal")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddresses.Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
