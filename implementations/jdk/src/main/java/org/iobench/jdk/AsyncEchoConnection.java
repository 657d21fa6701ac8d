package org.iobench.jdk;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;

/**
 * One connection of {@link AsyncChannelEchoServer}: read completes -> write, repeated until the
 * buffer is fully written -> read again. At most one operation is outstanding, and no read is issued
 * while bytes are still being written: that is the backpressure, and the memory bound is this one
 * buffer (never a queue). The handler is this object, told apart by the attachment, so nothing is
 * allocated per echo by this code. How many such buffers may exist at once is the server's
 * {@link org.iobench.api.ConnectionBudget}; {@code onClose} gives this one's place back.
 */
final class AsyncEchoConnection extends AsyncConnection {
    private final ByteBuffer buffer;

    /** @throws OutOfMemoryError if direct memory is short after all (the caller refuses the connection) */
    AsyncEchoConnection(AsynchronousSocketChannel channel, int bufferBytes, Runnable onClose) {
        super(channel, onClose);
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
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
            write(buffer);
        } else if (buffer.hasRemaining()) {
            write(buffer);   // partial write: keep writing, and do not read until everything is out
        } else {
            readNext();
        }
    }

    private void readNext() {
        buffer.clear();
        read(buffer);
    }
}
