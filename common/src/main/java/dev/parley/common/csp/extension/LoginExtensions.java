package dev.parley.common.csp.extension;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.payload.MessagePayloadFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The plaintext of the login extensions box (PROTOCOLS.md §5.2 step 3, §5.3): a concatenation
 * of {@code type u8 || length u16-le || payload}, until the plaintext ends.
 *
 * <p>Decoding checks every length against the remaining input before copying, requires the
 * fixed sizes of the known types (csp-device-id 8, message-payload-version 1, device-cookie 16),
 * decodes client-info as strict UTF-8, keeps unknown types as {@link UnknownExtension} and
 * rejects a type that appears twice: with two device cookies, for instance, there is no right
 * one to store.
 *
 * @param extensions the extensions in wire order, each type at most once
 */
public record LoginExtensions(List<LoginExtension> extensions) {

    /** A payload length is a u16-le. */
    public static final int MAX_PAYLOAD = 0xffff;
    /** The box length is a u16-le and includes the 16-byte MAC. */
    public static final int MAX_PLAINTEXT = 0xffff - 16;
    private static final int HEADER = 3;

    public LoginExtensions {
        extensions = List.copyOf(extensions);
        boolean[] seen = new boolean[256];
        int size = 0;
        for (LoginExtension e : extensions) {
            if (seen[e.type()]) {
                throw new IllegalArgumentException("duplicate extension type " + e.type());
            }
            seen[e.type()] = true;
            size += HEADER + e.encodePayload().length;
        }
        if (size > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("extensions exceed the box size");
        }
    }

    public static LoginExtensions of(LoginExtension... extensions) {
        return new LoginExtensions(List.of(extensions));
    }

    public static LoginExtensions decode(byte[] plaintext) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new DecodeException("login extensions too long");
        }
        ByteReader in = new ByteReader(plaintext);
        List<LoginExtension> list = new ArrayList<>();
        boolean[] seen = new boolean[256];
        while (in.remaining() > 0) {
            int type = in.u8("login extension");
            int length = in.u16le("login extension");
            in.require(length, "login extension payload");
            if (seen[type]) {
                throw new DecodeException("duplicate login extension");
            }
            seen[type] = true;
            list.add(decodeOne(type, length, in));
        }
        return new LoginExtensions(list);
    }

    private static LoginExtension decodeOne(int type, int length, ByteReader in) {
        switch (type) {
            case LoginExtension.TYPE_CLIENT_INFO:
                return new ClientInfoExtension(in.utf8(length, "client info"));
            case LoginExtension.TYPE_CSP_DEVICE_ID:
                requireLength(length, CspDeviceIdExtension.LENGTH, "csp-device-id");
                return new CspDeviceIdExtension(in.u64le("csp-device-id"));
            case LoginExtension.TYPE_MESSAGE_PAYLOAD_VERSION:
                requireLength(length, MessagePayloadVersionExtension.LENGTH,
                        "message-payload-version");
                return new MessagePayloadVersionExtension(in.u8("message-payload-version"));
            case LoginExtension.TYPE_DEVICE_COOKIE:
                requireLength(length, DeviceCookieExtension.LENGTH, "device-cookie");
                return new DeviceCookieExtension(in.bytes(length, "device-cookie"));
            default:
                return new UnknownExtension(type, in.bytes(length, "login extension payload"));
        }
    }

    private static void requireLength(int actual, int expected, String what) {
        if (actual != expected) {
            throw new DecodeException(what + " has wrong length");
        }
    }

    public byte[] encode() {
        List<byte[]> payloads = new ArrayList<>(extensions.size());
        int size = 0;
        for (LoginExtension e : extensions) {
            byte[] payload = e.encodePayload();
            payloads.add(payload);
            size += HEADER + payload.length;
        }
        ByteWriter out = new ByteWriter(size);
        for (int i = 0; i < extensions.size(); i++) {
            byte[] payload = payloads.get(i);
            out.u8(extensions.get(i).type()).u16le(payload.length).bytes(payload);
        }
        return out.toArray();
    }

    public Optional<ClientInfoExtension> clientInfo() {
        return find(ClientInfoExtension.class);
    }

    public OptionalLong cspDeviceId() {
        return find(CspDeviceIdExtension.class)
                .map(e -> OptionalLong.of(e.cspDeviceId())).orElse(OptionalLong.empty());
    }

    public Optional<MessagePayloadVersionExtension> messagePayloadVersion() {
        return find(MessagePayloadVersionExtension.class);
    }

    public Optional<DeviceCookieExtension> deviceCookie() {
        return find(DeviceCookieExtension.class);
    }

    /** The message struct format: legacy unless extension 0x02 sets bit 0 (§5.3). */
    public MessagePayloadFormat payloadFormat() {
        return messagePayloadVersion().map(MessagePayloadVersionExtension::payloadFormat)
                .orElse(MessagePayloadFormat.LEGACY);
    }

    /** Whether the server may send echo requests: extension 0x02 bit 1 (§5.3). */
    public boolean allowsEchoRequests() {
        return messagePayloadVersion().map(MessagePayloadVersionExtension::allowsEchoRequests)
                .orElse(false);
    }

    private <T extends LoginExtension> Optional<T> find(Class<T> kind) {
        for (LoginExtension e : extensions) {
            if (kind.isInstance(e)) {
                return Optional.of(kind.cast(e));
            }
        }
        return Optional.empty();
    }
}
