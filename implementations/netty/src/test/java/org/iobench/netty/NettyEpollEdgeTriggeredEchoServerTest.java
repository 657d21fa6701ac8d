package org.iobench.netty;

import org.iobench.api.EchoServer;
import org.iobench.api.ServerConfig;
import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty-epoll-et}. */
class NettyEpollEdgeTriggeredEchoServerTest extends NettyEchoServerContract {

    @Override
    protected EchoServer newServer(ServerConfig config) {
        return new NettyEpollEdgeTriggeredEchoServer(config);
    }

    @Override
    protected String unavailableReason() {
        return NettyEpollEdgeTriggeredEchoServer.unavailableReason();
    }
}
