package org.iobench.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.iobench.api.EchoServer;
import org.iobench.api.Family;
import org.iobench.api.Implementation;
import org.iobench.api.ServerConfig;
import org.iobench.api.ServerMain;
import org.iobench.api.Work;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four JDK servers with work per message, in this JVM: byte-exact under every kind (inline,
 * offloaded, and blocking on the loop), work done per message and not per read, and a pool far
 * smaller than the connections (a full pool, so connections wait for slots) losing nothing.
 */
@Timeout(60)
class JdkEchoServersWorkTest {
    private static final int MESSAGE_BYTES = 100;
    private static final int SMALL_BUFFER_BYTES = 64;

    /** Each JDK server under cpu:, block: with a pool of 2 threads and a queue of 1, and block: on the loop. */
    static Stream<Arguments> serversAndWork() {
        return Implementation.ofFamily(Family.JDK).stream().flatMap(impl -> Stream.of(
                Arguments.of(impl, "cpu:20", 2), Arguments.of(impl, "block:1", 2), Arguments.of(impl, "block:1", 0)));
    }

    private static EchoServer newServer(Implementation impl, String work, int offloadThreads) {
        return newServer(impl, work, offloadThreads, SMALL_BUFFER_BYTES);
    }

    private static EchoServer newServer(Implementation impl, String work, int offloadThreads, int bufferBytes) {
        ServerConfig config = new ServerConfig(ServerConfig.defaults().bindAddress(), 0, 2, bufferBytes)
                .withWork(Work.parse(work), MESSAGE_BYTES).withOffload(offloadThreads, 1);
        return ServerMain.instantiate(impl, config);
    }

    private static byte[] randomBytes(int count, long seed) {
        byte[] bytes = new byte[count];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes all of {@code sent} at once, half-closes, and returns everything read up to the server's EOF. */
    private static byte[] echoAll(InetSocketAddress address, byte[] sent) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(20_000);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream().write(sent);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] received = socket.getInputStream().readAllBytes();
            writer.join();
            return received;
        }
    }

    @ParameterizedTest(name = "{0} {1} offload {2}")
    @MethodSource("serversAndWork")
    void echoesPipelinedMessagesAndATrailingPartOneByteExact(Implementation impl, String work, int offloadThreads) throws Exception {
        try (EchoServer server = newServer(impl, work, offloadThreads)) {
            InetSocketAddress address = server.start();
            // 20 whole messages written at once, so reads hold several, and a 37-byte tail before EOF
            byte[] sent = randomBytes(20 * MESSAGE_BYTES + 37, 1);
            assertArrayEquals(sent, echoAll(address, sent), impl + " " + work);
        }
    }

    @ParameterizedTest(name = "{0} {1} offload {2}")
    @MethodSource("serversAndWork")
    void manyConnectionsThroughAFullPoolLoseNothing(Implementation impl, String work, int offloadThreads) throws Exception {
        int connections = 40;
        try (EchoServer server = newServer(impl, work, offloadThreads)) {
            InetSocketAddress address = server.start();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                byte[] sent = randomBytes(5 * MESSAGE_BYTES, 100 + c);
                all.add(CompletableFuture.runAsync(() -> {
                    try {
                        assertArrayEquals(sent, echoAll(address, sent), impl + " " + work);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, r -> Thread.ofVirtual().start(r)));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iobench.jdk.JdkEchoServersTest#jdkServers")
    void blockingWorkIsPerMessageNotPerRead(Implementation impl) throws Exception {
        int messages = 5;
        long blockMillis = 40;
        try (EchoServer server = newServer(impl, "block:" + blockMillis, 2, ServerConfig.DEFAULT_BUFFER_BYTES)) {
            InetSocketAddress address = server.start();
            byte[] sent = randomBytes(messages * MESSAGE_BYTES, 7);
            long start = System.nanoTime();
            assertArrayEquals(sent, echoAll(address, sent));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // written at once into a 16 KiB buffer, they arrive in one or two reads; a connection's messages are worked on in turn
            assertTrue(millis >= messages * blockMillis, () -> impl + ": " + messages + " messages of block:" + blockMillis
                    + " echoed in " + millis + " ms: the work was not done once per message");
        }
    }
}
