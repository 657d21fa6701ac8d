package org.iobench.bench.driver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Opens N non-blocking connections to one server, at most {@code maxPendingConnects} attempts at a
 * time (a burst of 10,000 SYNs would overflow the server's accept queue and cost 1 s SYN retries),
 * all within the connect timeout, each bound first to its source address when there are several (see
 * {@link SourceAddresses}). Any failure closes what was opened and explains itself. The sockets
 * themselves come from a {@link Dialer}: NIO channels or descriptors of the epoll driver.
 */
final class ConnectionOpener {

    /** The I/O-specific steps of opening one connection. */
    interface Dialer {
        /** A new non-blocking TCP_NODELAY socket for connection {@code index}, not yet bound or connected. */
        Connection socket(int index) throws IOException;

        /** Binds c to {@code source}, port 0 (the kernel picks a port free on that address). */
        void bind(Connection c, InetAddress source) throws IOException;

        /** Starts connecting; true when connected at once (c is then watched for reads), false while under way. */
        boolean startConnect(Connection c, InetSocketAddress server) throws IOException;

        /** Waits up to {@code timeoutMillis} and hands each connection whose connect completed to {@code completed}. */
        void awaitConnects(long timeoutMillis, ConnectCompleted completed) throws IOException;

        /** Finishes c's connect (an IOException says why it failed) and watches it for reads from now on. */
        void finishConnect(Connection c) throws IOException;

        /** Closes every connection opened so far (nulls allowed) and the poller; quietly. */
        void closeAll(Connection[] connections);
    }

    interface ConnectCompleted {
        void completed(Connection c) throws IOException;
    }

    private final Dialer dialer;
    private final InetSocketAddress server;
    private final int count;
    private final Connection[] connections;
    private int established;
    private int pending;

    private ConnectionOpener(Dialer dialer, InetSocketAddress server, int count) {
        this.dialer = dialer;
        this.server = server;
        this.count = count;
        this.connections = new Connection[count];
    }

    static Connection[] open(Dialer dialer, InetSocketAddress server, int count, DriverLimits limits,
                             SourceAddresses sources) throws IOException {
        return new ConnectionOpener(dialer, server, count).openAll(limits, sources);
    }

    private Connection[] openAll(DriverLimits limits, SourceAddresses sources) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.connectTimeoutMillis());
        int started = 0;
        try {
            while (established < count) {
                while (pending < limits.maxPendingConnects() && started < count) {
                    if (start(started, sources.forConnection(started))) established++;
                    else pending++;
                    started++;
                }
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    throw new IOException("only " + established + " of " + count + " connections to " + server
                            + " were established within " + limits.connectTimeoutMillis()
                            + " ms (server overloaded, small accept backlog, or at its descriptor limit?)");
                }
                if (pending == 0) continue;
                dialer.awaitConnects(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos)), this::completed);
            }
            return connections;
        } catch (IOException | RuntimeException e) {
            dialer.closeAll(connections);
            throw e;
        }
    }

    /** Opens, binds and starts connecting connection {@code index}; true when it connected at once. */
    private boolean start(int index, InetAddress source) throws IOException {
        Connection c;
        try {
            c = dialer.socket(index);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).toLowerCase().contains("too many open files")) {
                throw new IOException("cannot open connection " + (index + 1) + " of " + count
                        + ": too many open files in the driver process (raise 'ulimit -n', now too low for "
                        + count + " connections)", e);
            }
            throw e;
        }
        connections[index] = c;
        if (source != null) {
            try {
                dialer.bind(c, source);
            } catch (IOException e) {
                throw new IOException("cannot bind connection " + (index + 1) + " of " + count + " to source address "
                        + source.getHostAddress() + ": " + e.getMessage() + " (ephemeral ports of that address used up?)", e);
            }
        }
        try {
            return dialer.startConnect(c, server);
        } catch (IOException e) {
            throw failed(c, e);
        }
    }

    private void completed(Connection c) throws IOException {
        try {
            dialer.finishConnect(c);
        } catch (IOException e) {
            throw failed(c, e);
        }
        pending--;
        established++;
    }

    private IOException failed(Connection c, IOException e) {
        return new IOException("connection " + (c.index + 1) + " of " + count + " to " + server + " failed: "
                + e.getMessage() + " (is the server running, and below its descriptor limit?)", e);
    }
}
