package dev.parley.pushrelay.push;

import java.nio.charset.StandardCharsets;

/** Status, the one header we act on ({@code Retry-After}, null when absent) and the body of a provider answer. */
public record UpstreamResponse(int status, String retryAfter, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
