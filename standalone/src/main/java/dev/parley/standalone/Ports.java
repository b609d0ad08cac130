package dev.parley.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port choice for the servers the launcher starts itself, which cannot be told "any free port". */
public final class Ports {

    private Ports() {
    }

    /**
     * {@code requested}, checked to be free on loopback, or a free port when {@code requested} is 0.
     * A taken port fails with a message naming the setting to change, instead of a server's own
     * less helpful error.
     */
    public static int resolve(int requested, String setting) {
        try (ServerSocket socket = new ServerSocket(requested, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Port " + requested + " is taken; choose another with --" + setting
                    + "=<port> or the matching environment variable", e);
        }
    }
}
