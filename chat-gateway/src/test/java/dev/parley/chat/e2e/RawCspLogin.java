package dev.parley.chat.e2e;

import dev.parley.chat.e2e.ChatPlatform.Identity;
import dev.parley.common.crypto.CryptoRandom;
import dev.parley.common.crypto.ProtocolKeys;
import dev.parley.common.crypto.SecretBox;
import dev.parley.common.crypto.X25519;
import dev.parley.common.csp.extension.LoginExtensions;
import dev.parley.common.csp.frame.CspContainer;
import dev.parley.common.csp.frame.CspNonceSequence;
import dev.parley.common.csp.handshake.ClientHello;
import dev.parley.common.csp.handshake.LoginAck;
import dev.parley.common.csp.handshake.LoginData;
import dev.parley.common.csp.handshake.ServerHello;
import dev.parley.common.csp.handshake.ServerHelloPlaintext;
import dev.parley.common.csp.payload.CspPayloadType;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A CSP login byte by byte, for what the SDK's client does not do: sending frames before the
 * login-ack has been read, and looking at exactly what the server writes and when it stops.
 */
final class RawCspLogin implements AutoCloseable {

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;
    private final SecretBox box;
    private final CspNonceSequence clientNonces;
    private final CspNonceSequence serverNonces;

    /** Sends client-hello, then (once the server-hello is read) the login and its extensions. */
    RawCspLogin(InetSocketAddress server, byte[] serverPublicKey, Identity identity, LoginExtensions extensions)
            throws IOException {
        socket.connect(server, 10_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        X25519.KeyPair temporary = X25519.generateKeyPair();
        byte[] clientCookie = CryptoRandom.bytes(ClientHello.COOKIE_LENGTH);
        out.write(new ClientHello(temporary.publicKey(), clientCookie).encode());
        ServerHello hello = ServerHello.decode(in.readNBytes(ServerHello.LENGTH));
        clientNonces = new CspNonceSequence(clientCookie);
        serverNonces = new CspNonceSequence(hello.serverCookie());
        ServerHelloPlaintext plain = ServerHelloPlaintext.decode(SecretBox.open(
                X25519.beforenm(temporary.secretKey(), serverPublicKey), serverNonces.next(), hello.box()));
        box = SecretBox.withKey(X25519.beforenm(temporary.secretKey(), plain.temporaryServerKey()));
        byte[] vouch = ProtocolKeys.cspVouch(X25519.beforenm(identity.keys().secretKey(), serverPublicKey),
                X25519.beforenm(identity.keys().secretKey(), plain.temporaryServerKey()), hello.serverCookie(),
                temporary.publicKey());
        byte[] extensionsPlain = extensions.encode();
        out.write(box.seal(clientNonces.next(), LoginData.withExtensions(identity.id(),
                extensionsPlain.length + SecretBox.MAC_BYTES, hello.serverCookie(), vouch).encode()));
        out.write(box.seal(clientNonces.next(), extensionsPlain));
        out.flush();
    }

    void send(CspPayloadType type, byte[] data) throws IOException {
        byte[] sealed = box.seal(clientNonces.next(), new CspContainer(type, data).encode());
        out.write(new byte[] {(byte) sealed.length, (byte) (sealed.length >>> 8)});
        out.write(sealed);
        out.flush();
    }

    /** Reads exactly the 32 bytes of a login-ack and checks that they open to one. */
    void readLoginAck() throws IOException {
        LoginAck.checkPlaintext(box.open(serverNonces.next(), in.readNBytes(LoginAck.LENGTH)));
    }

    /** Reads one length-prefixed frame and opens it with the next server nonce. */
    CspContainer readFrame() throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8;
        return CspContainer.decode(box.open(serverNonces.next(), in.readNBytes(length)));
    }

    /** -1 once the server has closed its side. */
    int read() throws IOException {
        return in.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
