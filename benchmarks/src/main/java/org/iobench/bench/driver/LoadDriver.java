package org.iobench.bench.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * One driver thread's share of the load: one poller (a {@link DriverIo}: the JDK's Selector, or epoll
 * called directly) multiplexing a slice of the connections to a server, non-blocking. A JMH benchmark thread owns one driver and calls {@link #awaitEcho()} as its
 * benchmark method, so JMH's operation count is the number of verified echoes.
 *
 * <p>Hot path: one read and one write per echo (a full socket adds one epoll_ctl and a wake-up, never
 * a steady echo); no allocation of our own; one nanoTime per read that completes messages and per
 * poll; every byte checked against the pattern with a vectorized compare (ByteBuffer.mismatch);
 * every latency recorded into a plain HdrHistogram. Not thread-safe: every
 * method but {@link #close()} belongs to the driver thread.
 */
public final class LoadDriver implements Load {
    private static final long MAX_SELECT_WAIT_MILLIS = 200;
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Open loop: closer than this to the next send, poll instead of sleeping in epoll_wait (ms timer). */
    private static final long BUSY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * Longer than this between two select rounds means nobody pumped the driver (JMH between
     * iterations, a driver GC). The pause is the client's, not the server's: it is taken out of the
     * latency (and the timeouts) of every message in flight across it, by stamping messages on a
     * clock that stops while nobody pumps. Dropping those messages instead would hide exactly the
     * slowest ones: a message slower than an iteration always spans a pause.
     */
    private static final long PUMP_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final DriverIo io;
    private final Connection[] connections;
    private final InetSocketAddress server;
    private final SourceAddresses sources;
    private final LoadShape shape;
    private final DriverLimits limits;
    private final int payloadBytes;
    private final int stampsPerConnection;
    /** Send (closed) or intended send (open) time of each unanswered message, ring per connection. */
    private final long[] stamps;
    private final EchoPattern pattern = new EchoPattern();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(EchoPattern.MAX_WINDOW_BYTES);
    private final DriverIo.ReadyHandler onReady = this::onReady;
    private final OpenLoopSchedule schedule;
    private final DriverErrors errors = new DriverErrors();
    private final long stallTimeoutNanos;
    private final long messageTimeoutNanos;
    private final long connectTimeoutNanos;
    private final IntervalStats interval;

    private int liveConnections;
    private long credits;
    private long consumed;
    private long totalEchoes;
    private long lastProgressNanos;
    private long lastSweepNanos;
    /** Sum of the pauses so far; stamps are taken on nanoTime minus this (the pumped clock). */
    private long pausedNanos;
    private long now;
    private boolean started;
    private boolean closed;


    private LoadDriver(DriverIo io, Connection[] connections, InetSocketAddress server, SourceAddresses sources,
                       LoadShape shape, DriverLimits limits) {
        this.io = io;
        this.connections = connections;
        this.server = server;
        this.sources = sources;
        this.shape = shape;
        this.limits = limits;
        this.payloadBytes = shape.payloadBytes();
        this.stampsPerConnection = switch (shape) {
            case LoadShape.ClosedLoop closed -> closed.depth();
            case LoadShape.OpenLoop open -> open.maxInFlightPerConnection();
        };
        this.stamps = new long[connections.length * stampsPerConnection];
        this.schedule = shape instanceof LoadShape.OpenLoop open ? new OpenLoopSchedule(open, connections) : null;
        this.stallTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(limits.stallTimeoutMillis());
        this.messageTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(limits.messageTimeoutMillis());
        this.connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(limits.connectTimeoutMillis());
        this.interval = new IntervalStats(Thread.currentThread().threadId(), payloadBytes, System.nanoTime());
        this.liveConnections = connections.length;
    }

    /**
     * Opens {@code connections} connections to {@code server} and starts the load: a closed loop
     * sends {@code depth} messages on each at once, an open loop starts its schedule now.
     *
     * @throws IOException with a message saying why (refused, timed out, too few descriptors)
     */
    public static LoadDriver connect(InetSocketAddress server, int connections, LoadShape shape, DriverLimits limits)
            throws IOException {
        LoadDriver driver = open(server, connections, shape, limits);
        driver.start();
        return driver;
    }

    /**
     * Opens the connections without sending anything; {@link #start()} starts the load. For callers
     * that must wait until the server has accepted every connection first: traffic on the early ones
     * would compete with the server's accepting (a thread-per-connection server pinned to one CPU,
     * echoing on 7,000 threads, accepts the rest slower than the connect timeout).
     */
    public static LoadDriver open(InetSocketAddress server, int connections, LoadShape shape, DriverLimits limits)
            throws IOException {
        return open(server, connections, shape, limits, SourceAddresses.forTarget(server, connections));
    }

    /**
     * As {@link #open(InetSocketAddress, int, LoadShape, DriverLimits)}, each connection bound to one
     * of {@code sources} (round-robin). Several drivers in one process against one server pass
     * {@link SourceAddresses#forTarget} of their total connections, so together they stay within
     * each address's ephemeral ports.
     */
    public static LoadDriver open(InetSocketAddress server, int connections, LoadShape shape, DriverLimits limits,
                                  SourceAddresses sources) throws IOException {
        return open(server, connections, shape, limits, sources, DriverIoKind.preferredFor(server));
    }

    /** As above, with the given kind of I/O (see {@link DriverIoKind}). */
    public static LoadDriver open(InetSocketAddress server, int connections, LoadShape shape, DriverLimits limits,
                                  SourceAddresses sources, DriverIoKind kind) throws IOException {
        if (connections < 1) throw new IllegalArgumentException("connections must be >= 1, got " + connections);
        DriverIo io = DriverIo.open(kind);
        try {
            Connection[] opened = io.connect(server, connections, limits, sources);
            return new LoadDriver(io, opened, server, sources, shape, limits);
        } catch (IOException | RuntimeException e) {
            io.closeAll(new Connection[0]);
            throw e;
        }
    }

    /** Starts the load (once); on the driver thread. */
    @Override
    public void start() {
        if (started) throw new IllegalStateException("driver already started");
        started = true;
        now = System.nanoTime();
        lastProgressNanos = now;
        lastSweepNanos = now;
        if (schedule != null) {
            schedule.restart(now);
        } else {
            int depth = stampsPerConnection;
            for (Connection c : connections) queueAndFlush(c, depth, now);
        }
    }

    /**
     * Pumps the selector until at least one echo has completed and been verified, then consumes one.
     * Echoes completed beyond that are banked and consumed by the next calls.
     *
     * @return the number of echoes consumed so far (give it to JMH so nothing is optimised away)
     * @throws DriverStalledException when no echo completes within the stall timeout, or every connection failed
     */
    @Override
    public long awaitEcho() {
        if (credits == 0) pumpUntilProgress();
        credits--;
        return ++consumed;
    }

    private void pumpUntilProgress() {
        if (closed) throw new IllegalStateException("driver is closed");
        if (!started) throw new IllegalStateException("driver not started");
        long pumpStart = System.nanoTime();
        notePause(pumpStart);
        while (credits == 0) {
            if (liveConnections == 0) throw stalled("all " + connections.length + " connections failed");
            try {
                if (schedule == null) {
                    long waitNanos = Math.max(lastProgressNanos, pumpStart) + stallTimeoutNanos - now;
                    io.poll(Math.clamp(TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1, 1, MAX_SELECT_WAIT_MILLIS), onReady);
                } else {
                    long untilNextNanos = schedule.issueDue(System.nanoTime(), this);
                    io.poll(untilNextNanos < BUSY_POLL_NANOS ? 0
                            : Math.min(MAX_SELECT_WAIT_MILLIS, TimeUnit.NANOSECONDS.toMillis(untilNextNanos)), onReady);
                }
            } catch (IOException e) {
                throw new DriverStalledException("poll failed: " + e.getMessage());
            }
            now = System.nanoTime();
            if (credits > 0) break;
            if (now - Math.max(lastProgressNanos, pumpStart) > stallTimeoutNanos) {
                throw stalled("no echo completed within " + limits.stallTimeoutMillis() + " ms");
            }
            if (now - lastSweepNanos > SWEEP_INTERVAL_NANOS) sweepTimedOutMessages();
        }
        if (now - lastSweepNanos > SWEEP_INTERVAL_NANOS) sweepTimedOutMessages();
    }

    /** A pump starting at {@code pumpStart} after a gap longer than {@link #PUMP_GAP_NANOS}: nobody pumped, the clock stops. */
    private void notePause(long pumpStart) {
        if (pumpStart - now > PUMP_GAP_NANOS) pausedNanos += pumpStart - now;
    }

    private void onReady(Connection c, boolean readable, boolean writable) {
        if (!c.alive) return;
        if (readable) read(c);
        if (c.alive && writable) flush(c);
    }

    private void read(Connection c) {
        ByteBuffer buffer = receiveBuffer;
        buffer.clear();
        int n;
        try {
            n = io.read(c, buffer);
        } catch (IOException e) {
            fail(c, DriverErrors.Kind.RESET);
            return;
        }
        if (n <= 0) {
            if (n < 0) fail(c, DriverErrors.Kind.EOF);
            return;
        }
        buffer.flip();
        // more bytes than were sent is as wrong as different bytes
        if (c.bytesReceived + n > c.bytesSent || buffer.mismatch(pattern.window(c.bytesReceived, c.patternOffset, n)) >= 0) {
            fail(c, DriverErrors.Kind.MISMATCH);
            return;
        }
        long before = c.bytesReceived / payloadBytes;
        c.bytesReceived += n;
        long after = c.bytesReceived / payloadBytes;
        if (after == before) return;
        long received = System.nanoTime();
        long pumpedReceived = received - pausedNanos;
        int base = c.index * stampsPerConnection;
        for (long j = before; j < after; j++) {
            interval.recordLatency(pumpedReceived - stamps[base + (int) (j % stampsPerConnection)]);
        }
        int completed = (int) (after - before);
        credits += completed;
        totalEchoes += completed;
        lastProgressNanos = received;
        if (schedule == null) queueAndFlush(c, completed, received);
        else schedule.sendBacklog(c, received, this);
    }

    /** Commits {@code count} messages sent at {@code stampNanos} (nanoTime) to c's stream and writes what the socket takes. */
    void queueAndFlush(Connection c, int count, long stampNanos) {
        int base = c.index * stampsPerConnection;
        long pumpedStamp = stampNanos - pausedNanos;
        for (int i = 0; i < count; i++) {
            stamps[base + (int) (c.messagesQueued++ % stampsPerConnection)] = pumpedStamp;
        }
        flush(c);
    }

    /** Open loop: commits message number {@code c.messagesQueued} intended at {@code intendedNanos}. */
    void queueIntended(Connection c, long intendedNanos, long sentNanos) {
        stamps[c.index * stampsPerConnection + (int) (c.messagesQueued++ % stampsPerConnection)] = intendedNanos - pausedNanos;
        interval.recordSendLag(sentNanos - intendedNanos);
    }

    void noteSendOnIdleConnection(long nowNanos) {
        if (nowNanos > lastProgressNanos) lastProgressNanos = nowNanos;
    }

    void flush(Connection c) {
        long target = c.messagesQueued * payloadBytes;
        try {
            while (c.bytesSent < target) {
                int length = (int) Math.min(target - c.bytesSent, EchoPattern.MAX_WINDOW_BYTES);
                int written = io.write(c, pattern.window(c.bytesSent, c.patternOffset, length));
                c.bytesSent += written;
                if (written < length) break;
            }
            // OP_READ stays registered; OP_WRITE only while a short write left bytes behind
            boolean blocked = c.bytesSent < target;
            if (blocked != c.writeInterest) {
                c.writeInterest = blocked;
                io.watchWrites(c, blocked);
            }
        } catch (IOException e) {
            fail(c, DriverErrors.Kind.RESET);
        }
    }

    int payloadBytes() {
        return payloadBytes;
    }

    /**
     * A connection whose oldest unanswered message is older than the message timeout has timed out. Until
     * its first echo a connection gets the connect timeout instead: the kernel completes a handshake
     * before the server accepts, and a server whose accept queue overflowed accepts seconds later
     * (SYN-ACK retries) — slow to connect, which is the connect timeout's business, not a lost echo.
     */
    private void sweepTimedOutMessages() {
        lastSweepNanos = now;
        for (Connection c : connections) {
            if (!c.alive || c.inFlight(payloadBytes) == 0 || c.bytesSent < (c.messagesReceived(payloadBytes) + 1) * payloadBytes) continue;
            long oldest = stamps[c.index * stampsPerConnection + (int) (c.messagesReceived(payloadBytes) % stampsPerConnection)];
            long timeoutNanos = c.bytesReceived == 0 ? Math.max(connectTimeoutNanos, messageTimeoutNanos) : messageTimeoutNanos;
            if (now - pausedNanos - oldest > timeoutNanos) fail(c, DriverErrors.Kind.TIMEOUT);
        }
    }

    private void fail(Connection c, DriverErrors.Kind kind) {
        errors.count(kind);
        c.alive = false;
        liveConnections--;
        io.close(c);
    }

    private DriverStalledException stalled(String what) {
        return new DriverStalledException(what + " (server " + server + ", " + shape + "): " + inFlight()
                + " messages in flight on " + liveConnections + " of " + connections.length
                + " live connections, " + totalEchoes + " echoes so far, errors: " + errors.summary());
    }

    /**
     * Call before each iteration (nobody pumps the driver between iterations). Open loop: re-anchors the
     * schedule at now and forgets messages that were due but not sent.
     *
     * <p>Closed loop: during the pause the messages in flight complete and wait in the receive buffers.
     * Read at the iteration's start, all of them would count inside it, a burst that never happened
     * there: up to connections × depth echoes, whose server work was done before the iteration began.
     * Each connection is read here once instead, outside the measured window: what waits there is
     * verified and answered as always (so the loop resumes full) and not counted. Once only: the
     * answers to the messages sent now are the server's work inside the iteration (the trial samples
     * the server before this), and count. Without this, server CPU per echo at 10,000 connections read
     * 15-18% low (A/B, results/2026-11-28-vm-6).
     */
    @Override
    public void resumeAfterPause() {
        if (schedule != null) {
            schedule.restart(System.nanoTime());
            return;
        }
        notePause(System.nanoTime());
        for (Connection c : connections) {
            if (c.alive) read(c);
        }
        now = System.nanoTime();
        credits = 0;
    }

    /** Figures since the previous snapshot (or connect); starts the next interval. Driver thread only. */
    @Override
    public DriverSnapshot intervalSnapshot() {
        return interval.snapshot(totalEchoes, errors.total());
    }

    @Override
    public long errors() {
        return errors.total();
    }

    /** Errors by kind, e.g. {@code mismatch=0 reset=1 eof=0 timeout=0}. */
    @Override
    public String errorSummary() {
        return errors.summary();
    }

    public int liveConnections() {
        return liveConnections;
    }

    public int connections() {
        return connections.length;
    }

    /** Messages sent (or committed to send) and not yet answered, over the live connections. */
    public long inFlight() {
        long sum = 0;
        for (Connection c : connections) sum += c.inFlight(payloadBytes);
        return sum;
    }

    /** Verified echoes completed since connect (consumed or banked). */
    public long totalEchoes() {
        return totalEchoes;
    }

    public LoadShape shape() {
        return shape;
    }

    /** The source addresses the connections were bound to (for env.properties). */
    public SourceAddresses sourceAddresses() {
        return sources;
    }

    /** The kind of I/O this driver uses (for env.properties). */
    public DriverIoKind ioKind() {
        return io.kind();
    }

    /** Closes every connection and the poller; after this nothing is counted. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        io.closeAll(connections);
    }
}
