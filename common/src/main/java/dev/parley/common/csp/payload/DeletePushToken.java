package dev.parley.common.csp.payload;

import dev.parley.common.codec.ByteReader;
import dev.parley.common.codec.ByteWriter;
import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.frame.CspContainer;
import java.util.ArrayList;
import java.util.List;

/**
 * Delete-push-notification-token, payload 0x25 (PROTOCOLS.md §5.5): a list of u64-le
 * csp-device-ids, so the data length is a multiple of 8. An empty list means "all other devices
 * of this identity".
 *
 * @param cspDeviceIds unsigned 64-bit device IDs (bits of a {@code long}), in wire order
 */
public record DeletePushToken(List<Long> cspDeviceIds) {

    public static final int MAX_IDS = CspContainer.MAX_DATA_LENGTH / 8;

    public DeletePushToken {
        cspDeviceIds = List.copyOf(cspDeviceIds);
        if (cspDeviceIds.size() > MAX_IDS) {
            throw new IllegalArgumentException("too many device IDs for one frame");
        }
    }

    public static DeletePushToken decode(byte[] data) {
        if (data.length % 8 != 0) {
            throw new DecodeException("device ID list length not a multiple of 8");
        }
        if (data.length / 8 > MAX_IDS) {
            throw new DecodeException("device ID list too long");
        }
        ByteReader in = new ByteReader(data);
        List<Long> ids = new ArrayList<>(data.length / 8);
        while (in.remaining() > 0) {
            ids.add(in.u64le("device ID"));
        }
        return new DeletePushToken(ids);
    }

    /** True for the empty list: delete the tokens of all other devices. */
    public boolean allOtherDevices() {
        return cspDeviceIds.isEmpty();
    }

    public byte[] encode() {
        ByteWriter out = new ByteWriter(8 * cspDeviceIds.size());
        for (long id : cspDeviceIds) {
            out.u64le(id);
        }
        return out.toArray();
    }
}
