package dev.parley.pushrelay.push;

/**
 * The HTTP version a {@link ProviderClient} speaks. Over {@code http://} (local servers, proxies)
 * {@link #H2} means h2c with prior knowledge, since there is no ALPN to negotiate with.
 */
public enum WireProtocol {
    /** HTTP/2 only: ALPN h2 over TLS, prior-knowledge h2c in clear text. */
    H2,
    /** HTTP/1.1 only, on keep-alive connections: one request in flight per connection. */
    HTTP1,
    /** HTTP/1.1 in clear text; over TLS whatever ALPN settles on (h2 or HTTP/1.1). */
    NEGOTIATED
}
