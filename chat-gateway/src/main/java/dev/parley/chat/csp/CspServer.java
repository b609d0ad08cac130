package dev.parley.chat.csp;

import dev.parley.chat.ChatProperties;
import dev.parley.chat.keys.ServerKeyPair;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The CSP listener (plain TCP, PROTOCOLS.md §5.1), on Netty's native epoll transport where it
 * loads, else NIO. Threading: one boss thread accepts, the worker
 * event loops (one per core unless configured) each own their connections for their whole life;
 * blocking work (directory lookups, database) never runs on them. Without a server key the
 * service runs without the listener, and says so.
 */
@Component
public class CspServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CspServer.class);

    private final ChatProperties properties;
    private final ObjectProvider<ServerKeyPair> serverKey;
    private final CspServices services;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;
    private String transport = "none";
    private final List<Channel> extraListeners = new ArrayList<>();

    CspServer(ChatProperties properties, ObjectProvider<ServerKeyPair> serverKey, CspServices services) {
        this.properties = properties;
        this.serverKey = serverKey;
        this.services = services;
    }

    @Override
    public void start() {
        ServerKeyPair key = serverKey.getIfAvailable();
        if (key == null) {
            log.warn("No chat server key configured (parley.chat.keys.server-key-file): the CSP listener is off");
            return;
        }
        // Native epoll where it loads (Linux; -Dio.netty.transport.noNative=true turns it off):
        // about a seventh less CPU per login than NIO in bench/chat's A/B runs.
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        transport = epoll ? "epoll" : "nio";
        boss = new MultiThreadIoEventLoopGroup(1, io);
        workers = new MultiThreadIoEventLoopGroup(properties.csp().ioThreads(), io);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(channel)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // A connection counts as backlogged past 1 MiB unsent (and ready again under
                // 512 KiB): bursts to a healthy client fit, a client that stops reading is noticed.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024))
                .childHandler(new CspChannelInitializer(key, properties, services));
        listener = bootstrap.bind(properties.csp().port()).syncUninterruptibly().channel();
        for (int extra : properties.csp().extraPorts()) {
            extraListeners.add(bootstrap.bind(extra).syncUninterruptibly().channel());
        }
        log.info("CSP listening on port {}{} ({})", port(), extraListeners.isEmpty() ? "" : " and " + extraPorts(),
                transport);
    }

    /** The bound port (the configured one, or the one picked for 0); -1 when not listening. */
    public int port() {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** {@code epoll} or {@code nio} once listening, {@code none} before. */
    public String transport() {
        return transport;
    }

    /** The bound extra ports, in configuration order. */
    public List<Integer> extraPorts() {
        return extraListeners.stream().map(c -> ((InetSocketAddress) c.localAddress()).getPort()).toList();
    }

    @Override
    public void stop() {
        extraListeners.forEach(c -> c.close().syncUninterruptibly());
        extraListeners.clear();
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        if (boss != null) {
            boss.shutdownGracefully().syncUninterruptibly();
            workers.shutdownGracefully().syncUninterruptibly();
            boss = null;
            workers = null;
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    @Override
    public int getPhase() {
        // Stops before the message writer, which drains what was accepted.
        return Integer.MAX_VALUE - 1000;
    }
}
