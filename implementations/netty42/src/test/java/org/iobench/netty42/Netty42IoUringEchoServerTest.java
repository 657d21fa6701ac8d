package org.iobench.netty42;

import org.iobench.api.EchoServer;
import org.iobench.api.ServerConfig;
import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty42-io-uring}. */
class Netty42IoUringEchoServerTest extends NettyEchoServerContract {

    @Override
    protected EchoServer newServer(ServerConfig config) {
        return new Netty42IoUringEchoServer(config);
    }

    @Override
    protected String unavailableReason() {
        return Netty42IoUringEchoServer.unavailableReason();
    }
}
