package dev.parley.client.message;

import dev.parley.common.crypto.Box;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.identity.ThreemaId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * End-to-end text messages (PROTOCOLS.md §5.7): the body {@code 0x01 || UTF-8 text || padding}
 * with PKCS#7-style padding of 1..255 bytes (at least 32 bytes in all), boxed with the sender's
 * secret key and the receiver's public key. The servers only ever see the box.
 */
public final class TextMessages {

    public static final int TYPE_TEXT = 0x01;
    private static final int MIN_PADDED = 32;

    private TextMessages() {
    }

    /** A message struct carrying {@code text} from {@code sender} to {@code receiver}, legacy form (no metadata). */
    public static MessageStruct text(ThreemaId sender, byte[] senderSecretKey, ThreemaId receiver,
                                     byte[] receiverPublicKey, String nickname, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int padding = 1 + (CryptoRandom.bytes(1)[0] & 0xff) % 255;
        if (1 + utf8.length + padding < MIN_PADDED) {
            padding = MIN_PADDED - 1 - utf8.length;
        }
        byte[] body = new byte[1 + utf8.length + padding];
        body[0] = TYPE_TEXT;
        System.arraycopy(utf8, 0, body, 1, utf8.length);
        Arrays.fill(body, 1 + utf8.length, body.length, (byte) padding);
        byte[] nonce = CryptoRandom.bytes(Box.NONCE_BYTES);
        byte[] box = Box.seal(senderSecretKey, receiverPublicKey, nonce, body);
        long messageId = 0;
        for (byte b : CryptoRandom.bytes(8)) {
            messageId = messageId << 8 | (b & 0xff);
        }
        return new MessageStruct(sender, receiver, messageId, System.currentTimeMillis() / 1000, 0x01,
                MessageStruct.padNickname(nickname), new byte[0], nonce, box);
    }

    /** The text of a received message, or empty when it is another message type. */
    public static Optional<String> open(MessageStruct message, byte[] receiverSecretKey, byte[] senderPublicKey) {
        byte[] body = Box.open(receiverSecretKey, senderPublicKey, message.nonce(), message.messageBox());
        int padding = body[body.length - 1] & 0xff;
        if (padding == 0 || padding >= body.length) {
            throw new IllegalArgumentException("message padding is invalid");
        }
        if (body[0] != TYPE_TEXT) {
            return Optional.empty();
        }
        return Optional.of(new String(body, 1, body.length - 1 - padding, StandardCharsets.UTF_8));
    }
}
