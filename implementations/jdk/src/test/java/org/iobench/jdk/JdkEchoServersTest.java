package org.iobench.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.iobench.api.EchoServer;
import org.iobench.api.Family;
import org.iobench.api.Implementation;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerMain;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four JDK servers, in this JVM, through the {@link EchoServer} contract. The conformance module
 * checks every family from outside as real processes; this is the quick check a change in this module
 * has to pass first. A small buffer (64 bytes) puts every message across buffer edges.
 */
@Timeout(60)
class JdkEchoServersTest {
    private static final int SMALL_BUFFER_BYTES = 64;
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    static Stream<Implementation> jdkServers() {
        return Implementation.ofFamily(Family.JDK).stream();
    }

    private static EchoServer newServer(Implementation impl) {
        return newServer(impl, SMALL_BUFFER_BYTES);
    }

    private static EchoServer newServer(Implementation impl, int bufferBytes) {
        ServerConfig config = ServerConfig.defaults();
        return ServerMain.instantiate(impl, new ServerConfig(config.bindAddress(), 0, 2, bufferBytes));
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        return socket;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(count).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @MethodSource("jdkServers")
    void echoesSizesAroundTheBufferEdgeThenEndsOnHalfClose(Implementation impl) throws Exception {
        try (EchoServer server = newServer(impl)) {
            InetSocketAddress address = server.start();
            for (int size : new int[] {1, 63, 64, 65, 127, 128, 129, 100_000}) {
                byte[] sent = randomBytes(size);
                try (Socket socket = connect(address)) {
                    socket.getOutputStream().write(sent);
                    socket.shutdownOutput();
                    // readAllBytes returns only at EOF: the server must send every byte, then its own EOF.
                    assertArrayEquals(sent, socket.getInputStream().readAllBytes(), impl + ", " + size + " bytes");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("jdkServers")
    void echoesAStreamWrittenAndReadConcurrently(Implementation impl) throws Exception {
        byte[] sent = randomBytes(4 * 1024 * 1024);
        try (EchoServer server = newServer(impl); Socket socket = connect(server.start())) {
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int offset = 0; offset < sent.length; offset += 10_007) {
                        out.write(sent, offset, Math.min(10_007, sent.length - offset));
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] received = socket.getInputStream().readNBytes(sent.length);
            writer.join();
            assertArrayEquals(sent, received);
        }
    }

    /**
     * Loopback's kernel buffers take about 8 MB on this kind of machine before the writer stalls; a
     * server that buffered without bound would take all 32 MiB.
     */
    @ParameterizedTest
    @MethodSource("jdkServers")
    void stopsReadingFromAClientThatDoesNotReadThenDeliversEverything(Implementation impl) throws Exception {
        byte[] sent = randomBytes(32 * 1024 * 1024);
        try (EchoServer server = newServer(impl, ServerConfig.DEFAULT_BUFFER_BYTES);
             SocketChannel client = SocketChannel.open(server.start())) {
            client.configureBlocking(false);
            ByteBuffer toSend = ByteBuffer.wrap(sent);
            long lastProgressNanos = System.nanoTime();
            // Write without reading until the server stops taking bytes for half a second.
            while (toSend.hasRemaining() && System.nanoTime() - lastProgressNanos < 500_000_000L) {
                if (client.write(toSend) > 0) lastProgressNanos = System.nanoTime();
                else Thread.sleep(5);
            }
            assertTrue(toSend.hasRemaining(),
                    impl + " took all " + sent.length + " bytes from a client that never read: unbounded buffering");

            // Now read: the rest is written concurrently, and every byte must come back in order.
            client.configureBlocking(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    while (toSend.hasRemaining()) client.write(toSend);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] received = client.socket().getInputStream().readNBytes(sent.length);
            writer.join();
            assertArrayEquals(sent, received);
        }
    }

    @ParameterizedTest
    @MethodSource("jdkServers")
    void survivesAbruptResets(Implementation impl) throws Exception {
        try (EchoServer server = newServer(impl)) {
            InetSocketAddress address = server.start();
            for (int i = 0; i < 50; i++) {
                Socket socket = connect(address);
                socket.getOutputStream().write(randomBytes(20_000));
                socket.setSoLinger(true, 0);   // close() now sends RST instead of FIN
                socket.close();
            }
            try (Socket socket = connect(address)) {
                socket.getOutputStream().write("still here".getBytes());
                assertEquals("still here", new String(socket.getInputStream().readNBytes(10)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("jdkServers")
    void closeEndsConnectionsAndThreadsReleasesThePortAndIsIdempotent(Implementation impl) throws Exception {
        EchoServer server = newServer(impl);
        InetSocketAddress address = server.start();
        try (Socket idle = connect(address)) {
            idle.getOutputStream().write(1);
            assertEquals(1, idle.getInputStream().read());
            server.close();
            InputStream in = idle.getInputStream();
            try {
                assertEquals(-1, in.read(), "the server closed the connection: EOF");
            } catch (IOException reset) {
                // a reset is also an acceptable end
            }
        }
        server.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith(impl.id + "-")),
                "threads of " + impl + " still alive after close()");
        try (ServerSocket again = new ServerSocket()) {
            again.bind(address);   // the port is free again
        }
    }
}
