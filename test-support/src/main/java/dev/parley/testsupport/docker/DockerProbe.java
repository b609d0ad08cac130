package dev.parley.testsupport.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides in well under a second whether a Docker engine answers, so that machines without one
 * (a docker client but no daemon is common) fall back to embedded servers instead of waiting for
 * Testcontainers' own, much slower, discovery. Asks {@code GET /_ping} on {@code DOCKER_HOST} or
 * the usual socket paths. {@code PARLEY_TEST_DOCKER=false} skips Docker altogether.
 */
public final class DockerProbe {

    private static final int TIMEOUT_MILLIS = 1500;
    private static final byte[] PING = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static Boolean reachable;

    private DockerProbe() {
    }

    public static synchronized boolean reachable() {
        if (reachable == null) {
            reachable = !"false".equalsIgnoreCase(System.getenv("PARLEY_TEST_DOCKER")) && probe();
        }
        return reachable;
    }

    private static boolean probe() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            URI uri = URI.create(dockerHost.trim());
            if ("unix".equals(uri.getScheme())) {
                return pingUnix(Path.of(uri.getPath()));
            }
            return uri.getHost() != null && pingTcp(new InetSocketAddress(uri.getHost(), uri.getPort()));
        }
        return candidateSockets().stream().anyMatch(DockerProbe::pingUnix);
    }

    private static List<Path> candidateSockets() {
        List<Path> paths = new ArrayList<>();
        paths.add(Path.of("/var/run/docker.sock"));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            paths.add(Path.of(runtimeDir, "docker.sock"));
        }
        paths.add(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        return paths;
    }

    private static boolean pingTcp(SocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(PING);
            out.flush();
            InputStream in = socket.getInputStream();
            return isOk(new String(in.readNBytes(12), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean pingUnix(Path socketPath) {
        if (!Files.exists(socketPath)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            channel.write(ByteBuffer.wrap(PING));
            // Unix channels have no read timeout of their own; a selector gives one.
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer answer = ByteBuffer.allocate(12);
            long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
            while (answer.hasRemaining() && System.currentTimeMillis() < deadline) {
                selector.select(Math.max(1, deadline - System.currentTimeMillis()));
                if (channel.read(answer) < 0) {
                    break;
                }
                selector.selectedKeys().clear();
            }
            return isOk(new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isOk(String statusLineStart) {
        return statusLineStart.startsWith("HTTP/1.") && statusLineStart.endsWith("200");
    }
}
