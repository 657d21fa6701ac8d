package org.iobench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerSocketChannel;
import org.iobench.api.ServerConfig;
import org.iobench.nettycommon.NettyEchoServer;

import java.util.concurrent.ThreadFactory;

/**
 * Netty 4.1's native epoll transport with a chosen trigger mode, for the listening socket and every
 * accepted one. {@code netty-epoll-et} and {@code netty-epoll-lt} are this class with the mode fixed,
 * so the trigger mode is the only thing that differs between them.
 */
public abstract class NettyEpollEchoServer extends NettyEchoServer {
    private final EpollMode mode;

    protected NettyEpollEchoServer(ServerConfig config, EpollMode mode) {
        super(config, "netty");
        this.mode = mode;
    }

    /** null when Netty's native epoll library loads here, else why it does not. */
    static String epollUnavailableReason() {
        if (Epoll.isAvailable()) return null;
        Throwable cause = Epoll.unavailabilityCause();
        return "Netty native epoll unavailable: " + (cause == null ? "unknown reason" : cause);
    }

    @Override
    protected EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return new EpollEventLoopGroup(threads, threadFactory);
    }

    @Override
    protected Class<? extends ServerChannel> serverChannelType() {
        return EpollServerSocketChannel.class;
    }

    @Override
    protected void configureTransport(ServerBootstrap bootstrap) {
        bootstrap.option(EpollChannelOption.EPOLL_MODE, mode)
                .childOption(EpollChannelOption.EPOLL_MODE, mode);
    }
}
