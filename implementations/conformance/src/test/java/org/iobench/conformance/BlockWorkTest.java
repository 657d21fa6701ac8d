package org.iobench.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.iobench.api.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WorkEchoTest} under {@code block:1} with an offload pool of 4 threads and a queue of 4, far
 * fewer than the connections: the pool is saturated and connections wait for slots, without losing a
 * byte. And the backpressure of a saturated pool: clients that flood without reading are held back
 * (the server stops reading them), the server's memory stays bounded, and once they read, every byte
 * they got in comes back.
 */
class BlockWorkTest extends WorkEchoTest {
    /** Twice the pool's threads plus queue: the pool stays saturated while they flood. */
    static final int FLOODERS = 16;
    static final long FLOOD_CAP_BYTES = 32L << 20;
    static final int SMALL_SOCKET_BUFFER_BYTES = 64 * 1024;
    static final long STALL_MILLIS = 1_000;
    static final long FLOOD_MILLIS = 20_000;
    /**
     * What one held-back connection may take in, as in {@link BackpressureTest}: its socket buffers
     * (the client's pinned at 64 KiB, the server's autotuned, up to ~10 MiB with Linux's defaults)
     * and one message plus one buffer in the server. A server reading what its pool cannot take would
     * take the whole 32 MiB.
     */
    static final long ACCEPTED_BOUND_BYTES = BackpressureTest.IN_FLIGHT_BOUND_BYTES;
    /** As in {@link BackpressureTest}: a bounded server holds its buffers plus allocator and GC noise. */
    static final long RSS_GROWTH_BOUND_KIB = 32 * 1024;

    @Override
    Work work() {
        return new Work.Block(1);
    }

    @Override
    int messageBytes() {
        return 16 * 1024;
    }

    @Override
    int[] offload() {
        return new int[] {4, 4};
    }

    @Test
    @Timeout(120)
    void aSaturatedPoolHoldsFloodingClientsBackWithBoundedMemoryAndLosesNothing() throws Exception {
        long baselineKiB = ProcStats.rssKiB(server.pid());
        long peakKiB = baselineKiB;
        List<SocketChannel> flooders = new ArrayList<>();
        long[] accepted = new long[FLOODERS];
        try {
            for (int c = 0; c < FLOODERS; c++) flooders.add(floodingClient(server.address()));
            ByteBuffer chunk = ByteBuffer.allocate(SMALL_SOCKET_BUFFER_BYTES);
            long lastProgress = System.nanoTime();
            long end = lastProgress + TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS);
            while (System.nanoTime() - lastProgress < TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS) && System.nanoTime() < end) {
                boolean progress = false;
                for (int c = 0; c < FLOODERS; c++) {
                    long room = FLOOD_CAP_BYTES - accepted[c];
                    if (room == 0) continue;
                    SeededBytes bytes = new SeededBytes(900 + c);
                    int length = (int) Math.min(chunk.capacity(), room);
                    bytes.fill(chunk.array(), 0, length, accepted[c]);
                    int n = flooders.get(c).write(chunk.clear().limit(length));
                    accepted[c] += n;
                    progress |= n > 0;
                }
                if (progress) lastProgress = System.nanoTime();
                peakKiB = Math.max(peakKiB, ProcStats.rssKiB(server.pid()));
                Thread.sleep(10);
            }
            long most = 0;
            for (long a : accepted) most = Math.max(most, a);
            long growthKiB = peakKiB - baselineKiB;
            System.out.printf("iobench-conformance: %-17s %d flooders against a pool of 4+4: at most %d KiB taken from one"
                    + " (bound %d), RSS +%d KiB (bound +%d)%n", server.id(), FLOODERS, most / 1024,
                    ACCEPTED_BOUND_BYTES / 1024, growthKiB, RSS_GROWTH_BOUND_KIB);
            server.check(most <= ACCEPTED_BOUND_BYTES, most / 1024 + " KiB were taken from a client that read nothing"
                    + " (bound " + ACCEPTED_BOUND_BYTES / 1024 + " KiB): the server reads what its pool cannot take");
            server.check(growthKiB < RSS_GROWTH_BOUND_KIB, "RSS grew by " + growthKiB + " KiB while " + FLOODERS
                    + " clients flooded a saturated pool; bound " + RSS_GROWTH_BOUND_KIB + " KiB");
            expectEverythingBack(flooders, accepted);
        } finally {
            for (SocketChannel channel : flooders) channel.close();
        }
    }

    private static SocketChannel floodingClient(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SMALL_SOCKET_BUFFER_BYTES);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SMALL_SOCKET_BUFFER_BYTES);
        channel.connect(address);
        channel.configureBlocking(false);
        return channel;
    }

    /** Every flooder half-closes and reads back exactly what it got in, then EOF (in parallel: the pool serves them all). */
    private void expectEverythingBack(List<SocketChannel> flooders, long[] accepted) throws Exception {
        List<Future<?>> readers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < FLOODERS; c++) {
                SocketChannel channel = flooders.get(c);
                SeededBytes bytes = new SeededBytes(900 + c);
                long length = accepted[c];
                String what = "flooder " + c;
                readers.add(pool.submit(() -> {
                    channel.configureBlocking(true);
                    channel.shutdownOutput();
                    Wire.expectEcho(server, what, channel.socket(), bytes, 0, length);
                    Wire.expectEof(server, what, channel.socket());
                    return null;
                }));
            }
            for (Future<?> reader : readers) reader.get(100, TimeUnit.SECONDS);
        }
    }
}
