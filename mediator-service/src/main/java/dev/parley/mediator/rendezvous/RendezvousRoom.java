package dev.parley.mediator.rendezvous;

/**
 * One rendezvous path: at most two peers. What one peer sends goes to the other unchanged; when
 * one leaves, the other is closed with 1000 or a 41xx code reflected from the leaver, or 4004
 * otherwise (§6.6).
 */
final class RendezvousRoom {

    private final String path;
    private final RendezvousRooms rooms;
    private RendezvousPeer first;
    private RendezvousPeer second;
    private boolean closed;

    RendezvousRoom(String path, RendezvousRooms rooms) {
        this.path = path;
        this.rooms = rooms;
    }

    String path() {
        return path;
    }

    synchronized boolean admit(RendezvousPeer peer) {
        if (closed || second != null) {
            return false;
        }
        if (first == null) {
            first = peer;
        } else {
            second = peer;
            first.paired(second);
            second.paired(first);
        }
        return true;
    }

    synchronized boolean paired() {
        return second != null;
    }

    /** A peer left with {@code code} (the close code it sent, or -1 when the connection broke). */
    void left(RendezvousPeer peer, int code) {
        RendezvousPeer other;
        synchronized (this) {
            closed = true;
            other = peer == first ? second : first;
        }
        rooms.remove(this);
        if (other != null) {
            boolean reflect = code == 1000 || (code >= 4100 && code <= 4199);
            other.close(reflect ? code : RendezvousPeer.PEER_LEFT);
        }
    }
}
