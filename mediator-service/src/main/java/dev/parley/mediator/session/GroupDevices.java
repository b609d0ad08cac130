package dev.parley.mediator.session;

import com.google.protobuf.ByteString;
import dev.parley.common.d2m.D2mCloseCode;
import dev.parley.common.d2m.D2mPayloadType;
import dev.parley.common.d2m.proto.DevicesInfo;
import dev.parley.common.d2m.proto.DropDeviceAck;
import dev.parley.common.d2m.proto.SlotExpirationPolicy;
import dev.parley.mediator.cluster.DevicePresence;
import dev.parley.mediator.slot.DeviceSlot;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Device management requests of an admitted device (PROTOCOLS.md §6.5): list the group's
 * devices, drop one, set the shared device data. None of them holds state of its own; answers
 * arrive on database or Redis threads and go out through {@link D2mSession#sendLocked}.
 */
final class GroupDevices {

    private GroupDevices() {
    }

    /** DevicesInfo: every slot with its encrypted info, its policy, and when it connected or left. */
    static void list(D2mSession session, SessionServices services) {
        Mono.zip(services.jdbc().call(j -> services.slots().list(session.groupId())),
                        services.registry().devices(session.groupHex()))
                .subscribe(both -> session.sendLocked(D2mPayloadType.DEVICES_INFO,
                        devicesInfo(both.getT1(), both.getT2()).toByteArray()), session::internalError);
    }

    static DevicesInfo devicesInfo(List<DeviceSlot> slots, Map<Long, DevicePresence> connected) {
        DevicesInfo.Builder info = DevicesInfo.newBuilder();
        for (DeviceSlot slot : slots) {
            DevicesInfo.AugmentedDeviceInfo.Builder device = DevicesInfo.AugmentedDeviceInfo.newBuilder()
                    .setEncryptedDeviceInfo(ByteString.copyFrom(slot.encryptedDeviceInfo()))
                    .setDeviceSlotExpirationPolicy(slot.persistent()
                            ? SlotExpirationPolicy.SLOT_PERSISTENT : SlotExpirationPolicy.SLOT_VOLATILE);
            DevicePresence at = connected.get(slot.deviceId());
            if (at != null) {
                device.setConnectedSince(at.connectedSince());
            } else if (slot.lastDisconnectAt() != null) {
                device.setLastDisconnectAt(slot.lastDisconnectAt().toEpochMilli());
            }
            info.putAugmentedDeviceInfo(slot.deviceId(), device.build());
        }
        return info.build();
    }

    /** Removes the slot and its queue, closes that device with 4113 wherever it is, then acks. */
    static void drop(D2mSession session, SessionServices services, long target) {
        services.jdbc().call(j -> services.slots().drop(session.groupId(), target))
                .flatMap(existed -> services.events()
                        .closeDevice(session.groupHex(), target, D2mCloseCode.DEVICE_DROPPED, null)
                        .thenReturn(existed))
                .subscribe(existed -> session.sendLocked(D2mPayloadType.DROP_DEVICE_ACK,
                        DropDeviceAck.newBuilder().setDeviceId(target).build().toByteArray()), session::internalError);
    }

    /** Stored encrypted as sent; later ServerInfo messages carry it. */
    static void setSharedData(D2mSession session, SessionServices services, byte[] encrypted) {
        services.jdbc().call(j -> {
            services.slots().setSharedDeviceData(session.groupId(), encrypted);
            return true;
        }).subscribe(null, session::internalError);
    }
}
