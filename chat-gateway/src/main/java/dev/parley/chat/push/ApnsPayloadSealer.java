package dev.parley.chat.push;

import dev.parley.common.codec.LittleEndian;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.encoding.Hex;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals what the iOS app's notification extension shows for a push: the JSON object it reads
 * from {@code threema.box}, in a NaCl secretbox under the key the app registered with its token.
 * The relay and APNs see only the box, which is why the fields never travel in clear.
 */
final class ApnsPayloadSealer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A sealed payload and the nonce it was sealed with; the box carries its own 16-byte MAC in front. */
    record Sealed(byte[] box, byte[] nonce) {

        @Override
        public String toString() {
            return "Sealed[" + box.length + " bytes]";
        }
    }

    private ApnsPayloadSealer() {
    }

    /** Seals with a fresh random nonce: a key is used for every push to the device, so nonces must never repeat. */
    static Sealed seal(IosPushToken token, PushedMessage message) {
        return seal(token.key(), CryptoRandom.bytes(SecretBox.NONCE_BYTES), message);
    }

    static Sealed seal(byte[] key, byte[] nonce, PushedMessage message) {
        return new Sealed(SecretBox.seal(key, nonce, plaintext(message)), nonce);
    }

    /**
     * {@code cmd} is always {@code newmsg}: the group flag (0x10) is reserved, so the server cannot
     * tell a group message from a 1:1 one. The app expects string values throughout, {@code voip}
     * included.
     */
    static byte[] plaintext(PushedMessage message) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("cmd", "newmsg");
        json.put("from", message.sender().toString());
        if (!message.nickname().isEmpty()) {
            json.put("nick", message.nickname());
        }
        json.put("messageId", messageIdHex(message.messageId()));
        json.put("voip", "false");
        return JSON.writeValueAsBytes(json);
    }

    /** The eight bytes as they travel in the struct (u64 little-endian), in lowercase hex. */
    static String messageIdHex(long messageId) {
        byte[] wire = new byte[8];
        LittleEndian.putU64(wire, 0, messageId);
        return Hex.encode(wire);
    }
}
