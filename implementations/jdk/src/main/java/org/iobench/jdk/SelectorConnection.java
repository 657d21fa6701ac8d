package org.iobench.jdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection of a selector loop. It owns one direct buffer of the configured size and is
 * interested in exactly one thing at a time: reading when the buffer is empty, writing when a write
 * left bytes behind. Not reading while bytes are pending is the backpressure: a client that does not
 * read fills its socket buffers and then stops being read from, and the server holds at most one
 * buffer for it. Nothing is allocated per echo. How many such buffers may exist at once is the
 * server's {@link org.iobench.api.ConnectionBudget}; {@code onClose} gives this one's place back.
 */
final class SelectorConnection implements SelectorHandler {
    private final SocketChannel channel;
    /** In fill mode between events: position = bytes received and not yet echoed. */
    private final ByteBuffer buffer;
    private final Runnable onClose;
    private boolean inputEnded;
    private boolean closed;

    /** @throws OutOfMemoryError if direct memory is short after all (the caller refuses the connection) */
    SelectorConnection(SocketChannel channel, int bufferBytes, Runnable onClose) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
        this.onClose = onClose;
    }

    /** Readable: read once (the selector is level-triggered, leftovers fire again), then echo. Writable: echo the rest. */
    @Override
    public void onReady(SelectionKey key) {
        try {
            if (key.isReadable() && channel.read(buffer) < 0) inputEnded = true;
            flush(key);
        } catch (IOException | CancelledKeyException e) {
            close(key);   // reset by peer, broken pipe: this connection ends quietly, the loop goes on
        }
    }

    private void flush(SelectionKey key) throws IOException {
        buffer.flip();
        channel.write(buffer);
        buffer.compact();
        if (buffer.position() > 0) {
            key.interestOps(SelectionKey.OP_WRITE);   // partial write: stop reading until it drains
        } else if (inputEnded) {
            channel.shutdownOutput();                 // the client half-closed and has every byte back: our EOF
            close(key);
        } else {
            key.interestOps(SelectionKey.OP_READ);    // a no-op for the selector when it is unchanged
        }
    }

    private void close(SelectionKey key) {
        key.cancel();
        Shutdown.closeQuietly(channel);
        if (!closed) onClose.run();
        closed = true;
    }
}
