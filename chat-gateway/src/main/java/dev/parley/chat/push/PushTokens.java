package dev.parley.chat.push;

import dev.parley.common.csp.payload.DeletePushToken;
import dev.parley.common.csp.payload.PushToken;
import dev.parley.common.identity.ThreemaId;
import dev.parley.service.jdbc.BlockingJdbc;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The push tokens clients register (0x20 regular, 0x24 high priority, 0x25 delete, §5.5), per
 * identity and csp-device-id (0 without multi-device). Type 0x00 with an empty token clears one,
 * as Android does.
 */
@Component
public class PushTokens {

    public enum Kind { REGULAR, HIGH_PRIORITY }

    private final BlockingJdbc jdbc;

    public PushTokens(BlockingJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Mono<Void> set(ThreemaId identity, long deviceId, Kind kind, PushToken token) {
        if (token.type() == 0 || token.token().length == 0) {
            return jdbc.call(client -> client.sql("DELETE FROM push_tokens WHERE identity = ? AND device_id = ? AND kind = ?")
                    .params(identity.toString(), deviceId, kind.ordinal()).update()).then();
        }
        return jdbc.call(client -> client.sql("INSERT INTO push_tokens (identity, device_id, kind, token_type, token) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (identity, device_id, kind) DO UPDATE "
                        + "SET token_type = EXCLUDED.token_type, token = EXCLUDED.token, updated_at = now()")
                .params(identity.toString(), deviceId, kind.ordinal(), token.type(), token.token()).update()).then();
    }

    /** Deletes the tokens of the listed devices, or of every device but {@code ownDeviceId} when the list is empty. */
    public Mono<Void> delete(ThreemaId identity, long ownDeviceId, DeletePushToken request) {
        return jdbc.call(client -> {
            if (request.allOtherDevices()) {
                return client.sql("DELETE FROM push_tokens WHERE identity = ? AND device_id <> ?")
                        .params(identity.toString(), ownDeviceId).update();
            }
            int deleted = 0;
            for (long device : request.cspDeviceIds()) {
                deleted += client.sql("DELETE FROM push_tokens WHERE identity = ? AND device_id = ?")
                        .params(identity.toString(), device).update();
            }
            return deleted;
        }).then();
    }

    /** How many tokens the identity has registered (for operators and tests). */
    public Mono<Long> count(ThreemaId identity) {
        return jdbc.call(client -> client.sql("SELECT count(*) FROM push_tokens WHERE identity = ?")
                .param(identity.toString()).query(Long.class).single());
    }
}
