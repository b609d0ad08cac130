package dev.parley.mediator.session;

import dev.parley.common.d2m.proto.ClientHello;
import dev.parley.common.d2m.proto.SlotExpirationPolicy;
import dev.parley.common.d2m.proto.SlotState;
import dev.parley.common.d2m.proto.SlotsExhaustedPolicy;
import dev.parley.mediator.cluster.DevicePresence;
import dev.parley.mediator.slot.Admission;
import dev.parley.mediator.slot.SlotPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * This connection's hold on its device slot: admission (the slot in the database, then the
 * device in the registry, which names the connection it replaces) and release when the
 * connection ends. A release waits for a running admission's answer, and leaves the slot alone
 * when a newer connection of the same device has taken it over. Guarded by the session's monitor.
 */
final class SlotTenancy {

    private static final Logger log = LoggerFactory.getLogger(SlotTenancy.class);

    /** The slot's answer, and the connection of the same device that this one replaces, if any. */
    record Admitted(Admission admission, DevicePresence replaced) {
    }

    private final SessionServices services;
    private final byte[] groupId;
    private final String groupHex;
    private boolean running;
    private boolean held;

    SlotTenancy(SessionServices services, byte[] groupId, String groupHex) {
        this.services = services;
        this.groupId = groupId;
        this.groupHex = groupHex;
    }

    /** What the ClientHello asks of its slot (PROTOCOLS.md §6.3). */
    static SlotPolicy policy(ClientHello hello) {
        return new SlotPolicy(
                hello.getExpectedDeviceSlotState() == SlotState.SLOT_EXISTING,
                hello.getDeviceSlotExpirationPolicy() == SlotExpirationPolicy.SLOT_PERSISTENT,
                hello.getDeviceSlotsExhaustedPolicy() == SlotsExhaustedPolicy.SLOTS_DROP_LEAST_RECENT);
    }

    Mono<Admitted> admit(long device, SlotPolicy policy, byte[] deviceInfo, DevicePresence me) {
        running = true;
        return services.jdbc().call(j -> services.slots().admit(groupId, device, policy, deviceInfo))
                .flatMap(admission -> !admission.admitted() ? Mono.just(new Admitted(admission, null))
                        : services.registry().register(groupHex, device, me)
                                .map(previous -> new Admitted(admission, previous.orElse(null))));
    }

    /** The admission answered (or failed: {@code admitted} false). */
    void answered(boolean admitted) {
        running = false;
        held = admitted;
    }

    /**
     * Leaves the registry and marks the slot disconnected (removing a volatile one), unless a newer
     * connection of the same device already took over: its slot must stay.
     */
    void release(long device, DevicePresence me) {
        if (!held || running) {
            return;
        }
        held = false;
        services.registry().unregister(groupHex, device, me)
                .filter(stillMine -> stillMine)
                .flatMap(stillMine -> services.jdbc().call(j -> {
                    services.slots().disconnected(groupId, device);
                    return true;
                }))
                .subscribe(null, e -> log.warn("releasing a device slot failed: {}", e.toString()));
    }
}
