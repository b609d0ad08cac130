package dev.parley.common.d2m.rendezvous;

import dev.parley.common.codec.LittleEndian;

/**
 * The frame of the rendezvous protocol (PROTOCOLS.md §6.6; the generic transport frame of the
 * extra structs): {@code length u32-le || data}. Frames may be split across WebSocket messages,
 * so receivers reassemble them with {@link RendezvousFrameDecoder}; the relay itself forwards
 * bytes without parsing them.
 *
 * <p>The protocol sets no upper bound, so the decoder takes one: {@link #DEFAULT_MAX_LENGTH}
 * unless the upper-layer protocol needs more.
 */
public final class RendezvousFrames {

    public static final int LENGTH_PREFIX = 4;
    /** 16 MiB: generous for the device-join data while bounding what a peer can make us allocate. */
    public static final int DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;

    private RendezvousFrames() {
    }

    /** {@code u32-le(data.length) || data}. */
    public static byte[] encode(byte[] data) {
        byte[] frame = new byte[LENGTH_PREFIX + data.length];
        LittleEndian.putU32(frame, 0, data.length);
        System.arraycopy(data, 0, frame, LENGTH_PREFIX, data.length);
        return frame;
    }
}
