package dev.parley.common.csp.extension;

import java.nio.charset.StandardCharsets;

/**
 * Extension 0x00, client-info (PROTOCOLS.md §5.3): a UTF-8 string, kept verbatim;
 * {@link #parsed()} splits it into fields.
 *
 * @param clientInfo the raw string
 */
public record ClientInfoExtension(String clientInfo) implements LoginExtension {

    public ClientInfoExtension {
        if (clientInfo == null
                || clientInfo.getBytes(StandardCharsets.UTF_8).length > LoginExtensions.MAX_PAYLOAD) {
            throw new IllegalArgumentException("client info missing or too long");
        }
    }

    public ClientInfo parsed() {
        return ClientInfo.parse(clientInfo);
    }

    @Override
    public int type() {
        return TYPE_CLIENT_INFO;
    }

    @Override
    public byte[] encodePayload() {
        return clientInfo.getBytes(StandardCharsets.UTF_8);
    }
}
