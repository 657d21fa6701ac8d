package org.iobench.jdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ShutdownChannelGroupException;

/**
 * One connection of {@link AsyncChannelEchoServer}: read completes -> write, repeated until the
 * buffer is fully written -> read again. At most one operation is outstanding, and no read is issued
 * while bytes are still being written: that is the backpressure, and the memory bound is this one
 * buffer (never a queue). The handler is this object, told apart by the attachment, so nothing is
 * allocated per echo by this code. How many such buffers may exist at once is the server's
 * {@link org.iobench.api.ConnectionBudget}; {@code onClose} gives this one's place back.
 */
final class AsyncEchoConnection implements CompletionHandler<Integer, AsyncEchoConnection.Step> {
    enum Step { READ, WRITE }

    private final AsynchronousSocketChannel channel;
    private final ByteBuffer buffer;
    private final Runnable onClose;
    /** Handlers of one connection never overlap (one operation at a time), so a plain flag will do. */
    private boolean closed;

    /** @throws OutOfMemoryError if direct memory is short after all (the caller refuses the connection) */
    AsyncEchoConnection(AsynchronousSocketChannel channel, int bufferBytes, Runnable onClose) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
        this.onClose = onClose;
    }

    void start() {
        readNext();
    }

    @Override
    public void completed(Integer bytes, Step step) {
        if (step == Step.READ && bytes < 0) {
            finish();
        } else if (step == Step.READ) {
            buffer.flip();
            writeRest();
        } else if (buffer.hasRemaining()) {
            writeRest();   // partial write: keep writing, and do not read until everything is out
        } else {
            readNext();
        }
    }

    @Override
    public void failed(Throwable failure, Step step) {
        close();   // reset by peer, or closed by the server's close(): quietly
    }

    private void readNext() {
        buffer.clear();
        try {
            channel.read(buffer, Step.READ, this);
        } catch (ShutdownChannelGroupException e) {
            close();
        }
    }

    private void writeRest() {
        try {
            channel.write(buffer, Step.WRITE, this);
        } catch (ShutdownChannelGroupException e) {
            close();
        }
    }

    /** The client half-closed and every byte it sent has been written back: send our EOF, then close. */
    private void finish() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            // the peer is gone already; closing is all that is left
        }
        close();
    }

    private void close() {
        Shutdown.closeQuietly(channel);
        if (!closed) onClose.run();
        closed = true;
    }
}
