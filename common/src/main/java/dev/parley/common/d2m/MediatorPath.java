package dev.parley.common.d2m;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.parley.common.codec.Bytes;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.d2m.proto.ClientUrlInfo;
import dev.parley.common.encoding.Hex;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The path of the mediator WebSocket URL (PROTOCOLS.md §6.1):
 * {@code /{prefix8}/{lowercase hex of a d2m.ClientUrlInfo}}, where prefix8 is the first byte of
 * the device group ID in hex and the host is {@code mediator-{prefix4}.…} with prefix4 its first
 * nibble. With DGID {@code ab…ab} and server group {@code ab} the last segment is
 * {@code 0a20ab…ab1a026162}.
 *
 * <p>Parsing bounds the path length before decoding, accepts lowercase hex only, and checks
 * that the DGID is 32 bytes, that the server group matches {@code ^[0-9a-zA-Z]+$} and that
 * prefix8 matches the DGID, so a mediator can route on the prefix and trust the rest.
 *
 * @param deviceGroupId DGID, the 32-byte X25519 public key of DGPK
 * @param serverGroup the identity's server group, ASCII letters and digits
 */
public record MediatorPath(byte[] deviceGroupId, String serverGroup) {

    public static final int DGID_LENGTH = 32;
    /** Longest server group accepted; real ones are a few characters. */
    public static final int MAX_SERVER_GROUP_LENGTH = 64;
    /** "/" + 2 + "/" + hex of (2 + 32 + 2 + server group); bounds input before any decoding. */
    public static final int MAX_PATH_LENGTH = 4 + 2 * (4 + DGID_LENGTH + MAX_SERVER_GROUP_LENGTH);
    private static final Pattern SERVER_GROUP = Pattern.compile("^[0-9a-zA-Z]+$");

    public MediatorPath {
        Bytes.requireLength(deviceGroupId, DGID_LENGTH, "DGID");
        if (!validServerGroup(serverGroup)) {
            throw new IllegalArgumentException("server group must match ^[0-9a-zA-Z]+$");
        }
    }

    /** Parses a request path such as {@code /ab/0a20…}; no query string, no trailing slash. */
    public static MediatorPath parse(String path) {
        if (path.length() > MAX_PATH_LENGTH) {
            throw new DecodeException("mediator path too long");
        }
        if (path.length() < 4 || path.charAt(0) != '/' || path.charAt(3) != '/') {
            throw new DecodeException("mediator path malformed");
        }
        String prefix8 = path.substring(1, 3);
        String info = path.substring(4);
        if (!Hex.isLowercaseHex(prefix8, 2) || !Hex.isLowercaseHex(info, info.length())
                || info.isEmpty() || info.length() % 2 != 0) {
            throw new DecodeException("mediator path not lowercase hex");
        }
        ClientUrlInfo urlInfo;
        try {
            urlInfo = ClientUrlInfo.parseFrom(Hex.decode(info));
        } catch (InvalidProtocolBufferException e) {
            throw new DecodeException("client URL info malformed");
        }
        byte[] dgid = urlInfo.getDeviceGroupId().toByteArray();
        if (dgid.length != DGID_LENGTH) {
            throw new DecodeException("device group ID must be 32 bytes");
        }
        if (!validServerGroup(urlInfo.getServerGroup())) {
            throw new DecodeException("server group invalid");
        }
        MediatorPath parsed = new MediatorPath(dgid, urlInfo.getServerGroup());
        if (!parsed.prefix8().equals(prefix8)) {
            throw new DecodeException("path prefix does not match device group ID");
        }
        return parsed;
    }

    private static boolean validServerGroup(String group) {
        return group != null && group.length() <= MAX_SERVER_GROUP_LENGTH
                && SERVER_GROUP.matcher(group).matches();
    }

    /** The lowercase hex of the encoded {@code ClientUrlInfo}, the last path segment. */
    public String clientUrlInfoHex() {
        return Hex.encode(ClientUrlInfo.newBuilder()
                .setDeviceGroupId(ByteString.copyFrom(deviceGroupId))
                .setServerGroup(serverGroup)
                .build()
                .toByteArray());
    }

    /** {@code /{prefix8}/{clientUrlInfoHex}}. */
    public String toPath() {
        return "/" + prefix8() + "/" + clientUrlInfoHex();
    }

    /** The first byte of the DGID as two lowercase hex digits. */
    public String prefix8() {
        return Hex.encode(new byte[] {deviceGroupId[0]});
    }

    /** The first nibble of the DGID as one lowercase hex digit, used in the host name. */
    public String prefix4() {
        return prefix8().substring(0, 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediatorPath other && Arrays.equals(deviceGroupId, other.deviceGroupId)
                && serverGroup.equals(other.serverGroup);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(deviceGroupId) + serverGroup.hashCode();
    }

    @Override
    public String toString() {
        return "MediatorPath[prefix8=" + prefix8() + ", serverGroup=" + serverGroup + "]";
    }
}
