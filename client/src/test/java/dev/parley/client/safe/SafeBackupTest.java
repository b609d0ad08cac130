package dev.parley.client.safe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.SecretBox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class SafeBackupTest {

    private static final SafeKeys KEYS = new SafeKeys(CryptoRandom.bytes(32), CryptoRandom.bytes(32));
    private static final byte[] JSON = "{\"info\":{\"version\":1},\"user\":{\"nickname\":\"aaaaaaaaaaaaaaaaaaaa\"}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void sealsAndOpens() {
        byte[] body = SafeBackup.seal(KEYS, JSON);

        assertThat(SafeBackup.open(KEYS, body, 1 << 20)).isEqualTo(JSON);
    }

    @Test
    void bodyIsNonceThenSecretboxOfGzipWithAFreshNonceEachTime() throws IOException {
        byte[] first = SafeBackup.seal(KEYS, JSON);
        byte[] second = SafeBackup.seal(KEYS, JSON);

        assertThat(Arrays.copyOf(first, 24)).isNotEqualTo(Arrays.copyOf(second, 24));
        byte[] gzip = SecretBox.open(KEYS.encryptionKey(), Arrays.copyOf(first, 24), Arrays.copyOfRange(first, 24, first.length));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertThat(in.readAllBytes()).isEqualTo(JSON);
        }
    }

    @Test
    void gzipUsesStoredBlocksOnly() {
        byte[] repetitive = "a".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        byte[] gzip = SafeBackup.gzipStored(repetitive);

        // Header 10 bytes, then the first deflate block: BFINAL in bit 0, BTYPE in bits 1-2 (00 = stored).
        assertThat(gzip[0] & 0xff).isEqualTo(0x1f);
        assertThat(gzip[1] & 0xff).isEqualTo(0x8b);
        assertThat((gzip[10] >> 1) & 0x3).isZero();
        // Stored: the text appears verbatim and nothing shrinks.
        assertThat(gzip.length).isGreaterThan(repetitive.length);
        assertThat(new String(gzip, StandardCharsets.ISO_8859_1)).contains("a".repeat(1000));
    }

    @Test
    void anotherKeyCannotOpen() {
        byte[] body = SafeBackup.seal(KEYS, JSON);
        SafeKeys other = new SafeKeys(KEYS.backupId(), CryptoRandom.bytes(32));

        assertThatThrownBy(() -> SafeBackup.open(other, body, 1 << 20)).isInstanceOf(SafeException.class);
    }

    @Test
    void tamperedOrShortBodiesAreRefused() {
        byte[] body = SafeBackup.seal(KEYS, JSON);
        body[body.length - 1] ^= 1;

        assertThatThrownBy(() -> SafeBackup.open(KEYS, body, 1 << 20)).isInstanceOf(SafeException.class);
        assertThatThrownBy(() -> SafeBackup.open(KEYS, new byte[39], 1 << 20)).isInstanceOf(SafeException.class);
    }

    @Test
    void contentLargerThanTheBoundIsRefused() {
        byte[] body = SafeBackup.seal(KEYS, new byte[100_000]);

        assertThatThrownBy(() -> SafeBackup.open(KEYS, body, 99_999)).isInstanceOf(SafeException.class);
        assertThat(SafeBackup.open(KEYS, body, 100_000)).hasSize(100_000);
    }

    @Test
    void sealedContentThatIsNotGzipIsRefused() {
        byte[] nonce = CryptoRandom.bytes(24);
        byte[] box = SecretBox.seal(KEYS.encryptionKey(), nonce, JSON);
        byte[] body = new byte[24 + box.length];
        System.arraycopy(nonce, 0, body, 0, 24);
        System.arraycopy(box, 0, body, 24, box.length);

        assertThatThrownBy(() -> SafeBackup.open(KEYS, body, 1 << 20)).isInstanceOf(SafeException.class);
    }
}
