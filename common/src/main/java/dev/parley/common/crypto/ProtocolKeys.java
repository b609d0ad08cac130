package dev.parley.common.crypto;

import java.util.Arrays;

/**
 * The chat-protocol key derivations that servers need (PROTOCOLS.md §1.2, §5.2, §5.6). All
 * are keyed BLAKE2b with 32-byte output and the personal string {@code 3ma-csp}; the device
 * group and rendezvous derivations live in {@link DeviceGroupKeys} and the rendezvous records.
 *
 * <p>Every method taking an own secret key and a peer public key works from either side:
 * {@code X25519HSalsa20(a, B) == X25519HSalsa20(b, A)}.
 */
public final class ProtocolKeys {

    static final String PERSONAL_CSP = "3ma-csp";

    /** Which directory API a challenge belongs to: the salt differs. */
    public enum DirectoryRealm {
        /** Consumer directory, {@code token}/{@code tokenRespKeyPub} challenges. */
        CONSUMER("dir"),
        /** Work API ({@code /api-client/v1/*}), {@code challengePublicKey}/{@code challenge}. */
        WORK("wdir");

        private final String salt;

        DirectoryRealm(String salt) {
            this.salt = salt;
        }

        String salt() {
            return salt;
        }
    }

    private ProtocolKeys() {
    }

    /**
     * The 32-byte answer to a directory challenge (§1.2): {@code BLAKE2b(key = responseKey,
     * input = token)} with {@code responseKey = BLAKE2b(key = X25519HSalsa20(own, peer),
     * salt = "dir"|"wdir", personal = "3ma-csp")}. The client passes its identity secret and
     * {@code tokenRespKeyPub}; the server its token key secret and the identity's public key.
     */
    public static byte[] directoryChallengeResponse(byte[] ownSecretKey, byte[] peerPublicKey,
                                                    DirectoryRealm realm, byte[] token) {
        Checks.notNull(token, "token");
        byte[] shared = X25519.beforenm(ownSecretKey, peerPublicKey);
        byte[] responseKey = Blake2b.derive(shared, realm.salt(), PERSONAL_CSP);
        try {
            return Blake2b.keyed(32, responseKey, token);
        } finally {
            Arrays.fill(shared, (byte) 0);
            Arrays.fill(responseKey, (byte) 0);
        }
    }

    /**
     * The login vouch (§5.2): {@code BLAKE2b(key = BLAKE2b(key = SS(CK, SK) || SS(CK, TSK),
     * salt = "v2", personal = "3ma-csp"), input = SCK || TCK.public)}, where {@code SS} is
     * X25519HSalsa20. The shared secrets are inputs so both sides can use it: the server
     * computes them from its SK and TSK secrets and the client's CK public key.
     */
    public static byte[] cspVouch(byte[] sharedCkSk, byte[] sharedCkTsk, byte[] serverCookie, byte[] tempClientPublicKey) {
        Checks.length(sharedCkSk, 32, "SS(CK, SK)");
        Checks.length(sharedCkTsk, 32, "SS(CK, TSK)");
        Checks.length(serverCookie, 16, "server cookie");
        Checks.length(tempClientPublicKey, 32, "TCK public key");
        byte[] vouchKey = Blake2b.derive(Secrets.concat(sharedCkSk, sharedCkTsk), "v2", PERSONAL_CSP);
        try {
            return Blake2b.keyed(32, vouchKey, Secrets.concat(serverCookie, tempClientPublicKey));
        } finally {
            Arrays.fill(vouchKey, (byte) 0);
        }
    }

    /** The vouch as the chat server computes it, from its permanent and temporary secret keys. */
    public static byte[] cspVouchForServer(byte[] serverSecretKey, byte[] tempServerSecretKey, byte[] clientPublicKey,
                                           byte[] serverCookie, byte[] tempClientPublicKey) {
        byte[] ss1 = X25519.beforenm(serverSecretKey, clientPublicKey);
        byte[] ss2 = X25519.beforenm(tempServerSecretKey, clientPublicKey);
        try {
            return cspVouch(ss1, ss2, serverCookie, tempClientPublicKey);
        } finally {
            Arrays.fill(ss1, (byte) 0);
            Arrays.fill(ss2, (byte) 0);
        }
    }

    /** The message metadata key MMK (§5.6): {@code BLAKE2b(key = SS(sender, receiver), salt = "mm", personal = "3ma-csp")}. */
    public static byte[] messageMetadataKey(byte[] ownSecretKey, byte[] peerPublicKey) {
        byte[] shared = X25519.beforenm(ownSecretKey, peerPublicKey);
        try {
            return Blake2b.derive(shared, "mm", PERSONAL_CSP);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }
}
