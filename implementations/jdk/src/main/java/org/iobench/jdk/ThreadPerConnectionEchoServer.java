package org.iobench.jdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.iobench.api.Admission;
import org.iobench.api.ConnectionBudget;
import org.iobench.api.EchoServer;
import org.iobench.api.MessageWork;
import org.iobench.api.ServerConfig;

/**
 * The classic model: a {@link ServerSocket}, one thread per connection doing blocking reads and
 * writes. {@link BlockingEchoServer} and {@link VirtualThreadEchoServer} are this class with a
 * different thread factory, so a difference between them measures the thread kind and nothing else.
 *
 * <p>Backpressure comes for free: a blocking write to a client that does not read blocks the
 * connection's thread, which then stops reading; per connection the server holds one buffer.
 *
 * <p>That buffer is at most {@link #MAX_CHUNK_BYTES}: the JDK's socket streams move at most 128 KiB
 * per call ({@code NioSocketImpl.MAX_BUFFER_SIZE}), through a temporary direct buffer of the same
 * size cached per thread, so a larger array would only cost heap (and, at 1 MiB and more, whole G1
 * regions per array). Both are counted in the {@link ConnectionBudget}.
 *
 * <p>Work per message ({@link MessageWork}) is done inline, the idiom of this model: the connection's
 * thread reads one whole message, works on it (hashes it, or blocks in it as in a JDBC call; a
 * virtual thread unmounts while it blocks), writes it back and reads the next. The buffer is then one
 * message. With no work the thread copies whatever each read returns, as it always did.
 */
abstract class ThreadPerConnectionEchoServer implements EchoServer {
    static final int MAX_CHUNK_BYTES = 128 * 1024;

    private final ServerConfig config;
    private final int chunkBytes;
    private final MessageWork work;
    private final Admission admission;
    private final String id;
    private final ThreadFactory threads;
    private final AcceptBackoff acceptBackoff;
    /** Live connections and the thread serving each: close() closes the first and joins the second. */
    private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private ServerSocket serverSocket;
    private Thread acceptor;

    protected ThreadPerConnectionEchoServer(ServerConfig config, String id, ThreadFactory threads) {
        this.config = config;
        this.id = id;
        this.threads = threads;
        this.acceptBackoff = new AcceptBackoff(id);
        this.work = MessageWork.of(config);
        this.chunkBytes = work.any() ? work.messageBytes() : Math.min(config.bufferBytes(), MAX_CHUNK_BYTES);
        this.admission = new Admission(id, ConnectionBudget.forServer(id, config.bufferBytes(),
                new ConnectionBudget.PerConnection(chunkBytes, Math.min(chunkBytes, MAX_CHUNK_BYTES))));
    }

    @Override
    public synchronized InetSocketAddress start() throws IOException {
        if (closed || serverSocket != null) throw new IllegalStateException(id + " server already started or closed");
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(config.bindAddress(), config.port()), ServerConfig.DEFAULT_BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        serverSocket = socket;
        acceptor = threads.newThread(this::acceptLoop);
        acceptor.start();
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = admission.accept(serverSocket::accept);
            } catch (IOException e) {
                if (closed || serverSocket.isClosed()) return;
                acceptBackoff.failed(e);
                continue;
            }
            if (socket != null) startConnectionThread(socket);
        }
    }

    private void startConnectionThread(Socket socket) {
        Thread thread = threads.newThread(() -> echo(socket));
        connections.put(socket, thread);
        try {
            thread.start();
        } catch (OutOfMemoryError e) {
            // "unable to create native thread": the limit of this model. Refuse this connection, keep
            // serving the others; a heap OutOfMemoryError would not come from Thread.start().
            connections.remove(socket);
            admission.release();
            Shutdown.closeQuietly(socket);
            acceptBackoff.failed(e);
        }
    }

    /** The whole per-connection logic: copy until the client's EOF, then send ours. */
    private void echo(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[chunkBytes];
            if (work.any()) {
                echoMessages(in, out, buffer);
            } else {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            }
            // The client shut its output and every byte it sent has been written back: half-close ours.
            socket.shutdownOutput();
        } catch (IOException e) {
            // Reset by the peer, or closed by close(): only this connection ends, and quietly.
        } finally {
            connections.remove(socket);
            admission.release();
        }
    }

    /** One whole message (the buffer's size) at a time; a shorter last one before the client's EOF is a message too. */
    private void echoMessages(InputStream in, OutputStream out, byte[] message) throws IOException {
        for (int n; (n = in.readNBytes(message, 0, message.length)) > 0; ) {
            work.perform(message, 0, n);
            out.write(message, 0, n);
            if (n < message.length) return;   // end of input
        }
    }

    /** Stops accepting, closes every connection, joins every thread (bounded wait); idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        long deadlineNanos = Shutdown.deadlineNanos();
        Shutdown.closeQuietly(serverSocket);
        // The acceptor has ended before the connections are closed, so none can be added behind our back.
        Shutdown.joinAll(id, Collections.singletonList(acceptor), deadlineNanos);   // null if never started
        connections.keySet().forEach(Shutdown::closeQuietly);
        Shutdown.joinAll(id, List.copyOf(connections.values()), deadlineNanos);
        admission.close();
    }
}
