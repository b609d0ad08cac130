package dev.parley.chat.push;

import dev.parley.common.codec.Bytes;
import dev.parley.common.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The token data the iOS app registers with types 0x05/0x06 (APNs with mutable content):
 * {@code device token || '|' || bundle id || '|' || key(32)}. The device token is raw binary and
 * may itself contain {@code '|'}, so the data is read from its end: the last 32 bytes are the
 * key, the bundle id (which never contains {@code '|'}) runs back to the previous bar, and
 * everything before that is the device token.
 *
 * <p>The arrays are held as given: instances are made by {@link #parse} from fresh copies and read
 * once, for one push.
 *
 * @param deviceToken the raw APNs device token
 * @param bundleId the app's bundle identifier, the APNs topic
 * @param key the secretbox key the app generated for sealing its push payloads
 */
record IosPushToken(byte[] deviceToken, String bundleId, byte[] key) {

    private static final byte BAR = '|';

    IosPushToken {
        Bytes.requireLength(key, SecretBox.KEY_BYTES, "push payload key");
    }

    /** Empty when the data does not have the layout: stored tokens come from clients and are never trusted. */
    static Optional<IosPushToken> parse(byte[] data) {
        int keyBar = data.length - SecretBox.KEY_BYTES - 1;
        if (keyBar < 3 || data[keyBar] != BAR) {
            return Optional.empty();
        }
        int bundleBar = keyBar - 1;
        while (bundleBar >= 0 && data[bundleBar] != BAR) {
            bundleBar--;
        }
        if (bundleBar < 1 || bundleBar == keyBar - 1 || !bundleIdBytes(data, bundleBar + 1, keyBar)) {
            return Optional.empty();
        }
        return Optional.of(new IosPushToken(Arrays.copyOfRange(data, 0, bundleBar),
                new String(data, bundleBar + 1, keyBar - bundleBar - 1, StandardCharsets.US_ASCII),
                Arrays.copyOfRange(data, keyBar + 1, data.length)));
    }

    /**
     * Apple allows letters, digits, '-' and '.' in a bundle id; anything else is not one, and
     * would otherwise end up in the relay's {@code apns-topic} header.
     */
    private static boolean bundleIdBytes(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = data[i];
            boolean allowed = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IosPushToken other && Arrays.equals(deviceToken, other.deviceToken)
                && bundleId.equals(other.bundleId) && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(deviceToken) + bundleId.hashCode()) + Arrays.hashCode(key);
    }

    /** The bundle id only: the device token is a credential and the key a secret. */
    @Override
    public String toString() {
        return "IosPushToken[bundleId=" + bundleId + ", deviceToken=" + Bytes.describe(deviceToken) + "]";
    }
}
