package dev.parley.mediator.proxy;

import dev.parley.common.codec.DecodeException;
import dev.parley.common.csp.frame.CspFrames;
import dev.parley.common.csp.handshake.LoginAck;
import dev.parley.common.csp.handshake.ServerHello;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the chat server's TCP byte stream into the units that D2M proxy messages carry
 * (PROTOCOLS.md §6.4): the 80-byte server-hello, the 32-byte login-ack, then one frame per unit
 * including its u16-le length prefix. Clients check that the prefix matches the unit's size, so
 * a unit is never split or merged.
 *
 * <p>Not thread-safe; one instance per proxied connection, fed from its event loop. Only the
 * bytes of the unit being assembled are held, and a frame length is checked against the CSP
 * maximum before anything is allocated for it.
 */
public final class CspStreamSegmenter {

    private enum Expect { SERVER_HELLO, LOGIN_ACK, FRAMES }

    private Expect expect = Expect.SERVER_HELLO;
    private byte[] unit;
    private int filled;
    /** A frame's length prefix can arrive split across reads. */
    private final byte[] prefix = new byte[CspFrames.LENGTH_PREFIX];
    private int prefixFilled;

    /** Consumes all readable bytes of {@code in} and returns the units it completed, in order. */
    public List<byte[]> feed(ByteBuf in) {
        List<byte[]> units = new ArrayList<>(2);
        while (in.isReadable()) {
            if (unit == null && !startUnit(in)) {
                break;
            }
            int take = Math.min(unit.length - filled, in.readableBytes());
            in.readBytes(unit, filled, take);
            filled += take;
            if (filled == unit.length) {
                units.add(unit);
                unit = null;
                filled = 0;
            }
        }
        return units;
    }

    /** Sizes the next unit; false when a frame's length prefix has not fully arrived yet. */
    private boolean startUnit(ByteBuf in) {
        switch (expect) {
            case SERVER_HELLO -> {
                unit = new byte[ServerHello.LENGTH];
                expect = Expect.LOGIN_ACK;
            }
            case LOGIN_ACK -> {
                unit = new byte[LoginAck.LENGTH];
                expect = Expect.FRAMES;
            }
            case FRAMES -> {
                while (prefixFilled < prefix.length && in.isReadable()) {
                    prefix[prefixFilled++] = in.readByte();
                }
                if (prefixFilled < prefix.length) {
                    return false;
                }
                int length = (prefix[0] & 0xff) | (prefix[1] & 0xff) << 8;
                if (length < CspFrames.MIN_BOX_LENGTH || length > CspFrames.MAX_BOX_LENGTH) {
                    throw new DecodeException("CSP frame length out of range");
                }
                unit = new byte[CspFrames.LENGTH_PREFIX + length];
                unit[0] = prefix[0];
                unit[1] = prefix[1];
                filled = CspFrames.LENGTH_PREFIX;
                prefixFilled = 0;
            }
        }
        return true;
    }

    /** True when the stream ended between units rather than inside one. */
    public boolean atUnitBoundary() {
        return unit == null && prefixFilled == 0;
    }
}
