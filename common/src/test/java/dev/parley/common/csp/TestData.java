package dev.parley.common.csp;

import dev.parley.common.csp.payload.MessageStruct;
import dev.parley.common.identity.ThreemaId;

/** Fixed values shared by the CSP tests. */
final class TestData {

    static final ThreemaId ALICE = ThreemaId.of("ECHOECHO");
    static final ThreemaId BOB = ThreemaId.of("*GATEWAY");

    private TestData() {
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static MessageStruct message(byte[] metadata) {
        return new MessageStruct(ALICE, BOB, 0x8877665544332211L, 1_700_000_000L,
                0x01 | 0x80, MessageStruct.padNickname("Alice"), metadata,
                filled(24, 0x24), filled(48, 0xbb));
    }
}
