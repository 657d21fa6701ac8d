package org.iobench.jdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ShutdownChannelGroupException;

/**
 * What the two NIO.2 connections ({@link AsyncEchoConnection}, {@link AsyncWorkConnection}) share:
 * the channel, reads and writes started with the connection itself as handler (told apart by the
 * attachment, so nothing is allocated per operation), the half-close after the client's EOF, and a
 * close that gives the connection's admission back once.
 */
abstract class AsyncConnection implements CompletionHandler<Integer, AsyncConnection.Step> {
    enum Step { READ, WRITE }

    private final AsynchronousSocketChannel channel;
    private final Runnable onClose;
    /** Volatile: the work connection reads it on an offload pool thread. */
    private volatile boolean closed;

    AsyncConnection(AsynchronousSocketChannel channel, Runnable onClose) {
        this.channel = channel;
        this.onClose = onClose;
    }

    /** Reset by peer, or closed by the server's close(): quietly. */
    @Override
    public void failed(Throwable failure, Step step) {
        close();
    }

    final void read(ByteBuffer into) {
        try {
            channel.read(into, Step.READ, this);
        } catch (ShutdownChannelGroupException e) {
            close();
        }
    }

    final void write(ByteBuffer from) {
        try {
            channel.write(from, Step.WRITE, this);
        } catch (ShutdownChannelGroupException e) {
            close();
        }
    }

    /** The client half-closed and every byte it sent has been written back: send our EOF, then close. */
    final void finish() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            // the peer is gone already; closing is all that is left
        }
        close();
    }

    final boolean isClosed() {
        return closed;
    }

    final void close() {
        Shutdown.closeQuietly(channel);
        if (!closed) onClose.run();
        closed = true;
    }
}
