package org.iobench.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** Every byte comes back, in order, whatever the sizes and timing of the writes; loopback only. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EchoCorrectnessTest extends PerImplementation {
    /** Around every power-of-two buffer a server is likely to use (the seed's was 1024). */
    static final int[] EDGE_SIZES = {1, 63, 64, 65, 1023, 1024, 1025, 4095, 4096, 4097,
            16383, 16384, 16385, 65535, 65536, 65537};
    static final long STREAM_BYTES = 8L << 20;
    static final int CHUNKS = 300;
    static final int MAX_CHUNK_BYTES = 8192;
    static final int MAX_PAUSE_MILLIS = 3;
    static final int HALF_CLOSE_BYTES = 256 * 1024 + 1;

    @Test
    @Order(1)
    void bindsLoopbackNotTheWildcardByDefault() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        InetAddress reported = server.reportedAddress().getAddress();
        server.check(reported.equals(loopback),
                "ready line reports " + reported.getHostAddress() + ", expected " + loopback.getHostAddress());
        List<InetAddress> listeners = ProcStats.listenersOn(server.pid(), server.port());
        server.check(!listeners.isEmpty(), "no listening socket on port " + server.port() + " in /proc/"
                + server.pid() + "/net/tcp{,6}");
        for (InetAddress local : listeners) {
            server.check(local.equals(loopback), "listens on " + local.getHostAddress() + ":" + server.port()
                    + " (must bind " + loopback.getHostAddress() + " only, unless told otherwise)");
        }
    }

    @Test
    @Order(2)
    @Timeout(120)
    void echoesEverySizeAroundBufferEdges() throws IOException {
        // One connection per size: a server that leaves bytes in the socket fails on the size that
        // crosses its buffer, and the message names that size.
        SeededBytes bytes = new SeededBytes(1);
        long from = 0;
        for (int size : EDGE_SIZES) {
            try (Socket socket = Wire.connect(server.address())) {
                Wire.roundTrip(server, size + "-byte message", socket, bytes, from, size);
            }
            from += size;
        }
        // Then all sizes in turn on one connection: a leftover of one message would shift the next.
        try (Socket socket = Wire.connect(server.address())) {
            for (int size : EDGE_SIZES) {
                Wire.roundTrip(server, size + "-byte message on a shared connection", socket, bytes, from, size);
                from += size;
            }
        }
    }

    @Test
    @Order(3)
    @Timeout(60)
    void echoesAn8MiBStreamWrittenAndReadConcurrently() throws Exception {
        SeededBytes bytes = new SeededBytes(8);
        try (Socket socket = Wire.connect(server.address())) {
            Background writer = Background.start("writer-8MiB",
                    () -> Wire.write(socket, bytes, 0, STREAM_BYTES));
            Wire.expectEcho(server, "8 MiB stream", socket, bytes, 0, STREAM_BYTES);
            writer.join(server, "8 MiB stream writer", 10_000);
        }
    }

    @Test
    @Order(4)
    @Timeout(60)
    void echoesRandomChunksWrittenWithPauses() throws Exception {
        // Separate small writes with pauses reach the server as separate events (a fresh edge each
        // under EPOLLET), unlike one big write; sizes and pauses are seeded, so a failure replays.
        SplittableRandom random = new SplittableRandom(20240601);
        int[] sizes = new int[CHUNKS];
        int[] pausesMillis = new int[CHUNKS];
        long total = 0;
        for (int i = 0; i < CHUNKS; i++) {
            sizes[i] = random.nextInt(1, MAX_CHUNK_BYTES + 1);
            pausesMillis[i] = random.nextInt(MAX_PAUSE_MILLIS + 1);
            total += sizes[i];
        }
        SeededBytes bytes = new SeededBytes(4);
        try (Socket socket = Wire.connect(server.address())) {
            Background writer = Background.start("writer-chunks", () -> {
                long from = 0;
                for (int i = 0; i < CHUNKS; i++) {
                    Wire.write(socket, bytes, from, sizes[i]);
                    from += sizes[i];
                    if (pausesMillis[i] > 0) Thread.sleep(pausesMillis[i]);
                }
            });
            Wire.expectEcho(server, CHUNKS + " random chunks (" + total + " bytes)", socket, bytes, 0, total);
            writer.join(server, "chunk writer", 10_000);
        }
    }

    @Test
    @Order(5)
    @Timeout(60)
    void halfCloseGetsEveryByteBackThenEof() throws Exception {
        SeededBytes bytes = new SeededBytes(5);
        try (Socket socket = Wire.connect(server.address())) {
            Background writer = Background.start("writer-half-close", () -> {
                Wire.write(socket, bytes, 0, HALF_CLOSE_BYTES);
                socket.shutdownOutput();
            });
            String what = "half-closed connection (" + HALF_CLOSE_BYTES + " bytes, then shutdown(SHUT_WR))";
            Wire.expectEcho(server, what, socket, bytes, 0, HALF_CLOSE_BYTES);
            Wire.expectEof(server, what, socket);
            writer.join(server, "half-close writer", 10_000);
        }
    }
}
