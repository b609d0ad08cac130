package dev.parley.chat.csp;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.crypto.ConstantTime;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.frame.CspNonceSequence;
import dev.parley.common.csp.handshake.ClientHello;
import dev.parley.common.csp.handshake.LoginAck;
import dev.parley.common.csp.handshake.LoginData;
import dev.parley.common.csp.handshake.ServerHello;
import dev.parley.common.csp.handshake.ServerHelloPlaintext;

/**
 * The server side of the CSP handshake (PROTOCOLS.md §5.2) as pure steps over byte arrays: no
 * I/O, so each step is tested on its own and the handler only moves bytes. One instance per
 * connection, used by its event loop only.
 */
final class CspHandshake {

    private final byte[] serverSecretKey;
    private final X25519.KeyPair temporary = X25519.generateKeyPair();
    private byte[] serverCookie;
    private byte[] clientTemporaryKey;
    private SecretBox box;
    private CspNonceSequence clientNonces;
    private CspNonceSequence serverNonces;
    private LoginData loginData;

    CspHandshake(byte[] serverSecretKey) {
        this.serverSecretKey = serverSecretKey;
    }

    /** client-hello in, server-hello out: a fresh cookie that differs from the client's, and TSK.public boxed to TCK. */
    byte[] serverHello(byte[] clientHelloBytes) {
        ClientHello hello = ClientHello.decode(clientHelloBytes);
        do {
            serverCookie = CryptoRandom.bytes(ServerHello.COOKIE_LENGTH);
        } while (!ServerHello.cookiesDiffer(serverCookie, hello.clientCookie()));
        clientTemporaryKey = hello.temporaryClientKey();
        clientNonces = new CspNonceSequence(hello.clientCookie());
        serverNonces = new CspNonceSequence(serverCookie);
        byte[] helloKey = X25519.beforenm(serverSecretKey, clientTemporaryKey);
        byte[] sealed = SecretBox.seal(helloKey, serverNonces.next(),
                new ServerHelloPlaintext(temporary.publicKey(), hello.clientCookie()).encode());
        box = SecretBox.withKey(X25519.beforenm(temporary.secretKey(), clientTemporaryKey));
        return new ServerHello(serverCookie, sealed).encode();
    }

    /** Opens the 144-byte login box; returns the length of the extensions box that follows (0 for none). */
    int login(byte[] loginBox) {
        loginData = LoginData.decode(box.open(clientNonces.next(), loginBox));
        if (!ConstantTime.equals(loginData.serverCookie(), serverCookie)) {
            throw new DecodeException("login repeats the wrong server cookie");
        }
        return loginData.clientInfoField().extensionsBoxLength();
    }

    LoginExtensions extensions(byte[] extensionsBox) {
        return LoginExtensions.decode(box.open(clientNonces.next(), extensionsBox));
    }

    LoginData loginData() {
        return loginData;
    }

    /**
     * True when the vouch proves possession of the secret key of {@code clientPublicKey}.
     *
     * @param permanentShared X25519HSalsa20(SK.secret, CK.public), which does not change between logins
     */
    boolean vouchMatches(byte[] clientPublicKey, byte[] permanentShared) {
        byte[] expected = ProtocolKeys.cspVouch(permanentShared, X25519.beforenm(temporary.secretKey(), clientPublicKey),
                serverCookie, clientTemporaryKey);
        return ConstantTime.equals(expected, loginData.vouch());
    }

    byte[] loginAck() {
        return box.seal(serverNonces.next(), LoginAck.plaintext());
    }

    SecretBox box() {
        return box;
    }

    CspNonceSequence clientNonces() {
        return clientNonces;
    }

    CspNonceSequence serverNonces() {
        return serverNonces;
    }
}
