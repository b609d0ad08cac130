package dev.parley.mediator.rendezvous;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The open rendezvous paths of this node and how many relay connections each source address
 * holds. Pairing happens in memory: both devices of a path must reach the same node, which the
 * path prefix in the host name ({@code rendezvous-{prefix4}}) or the ingress' path-prefix routing
 * arranges in a multi-node deployment.
 */
@Component
class RendezvousRooms {

    private final Map<String, RendezvousRoom> rooms = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    /** The room the peer joined, or null when the path already has two peers. */
    RendezvousRoom join(String path, RendezvousPeer peer) {
        RendezvousRoom[] joined = new RendezvousRoom[1];
        rooms.compute(path, (p, room) -> {
            if (room == null) {
                room = new RendezvousRoom(p, this);
            }
            joined[0] = room.admit(peer) ? room : null;
            return room;
        });
        return joined[0];
    }

    void remove(RendezvousRoom room) {
        rooms.remove(room.path(), room);
    }

    boolean takeAddress(String address, int limit) {
        AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > limit) {
            releaseAddress(address);
            return false;
        }
        return true;
    }

    void releaseAddress(String address) {
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    int size() {
        return rooms.size();
    }
}
