package dev.parley.chat.alert;

/**
 * Where an alert went: the connections on this node it was written to, and the other nodes that
 * were listening when it was handed to them (each writes it to its own connections; how many is
 * not waited for).
 *
 * @param connections connections on this node
 * @param nodes other nodes notified
 */
record AlertOutcome(int connections, int nodes) {

    /** What the API reports as {@code delivered}: this node's connections plus the nodes notified. */
    int delivered() {
        return connections + nodes;
    }

    String json() {
        return "{\"delivered\":" + delivered() + ",\"connections\":" + connections + ",\"nodes\":" + nodes + "}";
    }
}
