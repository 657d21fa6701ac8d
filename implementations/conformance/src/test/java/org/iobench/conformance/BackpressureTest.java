package org.iobench.conformance;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A slow reader gets backpressure, not unbounded buffering: while it leaves 32 MiB unread, the server
 * stops reading from it (memory bounded), keeps serving others, and loses nothing.
 */
class BackpressureTest extends PerImplementation {
    static final long STREAM_BYTES = 32L << 20;
    static final long STALL_MILLIS = 3_000;
    static final int SMALL_SOCKET_BUFFER_BYTES = 64 * 1024;
    static final int WRITE_CHUNK_BYTES = 64 * 1024;
    static final int WARM_UP_CONNECTIONS = 4;
    /**
     * What the writer may hand over while nothing is read. The slow client's socket buffers are pinned
     * small (64 KiB each way), so what leaves it sits in the server's kernel buffers (receive and send,
     * autotuned; 4-8 MiB measured here for every correct server) or in the server's own memory. All
     * 32 MiB gone means the server reads what it cannot send: no backpressure.
     */
    static final long IN_FLIGHT_BOUND_BYTES = 16L << 20;
    static final int PROBE_BYTES = 1024;
    static final long PROMPT_ROUND_TRIP_MILLIS = 1_000;
    /**
     * A server buffering without bound holds the ~28 MiB the kernel cannot (45 MiB RSS growth measured
     * for a throwaway unbounded JVM server). A bounded one holds its per-connection buffer (16 KiB by
     * default) plus allocator and GC noise once warmed up (0-5 MiB measured here, JVMs included).
     * 16 MiB sits well clear of both.
     */
    static final long RSS_GROWTH_BOUND_KIB = 16 * 1024;

    @Test
    @Timeout(90)
    void slowReaderIsHeldBackWhileOthersAreServedAndLosesNothing() throws Exception {
        warmUp();
        long baselineKiB = ProcStats.rssKiB(server.pid());
        long peakKiB = baselineKiB;
        SeededBytes bytes = new SeededBytes(32);
        try (Socket slow = Wire.connect(server.address(), SMALL_SOCKET_BUFFER_BYTES, SMALL_SOCKET_BUFFER_BYTES);
             Socket other = Wire.connect(server.address())) {
            AtomicLong written = new AtomicLong();
            Background writer = Background.start("writer-slow-reader", () -> {
                for (long from = 0; from < STREAM_BYTES; from += WRITE_CHUNK_BYTES) {
                    Wire.write(slow, bytes, from, WRITE_CHUNK_BYTES);
                    written.addAndGet(WRITE_CHUNK_BYTES);
                }
            });
            SeededBytes probe = new SeededBytes(33);
            long probeFrom = 0;
            long stallEnd = System.nanoTime() + STALL_MILLIS * 1_000_000;
            while (System.nanoTime() < stallEnd) {
                long t0 = System.nanoTime();
                Wire.roundTrip(server, "other client while a slow reader stalls", other, probe, probeFrom, PROBE_BYTES);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                server.check(millis <= PROMPT_ROUND_TRIP_MILLIS, "another client waited " + millis
                        + " ms for a " + PROBE_BYTES + "-byte echo while a slow reader stalled (bound "
                        + PROMPT_ROUND_TRIP_MILLIS + " ms)");
                probeFrom += PROBE_BYTES;
                peakKiB = Math.max(peakKiB, ProcStats.rssKiB(server.pid()));
                Thread.sleep(100);
            }
            long inFlightAtStallEnd = written.get();
            Wire.expectEcho(server, "32 MiB read after a " + STALL_MILLIS + " ms stall", slow, bytes, 0, STREAM_BYTES);
            writer.join(server, "slow reader's writer", 10_000);
            long growthKiB = peakKiB - baselineKiB;
            System.out.printf("iobench-conformance: %-17s slow reader: %d KiB taken in while nothing was read (bound %d);"
                    + " RSS %d KiB -> peak %d KiB (+%d, bound +%d)%n", server.id(), inFlightAtStallEnd / 1024,
                    IN_FLIGHT_BOUND_BYTES / 1024, baselineKiB, peakKiB, growthKiB, RSS_GROWTH_BOUND_KIB);
            server.check(inFlightAtStallEnd <= IN_FLIGHT_BOUND_BYTES, inFlightAtStallEnd / 1024 + " KiB were taken from a client"
                    + " that read nothing for " + STALL_MILLIS + " ms (bound " + IN_FLIGHT_BOUND_BYTES / 1024
                    + " KiB): the server keeps reading what it cannot send");
            server.check(growthKiB < RSS_GROWTH_BOUND_KIB, "RSS grew by " + growthKiB + " KiB (from " + baselineKiB
                    + " KiB) while a client left 32 MiB unread; bound " + RSS_GROWTH_BOUND_KIB + " KiB");
        }
    }

    /**
     * 32 MiB at full speed first, over several connections at once so that every event loop (and its
     * allocator cache) has carried traffic: the JIT, heap and buffer pools are then at steady state,
     * and what the slow reader adds is measured, not a first allocation.
     */
    private void warmUp() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        List<Background> writers = new ArrayList<>();
        long perConnection = STREAM_BYTES / WARM_UP_CONNECTIONS;
        try {
            for (int c = 0; c < WARM_UP_CONNECTIONS; c++) {
                Socket socket = Wire.connect(server.address());
                sockets.add(socket);
                SeededBytes bytes = new SeededBytes(100 + c);
                writers.add(Background.start("writer-warm-up-" + c, () -> Wire.write(socket, bytes, 0, perConnection)));
            }
            for (int c = 0; c < WARM_UP_CONNECTIONS; c++) {
                Wire.expectEcho(server, "warm-up stream " + c, sockets.get(c), new SeededBytes(100 + c), 0, perConnection);
                writers.get(c).join(server, "warm-up writer " + c, 10_000);
            }
        } finally {
            ManyConnectionsTest.closeAll(sockets);
        }
        Thread.sleep(300);
    }
}
