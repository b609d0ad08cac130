package dev.parley.chat.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.parley.common.crypto.SecretBox;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.encoding.Hex;
import dev.parley.common.identity.ThreemaId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sealed APNs payload: what the iOS app opens with its key, and the relay request around it. */
class ApnsPayloadSealerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] KEY = IosPushTokenTest.sequence(0x40, 32);
    private static final ThreemaId ALICE = ThreemaId.of("ALICE123");
    private static final PushedMessage MESSAGE = new PushedMessage(ALICE, 0x0102030405060708L, "Alice");

    private static JsonNode open(byte[] key, ApnsPayloadSealer.Sealed sealed) {
        return JSON.readTree(SecretBox.open(key, sealed.nonce(), sealed.box()));
    }

    @Test
    void opensWithTheAppsKeyToTheFieldsTheAppReads() {
        JsonNode json = open(KEY, ApnsPayloadSealer.seal(KEY, new byte[24], MESSAGE));
        assertThat(json.properties()).hasSize(5);
        assertThat(json.get("cmd").asString()).isEqualTo("newmsg");
        assertThat(json.get("from").asString()).isEqualTo("ALICE123");
        assertThat(json.get("nick").asString()).isEqualTo("Alice");
        assertThat(json.get("messageId").asString()).as("the u64-le wire bytes").isEqualTo("0807060504030201");
        assertThat(json.get("voip").isString()).isTrue();
        assertThat(json.get("voip").asString()).isEqualTo("false");
    }

    @Test
    void anEmptyNicknameIsLeftOut() {
        JsonNode json = open(KEY, ApnsPayloadSealer.seal(KEY, new byte[24], new PushedMessage(ALICE, 1, "")));
        assertThat(json.has("nick")).isFalse();
        assertThat(json.get("messageId").asString()).isEqualTo("0100000000000000");
    }

    @Test
    void theMessageIdIsTheStructsBytes() {
        MessageStruct struct = new MessageStruct(ALICE, ThreemaId.of("BOBBOB12"), -2L, 0, 0x01,
                MessageStruct.padNickname("Zoë"), new byte[0], new byte[24], new byte[16]);
        PushedMessage pushed = PushedMessage.of(struct);
        assertThat(pushed.nickname()).isEqualTo("Zoë");
        byte[] wire = struct.encode();
        assertThat(ApnsPayloadSealer.messageIdHex(pushed.messageId()))
                .isEqualTo(Hex.encode(java.util.Arrays.copyOfRange(wire, 16, 24))).isEqualTo("feffffffffffffff");
        assertThat(PushedMessage.of(struct.withMetadata(new byte[0])).nickname()).isEqualTo("Zoë");
        MessageStruct anonymous = new MessageStruct(ALICE, ThreemaId.of("BOBBOB12"), 5, 0, 0x01,
                new byte[32], new byte[0], new byte[24], new byte[16]);
        assertThat(PushedMessage.of(anonymous).nickname()).isEmpty();
    }

    @Test
    void everySealHasAFreshNonceAndOpensOnlyWithTheKey() {
        IosPushToken token = IosPushToken.parse(IosPushTokenTest.tokenData(new byte[32], "a.b", KEY)).orElseThrow();
        ApnsPayloadSealer.Sealed first = ApnsPayloadSealer.seal(token, MESSAGE);
        ApnsPayloadSealer.Sealed second = ApnsPayloadSealer.seal(token, MESSAGE);
        assertThat(first.nonce()).hasSize(24).isNotEqualTo(second.nonce());
        assertThat(open(KEY, first)).isEqualTo(open(KEY, second));
        byte[] wrong = KEY.clone();
        wrong[0] ^= 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(wrong, first))
                .isInstanceOf(dev.parley.common.crypto.AuthenticationException.class);
    }

    @Test
    void theRelayGetsTheBareDeviceTokenTheBoxAndTheBundleId() {
        byte[] device = IosPushTokenTest.sequence(0x70, 32);
        device[5] = '|';
        byte[] data = IosPushTokenTest.tokenData(device, "ch.threema.iapp", KEY);
        Map<String, Object> body = RelayPushBody.of(ThreemaId.of("BOBBOB12"), 0x05, data, MESSAGE).orElseThrow();
        assertThat(body).containsOnlyKeys("identity", "tokenType", "token", "encryptedPayload", "nonce", "topic");
        assertThat(body.get("token")).isEqualTo(Base64.getEncoder().encodeToString(device));
        assertThat(body.get("topic")).isEqualTo("ch.threema.iapp");
        assertThat(body.get("tokenType")).isEqualTo(5);
        ApnsPayloadSealer.Sealed sealed = new ApnsPayloadSealer.Sealed(
                Base64.getDecoder().decode((String) body.get("encryptedPayload")),
                Base64.getDecoder().decode((String) body.get("nonce")));
        assertThat(open(KEY, sealed).get("from").asString()).isEqualTo("ALICE123");

        assertThat(RelayPushBody.of(ThreemaId.of("BOBBOB12"), 0x06, device, MESSAGE)).as("no key in it").isEmpty();
        Map<String, Object> plain = RelayPushBody.of(ThreemaId.of("BOBBOB12"), 0x01, device, MESSAGE).orElseThrow();
        assertThat(plain).containsOnlyKeys("identity", "tokenType", "token");
        assertThat(RelayPushBody.of(ThreemaId.of("BOBBOB12"), 0x11, "fcm".getBytes(StandardCharsets.US_ASCII), MESSAGE)
                .orElseThrow()).containsOnlyKeys("identity", "tokenType", "token");
    }

    /** A second, independent XSalsa20-Poly1305 (libsodium through PyNaCl) opens our box, when the machine has it. */
    @Test
    void pyNaclOpensTheBox() throws Exception {
        String python = null;
        // The first python3 on PATH may be a private one without the Debian package python3-nacl.
        for (String candidate : new String[] {"python3", "/usr/bin/python3"}) {
            if (python == null && python(candidate, "import nacl.secret", new String[0]).exitCode() == 0) {
                python = candidate;
            }
        }
        assumeThat(python).as("python3 with PyNaCl").isNotNull();
        byte[] nonce = IosPushTokenTest.sequence(0x90, 24);
        ApnsPayloadSealer.Sealed sealed = ApnsPayloadSealer.seal(KEY, nonce, MESSAGE);
        Result opened = python(python, "import sys, nacl.secret\n"
                + "box = nacl.secret.SecretBox(bytes.fromhex(sys.argv[1]))\n"
                + "sys.stdout.write(box.decrypt(bytes.fromhex(sys.argv[3]), bytes.fromhex(sys.argv[2])).decode())\n",
                new String[] {Hex.encode(KEY), Hex.encode(nonce), Hex.encode(sealed.box())});
        assertThat(opened.exitCode()).isZero();
        assertThat(opened.output()).isEqualTo(new String(ApnsPayloadSealer.plaintext(MESSAGE), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(String interpreter, String script, String[] args) throws InterruptedException {
        String[] command = new String[3 + args.length];
        command[0] = interpreter;
        command[1] = "-c";
        command[2] = script;
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, "");
        }
    }
}
