package dev.parley.common.crypto;

import dev.parley.common.encoding.Hex;
import java.util.Arrays;

/**
 * The keys of a multi-device group, all derived from the 32-byte device group key DGK with
 * personal {@code 3ma-mdev} (PROTOCOLS.md §7). The mediator only ever needs {@link #dgid()};
 * the rest exist for the client SDK and for tests.
 *
 * @param dgpk   device group path key, an X25519 secret scalar (salt {@code p})
 * @param dgid   device group ID, the X25519 public key of DGPK
 * @param dgrk   reflection key (salt {@code r})
 * @param dgdik  device info key (salt {@code di})
 * @param dgsddk shared device data key (salt {@code sdd})
 * @param dgtsk  transaction scope key (salt {@code ts})
 */
public record DeviceGroupKeys(byte[] dgpk, byte[] dgid, byte[] dgrk, byte[] dgdik, byte[] dgsddk, byte[] dgtsk) {

    public static final int DGK_BYTES = 32;
    static final String PERSONAL = "3ma-mdev";

    public DeviceGroupKeys {
        dgpk = Secrets.copy(dgpk, 32, "DGPK");
        dgid = Secrets.copy(dgid, 32, "DGID");
        dgrk = Secrets.copy(dgrk, 32, "DGRK");
        dgdik = Secrets.copy(dgdik, 32, "DGDIK");
        dgsddk = Secrets.copy(dgsddk, 32, "DGSDDK");
        dgtsk = Secrets.copy(dgtsk, 32, "DGTSK");
    }

    public static DeviceGroupKeys derive(byte[] dgk) {
        Checks.length(dgk, DGK_BYTES, "DGK");
        byte[] dgpk = Blake2b.derive(dgk, "p", PERSONAL);
        return new DeviceGroupKeys(
                dgpk,
                X25519.publicKey(dgpk),
                Blake2b.derive(dgk, "r", PERSONAL),
                Blake2b.derive(dgk, "di", PERSONAL),
                Blake2b.derive(dgk, "sdd", PERSONAL),
                Blake2b.derive(dgk, "ts", PERSONAL));
    }

    @Override
    public byte[] dgpk() {
        return dgpk.clone();
    }

    @Override
    public byte[] dgid() {
        return dgid.clone();
    }

    @Override
    public byte[] dgrk() {
        return dgrk.clone();
    }

    @Override
    public byte[] dgdik() {
        return dgdik.clone();
    }

    @Override
    public byte[] dgsddk() {
        return dgsddk.clone();
    }

    @Override
    public byte[] dgtsk() {
        return dgtsk.clone();
    }

    private byte[][] all() {
        return new byte[][] {dgpk, dgid, dgrk, dgdik, dgsddk, dgtsk};
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceGroupKeys that && Secrets.allEqual(all(), that.all());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dgid);
    }

    /** Shows the public DGID only. */
    @Override
    public String toString() {
        return "DeviceGroupKeys[dgid=" + Hex.encode(dgid) + ", secrets=<redacted>]";
    }
}
