package org.iobench.jdk;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import org.iobench.api.MessageWork;
import org.iobench.api.OffloadPool;

/**
 * An {@link AsyncEchoConnection} that does {@link MessageWork} on each whole message before echoing
 * it, in the proactor's idiom: reads complete into one buffer until it holds a message; CPU work runs
 * inline in the completion handler; blocking work goes to the bounded {@link OffloadPool}, whose
 * thread starts the echo's write when done. With no pool ({@code --offload-threads 0}) blocking work
 * runs inline and holds a group thread, the classic mistake, shown on purpose.
 *
 * <p>One operation or one message's work at a time, so echoes keep their order and nothing is read
 * while a message is worked on, written, or waiting for a pool slot: that is the backpressure, and
 * the memory bound is this one buffer of at least one message.
 */
final class AsyncWorkConnection extends AsyncConnection {
    private final MessageWork work;
    /** Null: every kind of work runs inline. */
    private final OffloadPool pool;
    /** Fill mode: position = bytes received; the message being worked on or written is at the front. */
    private final ByteBuffer buffer;
    /** The front message, for the work and the write: its own position and limit. */
    private final ByteBuffer message;
    private final Runnable workOnPool = this::workOnPool;
    private final Runnable submit = this::submit;
    private boolean inputEnded;

    /** @throws OutOfMemoryError if direct memory is short after all (the caller refuses the connection) */
    AsyncWorkConnection(AsynchronousSocketChannel channel, MessageWork work, OffloadPool pool, int bufferBytes,
                        Runnable onClose) {
        super(channel, onClose);
        this.work = work;
        this.pool = work.blocks() ? pool : null;
        this.buffer = ByteBuffer.allocateDirect(Math.max(bufferBytes, work.messageBytes()));
        this.message = buffer.duplicate();
    }

    void start() {
        read();
    }

    @Override
    public void completed(Integer bytes, Step step) {
        if (step == Step.READ) {
            if (bytes < 0) inputEnded = true;
            advance();
        } else if (message.hasRemaining()) {
            write(message);   // partial write: keep writing, and neither read nor work until everything is out
        } else {
            int received = buffer.position();
            buffer.limit(received).position(message.limit());
            buffer.compact();   // drop the echoed message, keep what came behind it
            advance();
        }
    }

    /** Works on the next whole message, or reads for one, or ends after the client's EOF. */
    private void advance() {
        int received = buffer.position();
        int length = received >= work.messageBytes() ? work.messageBytes() : inputEnded ? received : 0;
        if (length == 0 && inputEnded) {
            finish();
        } else if (length == 0) {
            read();
        } else {
            message.limit(length).position(0);
            if (pool == null) {
                work.perform(message);
                write(message);
            } else {
                submit();
            }
        }
    }

    /** Hands the message to the pool; when full, this runs again on the pool thread whose task frees a slot. */
    private void submit() {
        if (isClosed()) {
            pool.passOn();   // woken after closing: the free slot is the next waiter's
        } else {
            pool.submit(workOnPool, submit);
        }
    }

    private void workOnPool() {
        work.perform(message);
        write(message);
    }

    private void read() {
        read(buffer);
    }
}
