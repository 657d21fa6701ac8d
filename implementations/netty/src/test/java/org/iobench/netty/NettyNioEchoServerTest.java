package org.iobench.netty;

import org.iobench.api.EchoServer;
import org.iobench.api.ServerConfig;
import org.iobench.nettycommon.NettyEchoServerContract;

/** {@link NettyEchoServerContract} for {@code netty-nio}. */
class NettyNioEchoServerTest extends NettyEchoServerContract {

    @Override
    protected EchoServer newServer(ServerConfig config) {
        return new NettyNioEchoServer(config);
    }
}
