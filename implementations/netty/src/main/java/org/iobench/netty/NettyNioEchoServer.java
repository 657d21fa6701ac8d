package org.iobench.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.iobench.api.ServerConfig;
import org.iobench.nettycommon.NettyEchoServer;

import java.util.concurrent.ThreadFactory;

/** {@code netty-nio}: Netty 4.1 over the JDK's Selector (level-triggered epoll underneath). Always available. */
public final class NettyNioEchoServer extends NettyEchoServer {

    public NettyNioEchoServer(ServerConfig config) {
        super(config, "netty");
    }

    @Override
    protected EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new NioEventLoopGroup(threads, threadFactory);
    }

    @Override
    protected Class<? extends ServerChannel> serverChannelType() {
        return NioServerSocketChannel.class;
    }
}
