package org.iobench.netty42;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import org.iobench.api.ServerConfig;

/**
 * {@code netty42-epoll}: Netty 4.2 native epoll. 4.2 dropped edge-triggered mode (netty PR #14031),
 * so this is level-triggered; set beside {@code netty-epoll-et} it shows what dropping ET cost.
 */
public final class Netty42EpollEchoServer extends Netty42EchoServer {

    public Netty42EpollEchoServer(ServerConfig config) {
        super(config);
    }

    public static String unavailableReason() {
        if (Epoll.isAvailable()) return null;
        Throwable cause = Epoll.unavailabilityCause();
        return "Netty native epoll unavailable: " + (cause == null ? "unknown reason" : cause);
    }

    @Override
    protected IoHandlerFactory ioHandlerFactory() {
        return EpollIoHandler.newFactory();
    }

    @Override
    protected Class<? extends ServerChannel> serverChannelType() {
        return EpollServerSocketChannel.class;
    }
}
