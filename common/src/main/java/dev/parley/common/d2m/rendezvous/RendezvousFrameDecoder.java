package dev.parley.common.d2m.rendezvous;

import dev.parley.common.codec.LengthPrefixedFrameDecoder;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Client-side incremental decoder for rendezvous frames ({@code u32-le length || data},
 * PROTOCOLS.md §6.6). Feed it every binary WebSocket message in order; a frame may span several
 * messages and a message may hold several frames. Lengths above the configured maximum are
 * rejected before allocation. One instance per path, confined to its reading thread.
 */
public final class RendezvousFrameDecoder {

    private final LengthPrefixedFrameDecoder frames;

    public RendezvousFrameDecoder() {
        this(RendezvousFrames.DEFAULT_MAX_LENGTH);
    }

    public RendezvousFrameDecoder(int maxLength) {
        this.frames = new LengthPrefixedFrameDecoder(RendezvousFrames.LENGTH_PREFIX, 0, maxLength);
    }

    /** The next complete frame's data, or {@code null} when {@code in} ran out first. */
    public byte[] decode(ByteBuffer in) {
        return frames.decode(in);
    }

    /** Feeds one WebSocket message; every completed frame goes to {@code sink}. */
    public int decode(byte[] message, Consumer<byte[]> sink) {
        return frames.decode(message, 0, message.length, sink);
    }

    public boolean isAtFrameBoundary() {
        return frames.isAtFrameBoundary();
    }
}
