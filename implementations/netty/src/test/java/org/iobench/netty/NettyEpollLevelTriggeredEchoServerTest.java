package org.iobench.netty;

import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty-epoll-lt}. */
class NettyEpollLevelTriggeredEchoServerTest extends NettyEchoServerContract {
    NettyEpollLevelTriggeredEchoServerTest() {
        super(NettyEpollLevelTriggeredEchoServer::new, NettyEpollLevelTriggeredEchoServer::unavailableReason);
    }
}
