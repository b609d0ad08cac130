package dev.parley.common.crypto;

import java.util.Arrays;

/**
 * The device-linking authentication keys, derived from the rendezvous authentication key AK
 * shown in the QR code (PROTOCOLS.md §7, personal {@code 3ma-rendezvous}).
 *
 * @param ridak key of the rendezvous initiator device (salt {@code rida})
 * @param rrdak key of the rendezvous responder device (salt {@code rrda})
 */
public record RendezvousAuthKeys(byte[] ridak, byte[] rrdak) {

    public static final int AK_BYTES = 32;
    static final String PERSONAL = "3ma-rendezvous";

    public RendezvousAuthKeys {
        ridak = Secrets.copy(ridak, 32, "RIDAK");
        rrdak = Secrets.copy(rrdak, 32, "RRDAK");
    }

    public static RendezvousAuthKeys derive(byte[] ak) {
        Checks.length(ak, AK_BYTES, "AK");
        return new RendezvousAuthKeys(Blake2b.derive(ak, "rida", PERSONAL), Blake2b.derive(ak, "rrda", PERSONAL));
    }

    @Override
    public byte[] ridak() {
        return ridak.clone();
    }

    @Override
    public byte[] rrdak() {
        return rrdak.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RendezvousAuthKeys that
                && Secrets.allEqual(new byte[][] {ridak, rrdak}, new byte[][] {that.ridak, that.rrdak});
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ridak) * 31 + Arrays.hashCode(rrdak);
    }

    @Override
    public String toString() {
        return "RendezvousAuthKeys[<redacted>]";
    }
}
