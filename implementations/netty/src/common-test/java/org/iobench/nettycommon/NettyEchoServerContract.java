package org.iobench.nettycommon;

import org.iobench.api.EchoServer;
import org.iobench.api.ServerConfig;
import org.iobench.api.Work;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * In-process checks of a Netty server's own promises (the cross-implementation conformance suite
 * runs them as processes): echo with half-close, backpressure, clean close, bind failure. Written
 * once and run per transport, as Netty's testsuite runs {@code SocketEchoTest}: each transport's test
 * extends this class and names its server in one line. One source, compiled into the netty and netty42 modules.
 */
@Timeout(60)
public abstract class NettyEchoServerContract {
    private static final int CLIENT_SOCKET_BUFFER_BYTES = 64 * 1024;
    private static final long UNREAD_LIMIT_BYTES = 128L << 20;
    private static final long STALL_MILLIS = 1000;

    private final Function<ServerConfig, EchoServer> transport;
    private final Supplier<String> unavailableReason;

    /**
     * @param transport         the transport's server constructor
     * @param unavailableReason why it cannot run here (its server's {@code unavailableReason()}), null when it can
     */
    protected NettyEchoServerContract(Function<ServerConfig, EchoServer> transport, Supplier<String> unavailableReason) {
        this.transport = transport;
        this.unavailableReason = unavailableReason;
    }

    private EchoServer newServer(ServerConfig config) {
        return transport.apply(config);
    }

    @BeforeEach
    public void skipWhereTheTransportIsUnavailable() {
        String reason = unavailableReason.get();
        assumeTrue(reason == null, reason);
    }

    @Test
    public void echoesEveryByteThenEndsTheStreamAfterHalfClose() throws Exception {
        try (EchoServer server = newServer(ServerConfig.defaults())) {
            InetSocketAddress address = server.start();
            for (int payloadBytes : new int[] {1, 64, 16_385, 1 << 20}) {
                byte[] sent = new byte[payloadBytes];
                new Random(payloadBytes).nextBytes(sent);
                try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                    CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readToEnd(socket));
                    OutputStream out = socket.getOutputStream();
                    for (int offset = 0; offset < payloadBytes; offset += 7_001) {
                        out.write(sent, offset, Math.min(7_001, payloadBytes - offset));
                    }
                    socket.shutdownOutput();
                    assertArrayEquals(sent, received.get(), getClass().getSimpleName() + ": " + payloadBytes + " bytes");
                }
            }
        }
    }

    /**
     * Work per message: inline CPU work, blocking work on a pool far smaller than the connections
     * (2 threads, a queue of 1, so connections wait for slots) and blocking work on the event loop;
     * pipelined messages with a shorter last one, over several connections at once, byte-exact.
     */
    @Test
    public void echoesEveryByteUnderEveryWorkKind() throws Exception {
        int messageBytes = 100;
        for (String[] kind : new String[][] {{"cpu:20", "2"}, {"block:1", "2"}, {"block:1", "0"}}) {
            ServerConfig config = ServerConfig.defaults().withWork(Work.parse(kind[0]), messageBytes)
                    .withOffload(Integer.parseInt(kind[1]), 1);
            try (EchoServer server = newServer(config)) {
                InetSocketAddress address = server.start();
                List<CompletableFuture<Void>> connections = new ArrayList<>();
                for (int c = 0; c < 20; c++) {
                    byte[] sent = new byte[10 * messageBytes + 37];
                    new Random(c).nextBytes(sent);
                    connections.add(CompletableFuture.runAsync(() -> {
                        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readToEnd(socket));
                            socket.getOutputStream().write(sent);
                            socket.shutdownOutput();
                            assertArrayEquals(sent, received.join(), getClass().getSimpleName() + " " + kind[0]
                                    + " offload " + kind[1]);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, task -> Thread.ofVirtual().start(task)));
                }
                CompletableFuture.allOf(connections.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    public void stopsReadingFromAClientThatDoesNotRead() throws Exception {
        try (EchoServer server = newServer(ServerConfig.defaults());
             SocketChannel client = SocketChannel.open()) {
            // Small client buffers: what the client can push is then bounded by the server, not by us.
            client.setOption(StandardSocketOptions.SO_SNDBUF, CLIENT_SOCKET_BUFFER_BYTES);
            client.setOption(StandardSocketOptions.SO_RCVBUF, CLIENT_SOCKET_BUFFER_BYTES);
            client.connect(server.start());
            client.configureBlocking(false);
            long written = writeUntilStalled(client);
            assertTrue(written < UNREAD_LIMIT_BYTES / 2,
                    getClass().getSimpleName() + " kept reading from a client that reads nothing: " + written + " bytes accepted");
            client.shutdownOutput();
            client.configureBlocking(true);
            assertEquals(written, readPatternToEnd(client), getClass().getSimpleName() + ": echoed bytes after the stall");
        }
    }

    @Test
    public void closeReleasesThePortAndEndsItsThreads() throws Exception {
        EchoServer server = newServer(ServerConfig.defaults());
        InetSocketAddress address = server.start();
        try (Socket connected = new Socket(address.getAddress(), address.getPort())) {
            connected.getOutputStream().write(1);
            assertEquals(1, connected.getInputStream().read());
            server.close();
            assertEquals(-1, connected.getInputStream().read(), getClass().getSimpleName() + ": open connection not closed");
        }
        server.close(); // idempotent
        assertThrows(ConnectException.class, () -> new Socket(address.getAddress(), address.getPort()).close());
        assertTrue(nettyThreadsGone(), getClass().getSimpleName() + ": event loop threads still alive after close()");
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.setReuseAddress(true);
            rebind.bind(address);
        }
    }

    @Test
    public void aPortInUseIsABindExceptionAndLeavesNoThreads() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, ServerConfig.defaults().bindAddress());
             EchoServer server = newServer(ServerConfig.defaults().withPort(taken.getLocalPort()))) {
            assertThrows(BindException.class, server::start);
            assertTrue(nettyThreadsGone(), getClass().getSimpleName() + ": threads left behind by a failed start");
        }
    }

    /** Writes a position-derived pattern until the server stops taking bytes for STALL_MILLIS. */
    private static long writeUntilStalled(SocketChannel client) throws IOException, InterruptedException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long written = 0;
        long lastProgress = System.nanoTime();
        while (written < UNREAD_LIMIT_BYTES && System.nanoTime() - lastProgress < STALL_MILLIS * 1_000_000) {
            chunk.clear();
            for (int i = 0; i < chunk.capacity(); i++) chunk.put(patternByte(written + i));
            chunk.flip();
            int n = client.write(chunk);
            if (n > 0) {
                written += n;
                lastProgress = System.nanoTime();
            } else {
                Thread.sleep(10);
            }
        }
        return written;
    }

    private static long readPatternToEnd(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = 0;
        while (client.read(buffer.clear()) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte expected = patternByte(position);
                assertEquals(expected, buffer.get(), "byte " + position);
                position++;
            }
        }
        return position;
    }

    private static byte patternByte(long position) {
        return (byte) (position * 31 + (position >>> 11));
    }

    private static byte[] readToEnd(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** close() joins the event-loop threads, so none may be left the moment it returns. */
    private static boolean nettyThreadsGone() {
        return Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().matches("netty(42)?-(acceptor|worker)-.*"));
    }
}
