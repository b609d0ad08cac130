package dev.parley.chat.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The iOS app's mutable-content token data: {@code device token || '|' || bundle id || '|' || key(32)}. */
class IosPushTokenTest {

    private static final byte[] KEY = sequence(0x40, 32);

    static byte[] sequence(int first, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (first + i);
        }
        return out;
    }

    static byte[] tokenData(byte[] deviceToken, String bundleId, byte[] key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(deviceToken);
        out.write('|');
        out.writeBytes(bundleId.getBytes(StandardCharsets.US_ASCII));
        out.write('|');
        out.writeBytes(key);
        return out.toByteArray();
    }

    /** The data laid out from the parts parses back into exactly those parts. */
    private static void assertRoundTrip(byte[] deviceToken, String bundleId, byte[] key) {
        IosPushToken token = IosPushToken.parse(tokenData(deviceToken, bundleId, key)).orElseThrow();
        assertThat(token.deviceToken()).isEqualTo(deviceToken);
        assertThat(token.bundleId()).isEqualTo(bundleId);
        assertThat(token.key()).isEqualTo(key);
    }

    @Test
    void splitsDeviceTokenBundleIdAndKey() {
        assertRoundTrip(sequence(0xa0, 32), "ch.threema.iapp", KEY);
    }

    @Test
    void aBarInsideTheBinaryDeviceTokenStaysPartOfIt() {
        byte[] device = sequence(0x70, 32);
        device[0] = '|';
        device[3] = '|';
        device[31] = '|';
        assertRoundTrip(device, "ch.threema.work.iapp", KEY);
    }

    @Test
    void aBarInsideTheKeyIsReadAsKey() {
        byte[] key = KEY.clone();
        key[0] = '|';
        key[31] = '|';
        assertRoundTrip(sequence(1, 32), "a.b", key);
    }

    @Test
    void dataWithoutTheLayoutIsRefused() {
        byte[] device = sequence(0xa0, 32);
        assertThat(IosPushToken.parse(new byte[0])).isEmpty();
        assertThat(IosPushToken.parse(device)).as("a plain device token").isEmpty();
        assertThat(IosPushToken.parse(sequence(0x20, 80))).as("no separators").isEmpty();
        assertThat(IosPushToken.parse(tokenData(device, "", KEY))).as("no bundle id").isEmpty();
        assertThat(IosPushToken.parse(tokenData(new byte[0], "a.b", KEY))).as("no device token").isEmpty();
        assertThat(IosPushToken.parse(tokenData(device, "a.b", sequence(0x40, 31)))).as("short key").isEmpty();
        assertThat(IosPushToken.parse(tokenData(device, "a b", KEY))).as("not a bundle id").isEmpty();
        assertThat(IosPushToken.parse(tokenData(device, "a.b\r\nx", KEY))).as("header injection").isEmpty();
        byte[] noBundleBar = new byte[40];
        noBundleBar[40 - 33] = '|';
        assertThat(IosPushToken.parse(noBundleBar)).as("only the key separator").isEmpty();
        assertThat(IosPushToken.parse(tokenData(new byte[] {1}, "b", KEY))).as("the shortest layout").isPresent();
    }

    @Test
    void toStringShowsNeitherTokenNorKey() {
        IosPushToken token = IosPushToken.parse(tokenData(sequence(0xa0, 32), "ch.threema.iapp", KEY)).orElseThrow();
        assertThat(token.toString()).contains("ch.threema.iapp").contains("<32 bytes>")
                .doesNotContain(dev.parley.common.encoding.Hex.encode(KEY)).doesNotContain("[B@");
    }
}
