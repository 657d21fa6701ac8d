package org.iobench.netty42;

import org.iobench.api.EchoServer;
import org.iobench.api.ServerConfig;
import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty42-epoll}. */
class Netty42EpollEchoServerTest extends NettyEchoServerContract {

    @Override
    protected EchoServer newServer(ServerConfig config) {
        return new Netty42EpollEchoServer(config);
    }

    @Override
    protected String unavailableReason() {
        return Netty42EpollEchoServer.unavailableReason();
    }
}
