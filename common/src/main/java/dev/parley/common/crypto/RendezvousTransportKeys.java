package dev.parley.common.crypto;

import java.util.Arrays;

/**
 * The device-linking transport keys after the ephemeral ETK exchange (PROTOCOLS.md §7,
 * personal {@code 3ma-rendezvous}).
 *
 * @param stk   shared transport key: keyed by {@code AK || X25519HSalsa20(ETK own, ETK peer)}, salt {@code st}
 * @param ridtk initiator transport key, keyed by STK, salt {@code ridt}
 * @param rrdtk responder transport key, keyed by STK, salt {@code rrdt}
 * @param rph   rendezvous path hash: unkeyed, salt {@code ph}, input STK; both devices show it to the user
 */
public record RendezvousTransportKeys(byte[] stk, byte[] ridtk, byte[] rrdtk, byte[] rph) {

    public RendezvousTransportKeys {
        stk = Secrets.copy(stk, 32, "STK");
        ridtk = Secrets.copy(ridtk, 32, "RIDTK");
        rrdtk = Secrets.copy(rrdtk, 32, "RRDTK");
        rph = Secrets.copy(rph, 32, "RPH");
    }

    /** Derives the keys from AK and this device's ephemeral secret and the peer's ephemeral public key. */
    public static RendezvousTransportKeys derive(byte[] ak, byte[] ownEtkSecretKey, byte[] peerEtkPublicKey) {
        byte[] etkShared = X25519.beforenm(ownEtkSecretKey, peerEtkPublicKey);
        try {
            return fromSharedSecret(ak, etkShared);
        } finally {
            Arrays.fill(etkShared, (byte) 0);
        }
    }

    /** Derives the keys from AK and the already computed {@code X25519HSalsa20} of the two ETKs. */
    public static RendezvousTransportKeys fromSharedSecret(byte[] ak, byte[] etkShared) {
        Checks.length(ak, RendezvousAuthKeys.AK_BYTES, "AK");
        Checks.length(etkShared, 32, "ETK shared secret");
        String personal = RendezvousAuthKeys.PERSONAL;
        byte[] stk = Blake2b.derive(Secrets.concat(ak, etkShared), "st", personal);
        return new RendezvousTransportKeys(
                stk,
                Blake2b.derive(stk, "ridt", personal),
                Blake2b.derive(stk, "rrdt", personal),
                Blake2b.hash(32, null, "ph", personal, stk));
    }

    @Override
    public byte[] stk() {
        return stk.clone();
    }

    @Override
    public byte[] ridtk() {
        return ridtk.clone();
    }

    @Override
    public byte[] rrdtk() {
        return rrdtk.clone();
    }

    @Override
    public byte[] rph() {
        return rph.clone();
    }

    private byte[][] all() {
        return new byte[][] {stk, ridtk, rrdtk, rph};
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RendezvousTransportKeys that && Secrets.allEqual(all(), that.all());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rph);
    }

    /** The path hash is what users compare on screen, so it is shown; the keys are not. */
    @Override
    public String toString() {
        return "RendezvousTransportKeys[rph=" + dev.parley.common.encoding.Hex.encode(rph) + ", keys=<redacted>]";
    }
}
