package dev.parley.safe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.safe.SafeBackups;
import dev.parley.client.safe.SafeClient;
import dev.parley.client.safe.SafeKeys;
import dev.parley.client.safe.SafeServerConfig;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.identity.ThreemaId;
import java.net.http.HttpClient;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Back up through the client SDK, then restore on a "new device" from identity and password alone. */
class SafeEndToEndTest extends OpenSafeServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ThreemaId IDENTITY = ThreemaId.of("ECHOECHO");

    private static byte[] backupJson(String nickname, int contacts) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("info").put("version", 1).put("device", "parley-test/en_GB");
        root.putObject("user").put("privatekey", Base64.getEncoder().encodeToString(CryptoRandom.bytes(32)))
                .put("nickname", nickname);
        var list = root.putArray("contacts");
        for (int i = 0; i < contacts; i++) {
            list.addObject().put("identity", String.format("ABCD%04d", i))
                    .put("publickey", Base64.getEncoder().encodeToString(CryptoRandom.bytes(32)))
                    .put("verification", i % 3);
        }
        return JSON.writeValueAsBytes(root);
    }

    @Test
    void backUpThenRestoreOnANewDevice() {
        String password = "Safe password " + System.nanoTime();
        byte[] json = backupJson("Ørjan 🦊", 50);

        SafeBackups phone = new SafeBackups(SafeClient.forServer(HttpClient.newHttpClient(), baseUrl()));
        SafeKeys keys = SafeBackups.keys(IDENTITY, password);
        assertThat(phone.backup(keys, json)).isEqualTo(SafeClient.PutResult.CREATED);
        assertThat(phone.backup(keys, json)).isEqualTo(SafeClient.PutResult.UPDATED);

        // A new device knows nothing but the server, the identity and the password.
        SafeClient newDeviceClient = SafeClient.forServer(HttpClient.newHttpClient(), baseUrl());
        SafeKeys newDeviceKeys = SafeBackups.keys(ThreemaId.of("ECHOECHO"), password);
        assertThat(newDeviceClient.exists(newDeviceKeys.backupIdHex())).isTrue();
        byte[] restored = new SafeBackups(newDeviceClient).restore(newDeviceKeys, 1 << 20).orElseThrow();

        JsonNode expected = JSON.readTree(json);
        assertThat(JSON.readTree(restored)).isEqualTo(expected);
        assertThat(JSON.readTree(restored).at("/user/nickname").asString()).isEqualTo("Ørjan 🦊");

        // Another password addresses another backup ID: nothing there.
        SafeKeys wrong = SafeBackups.keys(IDENTITY, password + "!");
        assertThat(new SafeBackups(newDeviceClient).restore(wrong, 1 << 20)).isEmpty();

        assertThat(newDeviceClient.delete(newDeviceKeys.backupIdHex())).isTrue();
        assertThat(newDeviceClient.exists(newDeviceKeys.backupIdHex())).isFalse();
        assertThat(newDeviceClient.delete(newDeviceKeys.backupIdHex())).isFalse();
    }

    @Test
    void theClientReadsTheServerConfigAndRefusesToUploadAboveIt() {
        SafeClient client = SafeClient.forServer(HttpClient.newHttpClient(), baseUrl());
        assertThat(client.config()).isEqualTo(new SafeServerConfig(524288, 180));

        SafeKeys keys = new SafeKeys(CryptoRandom.bytes(32), CryptoRandom.bytes(32));
        // Random contact keys do not shrink, and the gzip stores them as they are anyway.
        byte[] json = backupJson("big", 6000);
        assertThat(json.length).isGreaterThan(524288);

        assertThatThrownBy(() -> new SafeBackups(client).backup(keys, json))
                .isInstanceOf(SafeBackups.BackupTooLargeException.class);
        assertThat(client.exists(keys.backupIdHex())).isFalse();
    }
}
