package org.iobench.jdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.iobench.api.MessageWork;
import org.iobench.api.OffloadPool;

/**
 * A {@link SelectorConnection} that does {@link MessageWork} on each whole message before echoing it,
 * in the event loop's idiom: CPU work inline on the loop; blocking work handed to the bounded
 * {@link OffloadPool}, its echo written back on the loop (the pool hands the connection back through
 * {@link SelectorEventLoop#execute}). With no pool ({@code --offload-threads 0}) blocking work runs
 * inline too, stalling every connection of the loop: the classic mistake, shown on purpose.
 *
 * <p>One message of a connection is worked on at a time, so echoes keep their order. While it is on
 * the pool, or waiting for a pool slot, the connection's interest is empty: the loop reads nothing
 * more from it (backpressure), and it holds one buffer of at least one message.
 */
final class SelectorWorkConnection implements SelectorHandler {
    private final SocketChannel channel;
    private final SelectorEventLoop loop;
    private final MessageWork work;
    /** Null: every kind of work runs on the loop. */
    private final OffloadPool pool;
    private final Runnable onClose;
    /** Fill mode: [0, done) worked on and due to be written, then [done, position) received. */
    private final ByteBuffer buffer;
    /** The message a pool thread works on; its own position and limit, so the loop's are never touched off the loop. */
    private final ByteBuffer offloaded;
    private final Runnable workOnPool = this::workOnPool;
    private final Runnable workDoneOnLoop = this::workDone;
    private final Runnable submitOnLoop = this::submit;
    private final Runnable slotFree;
    private SelectionKey key;
    private int done;
    /** Bytes of the message on the pool (or waiting for it); 0 when none. */
    private int working;
    private boolean inputEnded;
    private boolean closed;

    /** @throws OutOfMemoryError if direct memory is short after all (the loop refuses the connection) */
    SelectorWorkConnection(SocketChannel channel, SelectorEventLoop loop, MessageWork work, OffloadPool pool,
                           int bufferBytes, Runnable onClose) {
        this.channel = channel;
        this.loop = loop;
        this.work = work;
        this.pool = work.blocks() ? pool : null;
        this.onClose = onClose;
        this.buffer = ByteBuffer.allocateDirect(Math.max(bufferBytes, work.messageBytes()));
        this.offloaded = buffer.duplicate();
        this.slotFree = () -> loop.execute(submitOnLoop);
    }

    @Override
    public void onReady(SelectionKey readyKey) {
        key = readyKey;
        try {
            if (readyKey.isReadable() && channel.read(buffer) < 0) inputEnded = true;
            advance();
        } catch (IOException | CancelledKeyException e) {
            close();   // reset by peer, broken pipe: this connection ends quietly, the loop goes on
        }
    }

    /** Writes what is done, works on the next whole message, and sets what to wait for next. */
    private void advance() throws IOException {
        while (true) {
            if (done > 0 && !writeDone()) {
                key.interestOps(SelectionKey.OP_WRITE);   // partial write: neither read nor work until it drains
                return;
            }
            int received = buffer.position();
            int message = received >= work.messageBytes() ? work.messageBytes() : inputEnded ? received : 0;
            if (message == 0 && inputEnded) {
                channel.shutdownOutput();   // the client half-closed and has every byte back: our EOF
                close();
                return;
            }
            if (message == 0) {
                key.interestOps(SelectionKey.OP_READ);
                return;
            }
            if (pool == null) {
                int end = buffer.position();
                work.perform(buffer.position(0).limit(message));
                buffer.limit(buffer.capacity()).position(end);
                done = message;
            } else {
                working = message;
                key.interestOps(0);   // backpressure: nothing is read while the message is away
                submit();
                return;
            }
        }
    }

    /** True when every done byte is out. */
    private boolean writeDone() throws IOException {
        int received = buffer.position();
        buffer.flip().limit(done);
        channel.write(buffer);
        int written = buffer.position();
        buffer.limit(received);
        buffer.compact();
        done -= written;
        return done == 0;
    }

    /** On the loop: hand the message to the pool, or, when it is full, wait to be woken when a slot frees. */
    private void submit() {
        if (closed) {
            pool.passOn();   // woken after closing: the free slot is the next waiter's
        } else {
            pool.submit(workOnPool, slotFree);
        }
    }

    /** On a pool thread. */
    private void workOnPool() {
        work.perform(offloaded.limit(working).position(0));
        loop.execute(workDoneOnLoop);
    }

    /** Back on the loop: the message is worked on and can be written. */
    private void workDone() {
        if (closed) return;
        done = working;
        working = 0;
        try {
            advance();
        } catch (IOException | CancelledKeyException e) {
            close();
        }
    }

    private void close() {
        if (key != null) key.cancel();
        Shutdown.closeQuietly(channel);
        if (!closed) onClose.run();
        closed = true;
    }
}
