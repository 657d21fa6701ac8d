package org.iobench.netty;

import org.iobench.api.EchoServer;
import org.iobench.api.ServerConfig;
import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty-epoll-lt}. */
class NettyEpollLevelTriggeredEchoServerTest extends NettyEchoServerContract {

    @Override
    protected EchoServer newServer(ServerConfig config) {
        return new NettyEpollLevelTriggeredEchoServer(config);
    }

    @Override
    protected String unavailableReason() {
        return NettyEpollLevelTriggeredEchoServer.unavailableReason();
    }
}
