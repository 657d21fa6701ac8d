package org.iobench.netty;

import io.netty.channel.epoll.EpollMode;
import org.iobench.api.ServerConfig;

/** {@code netty-epoll-et}: Netty 4.1 native epoll, edge-triggered (EPOLLET, Netty 4.1's default). */
public final class NettyEpollEdgeTriggeredEchoServer extends NettyEpollEchoServer {

    public NettyEpollEdgeTriggeredEchoServer(ServerConfig config) {
        super(config, EpollMode.EDGE_TRIGGERED);
    }

    public static String unavailableReason() {
        return epollUnavailableReason();
    }
}
