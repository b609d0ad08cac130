package dev.parley.client.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ContactHashingTest {

    private static byte[] hmac(String keyHex, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(java.util.HexFormat.of().parseHex(keyHex), "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void emailIsNormalisedThenHashedWithTheEmailKey() throws Exception {
        assertThat(ContactHashing.email(" Alice@Example.ORG "))
                .isEqualTo(hmac("30a5500fed9701fa6defdb610841900febb8e430881f7ad816826264ec09bad7", "alice@example.org"));
    }

    @Test
    void phoneHashesTheDigitsWithThePhoneKey() throws Exception {
        assertThat(ContactHashing.phone("+41 79 123 45 67"))
                .isEqualTo(hmac("85adf8226953f3d96cfd5d09bf29555eb955fcd8aa5ec4f9fcd869e258370723", "41791234567"));
    }

    @Test
    void revocationKeyIsTheFirstFourBytesOfSha256() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("pw".getBytes(StandardCharsets.UTF_8));
        assertThat(DirectoryClient.revocationKey("pw")).isEqualTo(Base64.getEncoder().encodeToString(Arrays.copyOf(sha, 4)))
                .hasSize(8);
    }
}
