package dev.parley.common.identity.backup;

import static dev.parley.common.encoding.Hex.decode;
import static dev.parley.common.encoding.Hex.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.crypto.CryptoException;
import dev.parley.common.identity.ThreemaId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class IdBackupTest {

    // Published fixed backup from threema-android's vendored libthreema
    // (id_backup legacy scheme tests): password "testpassword", identity 0ZAHXXHB, client key
    // 255d619e..., whose public key acfcc393... is asserted in the same test suite.
    private static final String BACKUP = "4K4M-5Q6T-KFUH-KHL5-2VCJ-ZM57-NL7R-WJTA-V45L-NJAM-"
            + "WLEU-5DS4-XF7S-OPH4-CTCL-N2CF-3C4C-HPB7-YZWW-U3S6";
    private static final String PASSWORD = "testpassword";
    private static final ThreemaId IDENTITY = ThreemaId.of("0ZAHXXHB");
    private static final String SECRET = "255d619ebec82341a5abe0b3ff736f900faa3eda1cb86b34f102394f86a41b2c";
    private static final String PUBLIC = "acfcc393c8800a25bc792e529053c4e982b8ad1043fbf0733b8c8c74090f4a56";

    @Test
    void decodesPublishedBackup() {
        IdBackupData data = IdBackup.decode(BACKUP, PASSWORD);
        assertThat(data.identity()).isEqualTo(IDENTITY);
        assertThat(encode(data.secretKey())).isEqualTo(SECRET);
        assertThat(encode(data.publicKey())).isEqualTo(PUBLIC);
        assertThat(data.toString()).contains("0ZAHXXHB").doesNotContain(SECRET);
    }

    @Test
    void decodeIgnoresDashesWhitespaceAndCase() {
        String sloppy = "  " + BACKUP.replace("-", "").toLowerCase(Locale.ROOT).replaceAll("(.{20})", "$1\n ") + "\t";
        assertThat(IdBackup.decode(sloppy, PASSWORD).identity()).isEqualTo(IDENTITY);
    }

    @Test
    void reEncodingWithThePublishedSaltReproducesTheBackup() {
        // The first 8 bytes are the salt; with it fixed, encoding is deterministic.
        byte[] raw = dev.parley.common.encoding.Base32.decode(BACKUP.replace("-", ""));
        byte[] salt = java.util.Arrays.copyOf(raw, 8);
        assertThat(IdBackup.encode(new IdBackupData(IDENTITY, decode(SECRET)), PASSWORD, salt)).isEqualTo(BACKUP);
    }

    @Test
    void wrongPasswordIsTypedFailure() {
        assertThatThrownBy(() -> IdBackup.decode(BACKUP, "testpassworD"))
                .isInstanceOfSatisfying(IdBackupException.class,
                        e -> assertThat(e.reason()).isEqualTo(IdBackupException.Reason.WRONG_PASSWORD))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void corruptedCheckBytesAreDetected() {
        // Last group changed (libthreema's "invalid hash" case): the check bytes no longer match.
        String corrupted = BACKUP.substring(0, BACKUP.length() - 4) + "U3X7";
        assertThatThrownBy(() -> IdBackup.decode(corrupted, PASSWORD))
                .isInstanceOfSatisfying(IdBackupException.class,
                        e -> assertThat(e.reason()).isEqualTo(IdBackupException.Reason.WRONG_PASSWORD));
    }

    @Test
    void roundTripHasTheDocumentedShape() {
        IdBackupData data = new IdBackupData(ThreemaId.of("ECHOECHO"), dev.parley.common.crypto.CryptoRandom.bytes(32));
        String backup = IdBackup.encode(data, "correct horse");
        assertThat(backup).hasSize(80 + 19).matches("([A-Z2-7]{4}-){19}[A-Z2-7]{4}");
        assertThat(IdBackup.decode(backup, "correct horse")).isEqualTo(data);
        assertThat(IdBackup.encode(data, "correct horse")).as("fresh salt every time").isNotEqualTo(backup);
    }

    @Test
    void encodeEnforcesMinimumPasswordLength() {
        IdBackupData data = new IdBackupData(IDENTITY, decode(SECRET));
        assertThatThrownBy(() -> IdBackup.encode(data, "1234567"))
                .isInstanceOfSatisfying(IdBackupException.class,
                        e -> assertThat(e.reason()).isEqualTo(IdBackupException.Reason.PASSWORD_TOO_SHORT));
        assertThatThrownBy(() -> IdBackup.encode(data, null)).isInstanceOf(IdBackupException.class);
    }

    @Test
    void malformedInputIsRejectedBeforeAnyKeyDerivation() {
        for (String bad : new String[] {"", "4K4M", BACKUP + "-AAAA", BACKUP.substring(0, BACKUP.length() - 1),
                BACKUP.replace('4', '1'), " ".repeat(10_000) + BACKUP, null}) {
            assertThatThrownBy(() -> IdBackup.decode(bad, PASSWORD))
                    .isInstanceOfSatisfying(IdBackupException.class,
                            e -> assertThat(e.reason()).isEqualTo(IdBackupException.Reason.MALFORMED));
        }
    }

    @Test
    void dataValidatesKeyLength() {
        assertThatThrownBy(() -> new IdBackupData(IDENTITY, new byte[31])).isInstanceOf(CryptoException.class);
    }
}
