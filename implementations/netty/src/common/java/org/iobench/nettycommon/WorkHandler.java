package org.iobench.nettycommon;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.concurrent.RejectedExecutionException;
import org.iobench.api.MessageWork;
import org.iobench.api.OffloadPool;

/**
 * The echo with {@link MessageWork} on each whole message, one instance per connection, in Netty's
 * idiom: reads accumulate until a message is whole; CPU work runs inline in the handler on the event
 * loop; blocking work goes to the bounded {@link OffloadPool} and the echo is written back on the
 * channel's event loop. While a message is away (or waiting for a pool slot) the channel's autoRead
 * is off: the backpressure, so the pool never queues more than its bound and a flooding client
 * only fills its socket buffers.
 *
 * <p>With no pool ({@code --offload-threads 0}) blocking work runs inline on the event loop. That is
 * the anti-pattern this benchmark demonstrates on purpose: every connection of the loop waits while
 * one message sleeps. It is labelled as such wherever its figures appear.
 *
 * <p>A connection's messages are worked on one at a time, so echoes keep their order.
 */
final class WorkHandler extends ChannelInboundHandlerAdapter {
    private final MessageWork work;
    /** Null: every kind of work runs inline on the event loop. */
    private final OffloadPool pool;
    private final Runnable workOnPool = this::workOnPool;
    private final Runnable workDoneOnLoop = this::workDone;
    private final Runnable submitOnLoop = this::submit;
    private final Runnable slotFree = this::slotFree;
    private ChannelHandlerContext ctx;
    /** Received and not yet worked on; slices of it (messages being written) may still be out. */
    private ByteBuf pending;
    /** The message on the pool or waiting for a slot; null when none. */
    private ByteBuf away;
    private boolean inputEnded;
    private boolean closed;

    WorkHandler(MessageWork work, OffloadPool pool) {
        this.work = work;
        this.pool = work.blocks() ? pool : null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (pending == null) {
            pending = in;   // the read buffer itself: no copy when a read holds whole messages
        } else {
            // Compacting or growing moves bytes that a message's slice (being written, or on the pool)
            // may still point at: with one out, a fresh buffer takes the rest; the slice keeps the old.
            if (pending.refCnt() == 1) {
                pending.discardSomeReadBytes();
            } else if (!pending.isWritable(in.readableBytes())) {
                ByteBuf fresh = context.alloc().buffer(pending.readableBytes() + in.readableBytes());
                fresh.writeBytes(pending);
                pending.release();
                pending = fresh;
            }
            pending.writeBytes(in);
            in.release();
        }
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        context.flush();
    }

    /** Works on every whole message while none is away; the last, shorter one counts once the input ended. */
    private void drain() {
        while (away == null && pending != null) {
            int readable = pending.readableBytes();
            int length = readable >= work.messageBytes() ? work.messageBytes() : inputEnded ? readable : 0;
            if (length == 0) break;
            ByteBuf message = pending.readRetainedSlice(length);
            if (pool == null) {
                work.perform(message.nioBuffer());
                ctx.write(message);
            } else {
                away = message;
                readWhile(false);
                submit();
            }
        }
        if (pending != null && !pending.isReadable()) {
            pending.release();
            pending = null;
        }
        if (away == null && inputEnded) {
            // Everything the client sent is worked on and written: close, which sends our FIN after it.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** On the loop: hand the message to the pool, or wait to be woken when a slot frees. */
    private void submit() {
        if (closed) {
            pool.passOn();   // woken after the channel closed: the free slot is the next waiter's
            away.release();
            away = null;
        } else {
            pool.submit(workOnPool, slotFree);
        }
    }

    /** On the pool thread whose task freed a slot. */
    private void slotFree() {
        onLoop(submitOnLoop);
    }

    /** On a pool thread. */
    private void workOnPool() {
        work.perform(away.nioBuffer());
        onLoop(workDoneOnLoop);
    }

    private void onLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down with the server: nothing left to echo to
        }
    }

    /** Back on the loop: echo the message, go on with the next, and read again when none is away. */
    private void workDone() {
        ByteBuf message = away;
        away = null;
        if (closed) {
            message.release();
            return;
        }
        ctx.writeAndFlush(message);
        drain();
        if (away == null) readWhile(ctx.channel().isWritable());
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        // Reading only while writable, and never while a message is away, bounds what a connection holds.
        readWhile(context.channel().isWritable() && away == null);
        context.fireChannelWritabilityChanged();
    }

    /**
     * Turns reading on or off, until the client's EOF: after it there is nothing left to read, and
     * Netty 4.2's epoll transport fails the change (epoll_ctl: ENOENT) once the input is shut down.
     */
    private void readWhile(boolean read) {
        if (!inputEnded) ctx.channel().config().setAutoRead(read);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
            drain();
        } else {
            context.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        closed = true;
        context.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        closed = true;
        if (pending != null) pending.release();
        pending = null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        EchoHandler.INSTANCE.exceptionCaught(context, cause);   // the same one line, the same close
    }
}
