package dev.parley.client.load.csp;

import dev.parley.client.load.LoadIdentity;
import dev.parley.common.csp.extension.LoginExtensions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@link CspSession}s to one chat server on a few Netty event loops, with no thread per
 * connection. Each connection binds the next of the configured source addresses (round robin):
 * the kernel gives every source address its own range of ephemeral ports, so with
 * 127.0.0.1 … 127.0.0.N on loopback one machine can hold far more than 64k connections.
 */
public final class CspLoadClient implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Bootstrap> bootstraps = new ArrayList<>();
    private final InetSocketAddress server;
    private final byte[] serverKey;
    private final List<InetAddress> sources;
    private final AtomicInteger nextSource = new AtomicInteger();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final long timeoutMillis;
    private final boolean epoll;

    /**
     * @param sources source addresses to bind, round robin; empty lets the kernel choose
     */
    public CspLoadClient(InetSocketAddress server, byte[] serverKey, int eventLoops, List<InetAddress> sources,
                         Duration timeout) {
        this.server = server;
        this.serverKey = serverKey.clone();
        this.sources = List.copyOf(sources);
        this.timeoutMillis = timeout.toMillis();
        this.epoll = epollAvailable() && !Boolean.getBoolean("parley.load.nio");
        this.group = new MultiThreadIoEventLoopGroup(eventLoops, new DefaultThreadFactory("load-csp", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        group.forEach(executor -> loops.add((EventLoop) executor));
        for (EventLoop loop : loops) {
            bootstraps.add(new Bootstrap().group(loop).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis)));
        }
    }

    /** Native epoll is an optional dependency: present in the CLI jar, maybe absent elsewhere. */
    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** {@code epoll} (native, Linux) or {@code nio}. */
    public String transport() {
        return epoll ? "epoll" : "nio";
    }

    public int eventLoops() {
        return loops.size();
    }

    /** Event loop {@code i} (modulo their number): scenarios put connections that talk to each other on one loop. */
    public EventLoop loop(int i) {
        return loops.get(Math.floorMod(i, loops.size()));
    }

    /** Opens a connection on the next event loop. */
    public CspSession connect(LoadIdentity identity, LoginExtensions extensions, CspSession.Listener listener) {
        return connect(loop(nextLoop.getAndIncrement()), identity, extensions, listener);
    }

    /** Opens a connection on {@code loop}; the listener hears of its login or failure. Any thread. */
    public CspSession connect(EventLoop loop, LoadIdentity identity, LoginExtensions extensions,
                              CspSession.Listener listener) {
        CspSession session = new CspSession(identity, serverKey, extensions, listener, timeoutMillis);
        Bootstrap bootstrap = bootstraps.get(loops.indexOf(loop)).clone().handler(session);
        ChannelFuture future = sources.isEmpty() ? bootstrap.connect(server)
                : bootstrap.connect(server, new InetSocketAddress(
                        sources.get(Math.floorMod(nextSource.getAndIncrement(), sources.size())), 0));
        session.bind(future.channel());
        future.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                session.connectFailed("connect failed: " + (cause == null ? "cancelled"
                        : cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            }
        });
        return session;
    }

    /**
     * Source addresses from a spec: {@code auto} (one loopback address per 20,000 connections
     * when the server is on loopback, else none), {@code none}, a range {@code 127.0.0.1-127.0.0.8},
     * or a comma-separated list.
     */
    public static List<InetAddress> sourceAddresses(String spec, InetSocketAddress server, int connections)
            throws UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.equals("auto")) {
            InetAddress target = server.getAddress();
            if (target != null && target instanceof java.net.Inet4Address && target.isLoopbackAddress()
                    && connections > 20_000) {
                int count = Math.min(250, (connections + 19_999) / 20_000 + 1);
                for (int i = 1; i <= count; i++) {
                    out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (i + 1)}));
                }
            }
            return out;
        }
        if (spec.equals("none")) {
            return out;
        }
        for (String part : spec.split(",")) {
            part = part.strip();
            int dash = part.indexOf('-');
            if (dash < 0) {
                out.add(InetAddress.getByName(part));
                continue;
            }
            byte[] from = InetAddress.getByName(part.substring(0, dash)).getAddress();
            byte[] to = InetAddress.getByName(part.substring(dash + 1)).getAddress();
            if (from.length != 4 || to.length != 4 || from[0] != to[0] || from[1] != to[1] || from[2] != to[2]) {
                throw new IllegalArgumentException("a source address range differs only in its last byte: " + part);
            }
            for (int last = from[3] & 0xff; last <= (to[3] & 0xff); last++) {
                out.add(InetAddress.getByAddress(new byte[] {from[0], from[1], from[2], (byte) last}));
            }
        }
        return out;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
