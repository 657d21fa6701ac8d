package org.iobench.bench.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Connection churn: {@code concurrency} lifecycles in flight, each connect → {@code messages} ping-pong
 * echoes of {@code payloadBytes} → an orderly close (FIN, never a reset), then the next one at once.
 * One op is one lifecycle whose echoes all came back byte-for-byte; its latency runs from the start of
 * the connect to the last byte of its last echo.
 *
 * <p>The client closes first, so the TIME_WAIT state is the client's: on loopback the kernel's default
 * {@code net.ipv4.tcp_tw_reuse = 2} lets a new connect reuse a port in TIME_WAIT, so the ~28,000
 * ephemeral ports of one source address do not run out at tens of thousands of connections per second.
 * Elsewhere (another host, a network namespace) the rate a client can sustain is then about
 * ports / 60 s per source address (TIME_WAIT lasts 60 s), unless tw_reuse is 1 on the client. Each
 * lifecycle's bytes are a window of {@link EchoPattern} at its own offset, so cross-talk between two
 * connections fails the check.
 *
 * <p>Plain NIO on every JDK: connect and close are system calls on both sides whatever the driver's
 * read path, and the server's accept path is what this measures. Not thread-safe: one per driver thread.
 */
public final class ChurnDriver implements Load {
    /** How often lifecycles are checked against the message timeout (not per pump: the pump is the hot path). */
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private final InetSocketAddress server;
    private final int concurrency;
    private final int payloadBytes;
    /** Echoes per lifecycle, one after the other. */
    private final int messages;
    private final DriverLimits limits;
    private final Selector selector;
    private final EchoPattern pattern = new EchoPattern();
    private final ByteBuffer readBuffer;
    private final DriverErrors errors = new DriverErrors();
    private final IntervalStats stats;
    /** In flight, oldest first (removal is O(1): lifecycles end in any order). */
    private final java.util.LinkedHashSet<Lifecycle> live = new java.util.LinkedHashSet<>();
    private final java.util.function.Consumer<SelectionKey> onReady = key -> onReady((Lifecycle) key.attachment(), key);
    private long lastSweepNanos = System.nanoTime();
    private long started;
    private long completed;
    private long consumed;
    private boolean running;
    private boolean closed;

    /** One connection's life: where its bytes come from and how far its echo has come. */
    private final class Lifecycle {
        final SocketChannel channel;
        final int offset;
        final long startNanos;
        /** Bytes of this lifecycle's stream written and read back so far (messages × payload in all). */
        int written;
        int read;

        Lifecycle(SocketChannel channel, int offset, long startNanos) {
            this.channel = channel;
            this.offset = offset;
            this.startNanos = startNanos;
        }
    }

    private ChurnDriver(InetSocketAddress server, int concurrency, int payloadBytes, int messages, DriverLimits limits)
            throws IOException {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        if (messages < 1 || (long) messages * payloadBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("messages per connection must be at least 1 (and fit 2 GiB), got " + messages);
        }
        if (payloadBytes < 1 || payloadBytes > EchoPattern.MAX_WINDOW_BYTES) {
            throw new IllegalArgumentException("payload must be 1.." + EchoPattern.MAX_WINDOW_BYTES + " bytes, got " + payloadBytes);
        }
        this.server = server;
        this.concurrency = concurrency;
        this.payloadBytes = payloadBytes;
        this.messages = messages;
        this.limits = limits;
        this.selector = Selector.open();
        this.readBuffer = ByteBuffer.allocateDirect(payloadBytes);   // at most one message is unread at a time
        this.stats = new IntervalStats(Thread.currentThread().threadId(), payloadBytes, System.nanoTime());
    }

    /** On the driver thread, which then owns it (its CPU time is the driver's). */
    public static ChurnDriver open(InetSocketAddress server, int concurrency, int payloadBytes, int messages,
                                   DriverLimits limits) throws IOException {
        return new ChurnDriver(server, concurrency, payloadBytes, messages, limits);
    }

    @Override
    public void start() {
        if (running) throw new IllegalStateException("churn already started");
        running = true;
        for (int i = 0; i < concurrency; i++) begin();
    }

