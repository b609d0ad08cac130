package dev.parley.chat.csp;

import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.identity.ThreemaId;
import dev.parley.service.jdbc.BlockingJdbc;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Device cookies (PROTOCOLS.md §5.3): the server keeps the last cookie an identity logged in with.
 * A login with a different one (a missing cookie counts as all zeros once one was stored) means
 * another device may be using the identity: the change flag is set, and every login gets
 * device-cookie-change-indication (0xd2) until the client clears it with 0xd3.
 */
@Component
class DeviceCookies {

    private static final byte[] NONE = new byte[16];

    private final BlockingJdbc jdbc;

    DeviceCookies(BlockingJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the login's cookie; emits true when the client must be told of a change. */
    Mono<Boolean> loggedIn(ThreemaId identity, Optional<byte[]> presented) {
        return jdbc.call(client -> {
            var stored = client.sql("SELECT cookie, change_indicated FROM device_cookies WHERE identity = ?")
                    .param(identity.toString())
                    .query((rs, row) -> new Object[] {rs.getBytes("cookie"), rs.getBoolean("change_indicated")})
                    .optional();
            if (stored.isEmpty()) {
                presented.ifPresent(cookie -> client.sql("INSERT INTO device_cookies (identity, cookie) VALUES (?, ?) "
                        + "ON CONFLICT (identity) DO NOTHING").params(identity.toString(), cookie).update());
                return false;
            }
            byte[] previous = (byte[]) stored.get()[0];
            boolean flagged = (boolean) stored.get()[1];
            boolean changed = !ConstantTime.equals(previous, presented.orElse(NONE));
            if (changed) {
                client.sql("UPDATE device_cookies SET cookie = ?, change_indicated = change_indicated OR ?, "
                                + "updated_at = now() WHERE identity = ?")
                        .params(presented.orElse(previous), changed, identity.toString()).update();
            }
            return flagged || changed;
        });
    }

    /** The client acknowledged the change (0xd3). */
    Mono<Void> cleared(ThreemaId identity) {
        return jdbc.call(client -> client.sql("UPDATE device_cookies SET change_indicated = false WHERE identity = ?")
                .param(identity.toString()).update()).then();
    }
}
