package dev.parley.safe.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.crypto.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {

    @Test
    void hashIsPbkdf2Sha256OfThePasswordWithTheStoredSalt() {
        String encoded = PasswordHashes.hash("hunter2", 10_000);

        assertThat(encoded).startsWith("{pbkdf2-sha256}10000$");
        String[] parts = encoded.substring("{pbkdf2-sha256}".length()).split("\\$");
        byte[] expected = PasswordHash.pbkdf2Sha256("hunter2".getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(parts[1]), 10_000, 32);
        assertThat(Base64.getDecoder().decode(parts[2])).isEqualTo(expected);
        assertThat(PasswordHashes.hash("hunter2", 10_000)).isNotEqualTo(encoded);
    }

    @Test
    void basicUsersVerifyTheRightPasswordOnlyAndRememberIt() {
        BasicUsers users = new BasicUsers(Map.of("alice", PasswordHashes.hash("right", 10_000)));

        assertThat(users.verifiedBefore("alice", "right")).isFalse();
        assertThat(users.verify("alice", "wrong")).isFalse();
        assertThat(users.verify("bob", "right")).isFalse();
        assertThat(users.verify("alice", "right")).isTrue();
        assertThat(users.verifiedBefore("alice", "right")).isTrue();
        assertThat(users.verifiedBefore("alice", "Right")).isFalse();
        assertThat(users.verify("alice", "Right")).isFalse();
    }

    @Test
    void malformedHashesAreRefusedAtStartUpNamingTheUser() {
        for (String bad : new String[] {"plain", "{bcrypt}$2a$10$x", "{pbkdf2-sha256}100$AAAAAAAAAAA$AAAA",
                "{pbkdf2-sha256}x$a$b", "{pbkdf2-sha256}10000$AAAAAAAAAAA="}) {
            assertThatThrownBy(() -> new BasicUsers(Map.of("carol", bad)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("parley.safe.auth.basic.users.carol");
        }
    }
}