    /**
     * Pumps until one more lifecycle has completed its verified echo, and consumes it.
     *
     * @return lifecycles consumed so far (give it to JMH so nothing is optimised away)
     * @throws DriverStalledException when none completes within the stall timeout
     */
    @Override
    public long awaitEcho() {
        if (closed) throw new IllegalStateException("churn driver is closed");
        if (!running) throw new IllegalStateException("churn driver not started");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.stallTimeoutMillis());
        while (completed == consumed) {
            long wait = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (wait <= 0) {
                throw new DriverStalledException("no connect-echo-close completed within " + limits.stallTimeoutMillis()
                        + " ms (" + live.size() + " in flight, errors: " + errors.summary() + ")");
            }
            try {
                selector.select(onReady, Math.min(wait, 100));
            } catch (IOException e) {
                throw new DriverStalledException("select failed: " + e.getMessage());
            }
            if (System.nanoTime() - lastSweepNanos > SWEEP_INTERVAL_NANOS) sweepTimedOut();
        }
        return ++consumed;
    }

    private void begin() {
        long now = System.nanoTime();
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Lifecycle life = new Lifecycle(channel, EchoPattern.offsetOf((int) (started++ % EchoPattern.PERIOD)), now);
            boolean connected = channel.connect(server);
            channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, life);
            live.add(life);
        } catch (IOException e) {
            closeQuietly(channel);
            errors.count(DriverErrors.Kind.RESET);
        }
    }

    private void onReady(Lifecycle life, SelectionKey key) {
        try {
            if (key.isConnectable()) {
                if (!life.channel.finishConnect()) return;
                key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
                write(life, key);
                return;
            }
            if (key.isValid() && key.isReadable()) read(life, key);
        } catch (IOException e) {
            fail(life, DriverErrors.Kind.RESET);
        }
    }

    /** Writes the rest of the current message; once it is out, waits for its echo. */
    private void write(Lifecycle life, SelectionKey key) throws IOException {
        int messageEnd = (life.read / payloadBytes + 1) * payloadBytes;
        ByteBuffer out = pattern.window(life.written, life.offset, messageEnd - life.written);
        life.written += life.channel.write(out);
        if (life.written == messageEnd) key.interestOps(SelectionKey.OP_READ);
    }

    private void read(Lifecycle life, SelectionKey key) throws IOException {
        readBuffer.clear().limit(life.written - life.read);
        int n = life.channel.read(readBuffer);
        if (n < 0) {
            fail(life, DriverErrors.Kind.EOF);
            return;
        }
        readBuffer.flip();
        if (!readBuffer.equals(pattern.window(life.read, life.offset, n))) {
            fail(life, DriverErrors.Kind.MISMATCH);
            return;
        }
        life.read += n;
        if (life.read < life.written) return;
        if (life.read < messages * payloadBytes) {   // the next message of this connection's session
            key.interestOps(SelectionKey.OP_WRITE);
            write(life, key);
            return;
        }
        // the last echo is whole: an orderly close (nothing unread, so close sends FIN, not RST), and the next one
        live.remove(life);
        life.channel.close();
        stats.recordLatency(System.nanoTime() - life.startNanos);
        completed++;
        if (running) begin();
    }

    private void fail(Lifecycle life, DriverErrors.Kind kind) {
        errors.count(kind);
        live.remove(life);
        closeQuietly(life.channel);
        if (running) begin();
    }

    /** A lifecycle older than the message timeout is a failed one (its server never answered); oldest first. */
    private void sweepTimedOut() {
        lastSweepNanos = System.nanoTime();
        long oldest = lastSweepNanos - TimeUnit.MILLISECONDS.toNanos(limits.messageTimeoutMillis());
        List<Lifecycle> expired = new ArrayList<>();
        for (Lifecycle life : live) {
            if (life.startNanos >= oldest) break;
            expired.add(life);
        }
        expired.forEach(life -> fail(life, DriverErrors.Kind.TIMEOUT));
    }

    /**
     * A closed loop: the lifecycles in flight during the pause between iterations finish then and wait
     * in the sockets; read at the iteration's start they would all count inside it (see
     * {@link LoadDriver#resumeAfterPause}). One select takes what is ready now, verified but not counted;
     * the lifecycles it starts are the server's work inside the iteration, and count.
     */
    @Override
    public void resumeAfterPause() {
        try {
            selector.selectNow(onReady);
        } catch (IOException e) {
            throw new DriverStalledException("select failed: " + e.getMessage());
        }
        consumed = completed;
    }

    @Override
    public DriverSnapshot intervalSnapshot() {
        return stats.snapshot(completed, errors.total());
    }

    @Override
    public long errors() {
        return errors.total();
    }

    @Override
    public String errorSummary() {
        return errors.summary();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        running = false;
        for (Lifecycle life : live) closeQuietly(life.channel);
        live.clear();
        closeQuietly(selector);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) return;
        try {
            closeable.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }
}
