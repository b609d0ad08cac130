package dev.parley.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.crypto.ProtocolKeys.DirectoryRealm;
import org.junit.jupiter.api.Test;

/**
 * The derivations are compositions of primitives covered by published vectors (X25519HSalsa20
 * by NaCl's firstkey, salt/personal BLAKE2b by the device-group and Threema KDF vectors); these
 * tests pin the composition and that both protocol sides arrive at the same value.
 */
class ProtocolKeysTest {

    private final X25519.KeyPair client = X25519.generateKeyPair();
    private final X25519.KeyPair server = X25519.generateKeyPair();

    @Test
    void directoryResponseMatchesOnBothSides() {
        byte[] token = CryptoRandom.bytes(48);
        byte[] clientSide = ProtocolKeys.directoryChallengeResponse(client.secretKey(), server.publicKey(), DirectoryRealm.CONSUMER, token);
        byte[] serverSide = ProtocolKeys.directoryChallengeResponse(server.secretKey(), client.publicKey(), DirectoryRealm.CONSUMER, token);
        assertThat(clientSide).hasSize(32).isEqualTo(serverSide);
    }

    @Test
    void directoryResponseIsTheDocumentedComposition() {
        byte[] token = {1, 2, 3, 4};
        byte[] responseKey = Blake2b.derive(X25519.beforenm(client.secretKey(), server.publicKey()), "dir", "3ma-csp");
        assertThat(ProtocolKeys.directoryChallengeResponse(client.secretKey(), server.publicKey(), DirectoryRealm.CONSUMER, token))
                .isEqualTo(Blake2b.keyed(32, responseKey, token));
        byte[] workKey = Blake2b.derive(X25519.beforenm(client.secretKey(), server.publicKey()), "wdir", "3ma-csp");
        assertThat(ProtocolKeys.directoryChallengeResponse(client.secretKey(), server.publicKey(), DirectoryRealm.WORK, token))
                .isEqualTo(Blake2b.keyed(32, workKey, token));
    }

    @Test
    void realmsAndTokensGiveDifferentResponses() {
        byte[] token = {1, 2, 3, 4};
        byte[] consumer = ProtocolKeys.directoryChallengeResponse(client.secretKey(), server.publicKey(), DirectoryRealm.CONSUMER, token);
        byte[] work = ProtocolKeys.directoryChallengeResponse(client.secretKey(), server.publicKey(), DirectoryRealm.WORK, token);
        byte[] other = ProtocolKeys.directoryChallengeResponse(client.secretKey(), server.publicKey(), DirectoryRealm.CONSUMER, new byte[] {1, 2, 3, 5});
        assertThat(consumer).isNotEqualTo(work).isNotEqualTo(other);
    }

    @Test
    void vouchMatchesOnBothSides() {
        X25519.KeyPair tempServer = X25519.generateKeyPair();
        X25519.KeyPair tempClient = X25519.generateKeyPair();
        byte[] sck = CryptoRandom.bytes(16);
        byte[] clientSide = ProtocolKeys.cspVouch(
                X25519.beforenm(client.secretKey(), server.publicKey()),
                X25519.beforenm(client.secretKey(), tempServer.publicKey()),
                sck, tempClient.publicKey());
        byte[] serverSide = ProtocolKeys.cspVouchForServer(server.secretKey(), tempServer.secretKey(), client.publicKey(),
                sck, tempClient.publicKey());
        assertThat(clientSide).hasSize(32).isEqualTo(serverSide);

        byte[] ss1 = X25519.beforenm(client.secretKey(), server.publicKey());
        byte[] ss2 = X25519.beforenm(client.secretKey(), tempServer.publicKey());
        byte[] vouchKey = Blake2b.derive(Secrets.concat(ss1, ss2), "v2", "3ma-csp");
        assertThat(clientSide).isEqualTo(Blake2b.keyed(32, vouchKey, Secrets.concat(sck, tempClient.publicKey())));
    }

    @Test
    void vouchRejectsWrongLengths() {
        assertThatThrownBy(() -> ProtocolKeys.cspVouch(new byte[32], new byte[32], new byte[8], new byte[32]))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> ProtocolKeys.cspVouch(new byte[31], new byte[32], new byte[16], new byte[32]))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void messageMetadataKeyIsSymmetric() {
        byte[] mmk = ProtocolKeys.messageMetadataKey(client.secretKey(), server.publicKey());
        assertThat(mmk).isEqualTo(ProtocolKeys.messageMetadataKey(server.secretKey(), client.publicKey()));
        assertThat(mmk).isEqualTo(Blake2b.derive(X25519.beforenm(client.secretKey(), server.publicKey()), "mm", "3ma-csp"));
    }

    @Test
    void rendezvousKeysAgreeAcrossDevices() {
        byte[] ak = CryptoRandom.bytes(32);
        RendezvousAuthKeys auth = RendezvousAuthKeys.derive(ak);
        assertThat(auth.ridak()).isEqualTo(Blake2b.derive(ak, "rida", "3ma-rendezvous")).isNotEqualTo(auth.rrdak());
        assertThat(auth.rrdak()).isEqualTo(Blake2b.derive(ak, "rrda", "3ma-rendezvous"));

        X25519.KeyPair ridEtk = X25519.generateKeyPair();
        X25519.KeyPair rrdEtk = X25519.generateKeyPair();
        RendezvousTransportKeys rid = RendezvousTransportKeys.derive(ak, ridEtk.secretKey(), rrdEtk.publicKey());
        RendezvousTransportKeys rrd = RendezvousTransportKeys.derive(ak, rrdEtk.secretKey(), ridEtk.publicKey());
        assertThat(rid).isEqualTo(rrd);

        byte[] etkShared = X25519.beforenm(ridEtk.secretKey(), rrdEtk.publicKey());
        byte[] stk = Blake2b.derive(Secrets.concat(ak, etkShared), "st", "3ma-rendezvous");
        assertThat(rid.stk()).isEqualTo(stk);
        assertThat(rid.ridtk()).isEqualTo(Blake2b.derive(stk, "ridt", "3ma-rendezvous"));
        assertThat(rid.rrdtk()).isEqualTo(Blake2b.derive(stk, "rrdt", "3ma-rendezvous"));
        assertThat(rid.rph()).isEqualTo(Blake2b.hash(32, null, "ph", "3ma-rendezvous", stk));
        assertThat(rid.toString()).doesNotContain(dev.parley.common.encoding.Hex.encode(stk));
    }
}
