package dev.parley.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.DefaultChannelId;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

class FileRegionResponseTest {

    /** A connection a server accepted has the listening channel as its parent. */
    private static EmbeddedChannel acceptedConnection() {
        return new EmbeddedChannel(new EmbeddedChannel(), DefaultChannelId.newInstance(), true, false);
    }

    @Test
    void aPlainAcceptedConnectionCarriesFileRegions() {
        assertThat(FileRegionResponse.carriesFileRegions(acceptedConnection())).isTrue();
    }

    @Test
    void tlsNeedsTheBytesInTheHeap() throws Exception {
        EmbeddedChannel channel = acceptedConnection();
        channel.pipeline().addLast(new SslHandler(SSLContext.getDefault().createSSLEngine()));

        assertThat(FileRegionResponse.carriesFileRegions(channel)).isFalse();
    }

    @Test
    void aCompressedResponseNeedsTheBytesInTheHeap() {
        EmbeddedChannel channel = acceptedConnection();
        channel.pipeline().addLast(NettyPipeline.CompressionHandler, new ChannelDuplexHandler());

        assertThat(FileRegionResponse.carriesFileRegions(channel)).isFalse();
    }
}
