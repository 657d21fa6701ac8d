package org.iobench.netty42;

import org.iobench.api.EchoServer;
import org.iobench.api.ServerConfig;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * In-process checks of the Netty 4.2 servers' own promises (the cross-implementation conformance
 * suite runs them as processes): echo with half-close, backpressure, clean close, bind failure.
 */
@Timeout(60)
class Netty42EchoServerTest {
    private static final int CLIENT_SOCKET_BUFFER_BYTES = 64 * 1024;
    private static final long UNREAD_LIMIT_BYTES = 128L << 20;
    private static final long STALL_MILLIS = 1000;

    static Stream<Arguments> servers() {
        return Stream.of(
                server("netty42-epoll", Netty42EpollEchoServer::new, Netty42EpollEchoServer::unavailableReason),
                server("netty42-io-uring", Netty42IoUringEchoServer::new, Netty42IoUringEchoServer::unavailableReason));
    }

    private static Arguments server(String id, Function<ServerConfig, EchoServer> factory, Supplier<String> unavailable) {
        return Arguments.of(id, factory, unavailable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void echoesEveryByteThenEndsTheStreamAfterHalfClose(String id, Function<ServerConfig, EchoServer> factory,
                                                        Supplier<String> unavailable) throws Exception {
        assumeTrue(unavailable.get() == null, unavailable);
        try (EchoServer server = factory.apply(ServerConfig.defaults())) {
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
                    assertArrayEquals(sent, received.get(), id + ": " + payloadBytes + " bytes");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void stopsReadingFromAClientThatDoesNotRead(String id, Function<ServerConfig, EchoServer> factory,
                                                Supplier<String> unavailable) throws Exception {
        assumeTrue(unavailable.get() == null, unavailable);
        try (EchoServer server = factory.apply(ServerConfig.defaults());
             SocketChannel client = SocketChannel.open()) {
            // Small client buffers: what the client can push is then bounded by the server, not by us.
            client.setOption(StandardSocketOptions.SO_SNDBUF, CLIENT_SOCKET_BUFFER_BYTES);
            client.setOption(StandardSocketOptions.SO_RCVBUF, CLIENT_SOCKET_BUFFER_BYTES);
            client.connect(server.start());
            client.configureBlocking(false);
            long written = writeUntilStalled(client);
            assertTrue(written < UNREAD_LIMIT_BYTES / 2,
                    id + " kept reading from a client that reads nothing: " + written + " bytes accepted");
            client.shutdownOutput();
            client.configureBlocking(true);
            assertEquals(written, readPatternToEnd(client), id + ": echoed bytes after the stall");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void closeReleasesThePortAndEndsItsThreads(String id, Function<ServerConfig, EchoServer> factory,
                                               Supplier<String> unavailable) throws Exception {
        assumeTrue(unavailable.get() == null, unavailable);
        EchoServer server = factory.apply(ServerConfig.defaults());
        InetSocketAddress address = server.start();
        try (Socket connected = new Socket(address.getAddress(), address.getPort())) {
            connected.getOutputStream().write(1);
            assertEquals(1, connected.getInputStream().read());
            server.close();
            assertEquals(-1, connected.getInputStream().read(), id + ": open connection not closed");
        }
        server.close(); // idempotent
        assertThrows(ConnectException.class, () -> new Socket(address.getAddress(), address.getPort()).close());
        assertTrue(nettyThreadsGone(), id + ": event loop threads still alive after close()");
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.setReuseAddress(true);
            rebind.bind(address);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aPortInUseIsABindExceptionAndLeavesNoThreads(String id, Function<ServerConfig, EchoServer> factory,
                                                      Supplier<String> unavailable) throws Exception {
        assumeTrue(unavailable.get() == null, unavailable);
        try (ServerSocket taken = new ServerSocket(0, 1, ServerConfig.defaults().bindAddress());
             EchoServer server = factory.apply(ServerConfig.defaults().withPort(taken.getLocalPort()))) {
            assertThrows(BindException.class, server::start);
            assertTrue(nettyThreadsGone(), id + ": threads left behind by a failed start");
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
        return !Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.isAlive() && (t.getName().startsWith("netty42-acceptor") || t.getName().startsWith("netty42-worker")));
    }
}
