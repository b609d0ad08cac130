package dev.parley.client.safe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.encoding.Hex;
import dev.parley.common.identity.ThreemaId;
import org.junit.jupiter.api.Test;

class SafeKeysTest {

    /** Expected values computed independently with Python's hashlib.scrypt (OpenSSL) at N=65536, r=8, p=1. */
    @Test
    void derivesBackupIdAndKeyFromScryptOfPasswordSaltedWithIdentity() {
        SafeKeys keys = SafeKeys.derive(ThreemaId.of("ECHOECHO"), "correct horse battery staple");

        assertThat(keys.backupIdHex()).isEqualTo("1a58dd93f7f8c76fad335bc1cf20e48a973c3a9b21b35b445a4f17a4446f5858");
        assertThat(Hex.encode(keys.encryptionKey()))
                .isEqualTo("198a454213a5af85ae86b8363f295551cfcb1fd771cb34a0f5b6a88348c0d17e");
        assertThat(keys.toString()).doesNotContain("1a58dd93").doesNotContain("198a4542");
    }
}
