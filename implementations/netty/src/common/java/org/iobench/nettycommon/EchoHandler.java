package org.iobench.nettycommon;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

import java.io.IOException;

/**
 * The echo, as in Netty's example/echo: every buffer read is written back, and one flush per read
 * batch. Stateless, so one instance serves every connection.
 *
 * <p>Backpressure: the channel's write-buffer watermarks are set from the configured buffer size, so
 * once more than that is pending towards a client that does not read, the channel turns unwritable
 * and we stop reading from it; reading resumes when the pending bytes drain below the low mark.
 * (One source, compiled into the netty and netty42 modules: the two Netty versions cannot share a
 * classpath, but this code reads the same against both.)
 */
@Sharable
final class EchoHandler extends ChannelInboundHandlerAdapter {
    static final EchoHandler INSTANCE = new EchoHandler();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Reading only while writable bounds what one connection can make the server hold.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            // The client half-closed: once everything it sent has been written back, close, which
            // sends our FIN after the data. Close rather than shutdownOutput: the connection has
            // nothing left to do and closing releases its descriptor.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are the client's business; anything else is worth one line.
        if (!(cause instanceof IOException)) {
            System.err.println("iobench: closing connection after " + cause);
        }
        ctx.close();
    }
}
