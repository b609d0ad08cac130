package dev.parley.mediator.slot;

import dev.parley.common.d2m.D2mCloseCode;
import java.util.OptionalLong;

/**
 * The outcome of admitting a device to its group: either a close code, or the slot state to
 * report (NEW or EXISTING), what ServerInfo carries, and the device that lost its slot to make
 * room (DROP_LEAST_RECENT), which must be disconnected with 4113.
 */
public record Admission(D2mCloseCode refusal, boolean existing, byte[] sharedDeviceData, int queueLength,
                        OptionalLong droppedDevice) {

    static Admission refused(D2mCloseCode code) {
        return new Admission(code, false, new byte[0], 0, OptionalLong.empty());
    }

    public boolean admitted() {
        return refusal == null;
    }
}
