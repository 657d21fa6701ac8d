package org.iobench.netty;

import io.netty.channel.epoll.EpollMode;
import org.iobench.api.ServerConfig;

/** {@code netty-epoll-lt}: Netty 4.1 native epoll, level-triggered; otherwise identical to netty-epoll-et. */
public final class NettyEpollLevelTriggeredEchoServer extends NettyEpollEchoServer {

    public NettyEpollLevelTriggeredEchoServer(ServerConfig config) {
        super(config, EpollMode.LEVEL_TRIGGERED);
    }

    public static String unavailableReason() {
        return epollUnavailableReason();
    }
}
