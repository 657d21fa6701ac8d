package org.iobench.conformance;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** Thousands of connections at once: no cross-talk, idle ones cost the active nothing, none leak. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManyConnectionsTest extends PerImplementation {
    static final int LEAK_CONNECTIONS = 300;
    /** Room for a descriptor or thread the server may open once for good (a JIT or GC thread, a log). */
    static final int FD_SLACK = 10;
    static final int THREAD_SLACK = 4;
    static final long SETTLE_MILLIS = 10_000;

    static final int CONCURRENT_CONNECTIONS = 2_000;
    static final int ROUND_TRIPS = 20;
    static final int MESSAGE_BYTES = 64;

    static final int IDLE_CONNECTIONS = 5_000;
    static final int ACTIVE_ROUND_TRIPS = 200;
    static final long ACTIVE_ROUND_TRIP_BOUND_MILLIS = 1_000;

    @Test
    @Order(1)
    @Timeout(90)
    void releasesDescriptorsAndThreadsWhenClientsLeave() throws Exception {
        closeAll(openLive(LEAK_CONNECTIONS, 1)); // warm-up: pools, JIT threads, carriers reach steady state
        long[] baseline = settled();
        List<Socket> open = openLive(LEAK_CONNECTIONS, 2);
        long fdsWhileOpen = ProcStats.openFds(server.pid());
        closeAll(open);
        // Sanity: the measurement must see connections at all, or the leak check below proves nothing.
        server.check(fdsWhileOpen >= baseline[0] + LEAK_CONNECTIONS, "only " + fdsWhileOpen + " descriptors with "
                + LEAK_CONNECTIONS + " live connections (baseline " + baseline[0] + ")");
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        long fds, threads;
        do {
            Thread.sleep(100);
            fds = ProcStats.openFds(server.pid());
            threads = ProcStats.threads(server.pid());
        } while ((fds > baseline[0] + FD_SLACK || threads > baseline[1] + THREAD_SLACK) && System.nanoTime() < deadline);
        System.out.printf("iobench-conformance: %-17s leak check: fds %d -> %d open -> %d; threads %d -> %d%n",
                server.id(), baseline[0], fdsWhileOpen, fds, baseline[1], threads);
        server.check(fds <= baseline[0] + FD_SLACK, fds + " descriptors " + SETTLE_MILLIS + " ms after " + LEAK_CONNECTIONS
                + " clients left; baseline " + baseline[0] + " (+" + FD_SLACK + " allowed)");
        server.check(threads <= baseline[1] + THREAD_SLACK, threads + " threads " + SETTLE_MILLIS + " ms after "
                + LEAK_CONNECTIONS + " clients left; baseline " + baseline[1] + " (+" + THREAD_SLACK + " allowed)");
    }

    @Test
    @Order(2)
    @Timeout(120)
    void servesThousandsOfConcurrentConnectionsWithoutCrossTalk() throws Exception {
        concurrentRoundTrips(server, CONCURRENT_CONNECTIONS, ROUND_TRIPS, MESSAGE_BYTES);
    }

    /**
     * Every connection is open before any message is sent (real concurrency), and each one's bytes
     * come from its own seeded stream, so an echo delivered to the wrong connection differs.
     */
    static void concurrentRoundTrips(ServerUnderTest server, int connections, int roundTrips, int messageBytes)
            throws InterruptedException {
        CountDownLatch allConnected = new CountDownLatch(connections);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                int id = c;
                clients.submit(() -> {
                    Socket socket = null;
                    try {
                        try {
                            socket = Wire.connect(server.address());
                        } finally {
                            allConnected.countDown();
                        }
                        allConnected.await(60, TimeUnit.SECONDS);
                        SeededBytes own = new SeededBytes(10_000 + id);
                        for (int round = 0; round < roundTrips; round++) {
                            Wire.roundTrip(server, "connection " + id + " round " + round, socket, own,
                                    (long) round * messageBytes, messageBytes);
                        }
                    } catch (Throwable t) {
                        failed.incrementAndGet();
                        first.compareAndSet(null, t);
                    } finally {
                        closeQuietly(socket);
                    }
                    return null;
                });
            }
        }
        if (failed.get() > 0) {
            throw server.failure(failed.get() + " of " + connections + " concurrent connections failed; first: "
                    + first.get().getMessage().lines().findFirst().orElse(""));
        }
    }

    @Test
    @Order(3)
    @Timeout(120)
    void activeConnectionStaysFastAmongThousandsOfIdleOnes() throws Exception {
        List<Socket> idle = new ArrayList<>(IDLE_CONNECTIONS);
        try {
            idle.addAll(openLive(IDLE_CONNECTIONS, 3)); // each proven accepted and served once, then left idle
            SeededBytes bytes = new SeededBytes(4);
            long worstMillis = 0;
            try (Socket active = Wire.connect(server.address())) {
                for (int i = 0; i < ACTIVE_ROUND_TRIPS; i++) {
                    long t0 = System.nanoTime();
                    Wire.roundTrip(server, "active connection beside " + IDLE_CONNECTIONS + " idle ones, round " + i,
                            active, bytes, (long) i * MESSAGE_BYTES, MESSAGE_BYTES);
                    worstMillis = Math.max(worstMillis, (System.nanoTime() - t0) / 1_000_000);
                }
            }
            System.out.printf("iobench-conformance: %-17s beside %d idle connections: slowest round trip %d ms%n",
                    server.id(), IDLE_CONNECTIONS, worstMillis);
            server.check(worstMillis <= ACTIVE_ROUND_TRIP_BOUND_MILLIS, "slowest of " + ACTIVE_ROUND_TRIPS
                    + " round trips took " + worstMillis + " ms beside " + IDLE_CONNECTIONS + " idle connections (bound "
                    + ACTIVE_ROUND_TRIP_BOUND_MILLIS + " ms)");
            SeededBytes again = new SeededBytes(5);
            for (int i = 0; i < idle.size(); i += 250) {
                Wire.roundTrip(server, "idle connection " + i + " woken up", idle.get(i), again, 0, MESSAGE_BYTES);
            }
        } finally {
            closeAll(idle);
        }
    }

    /** Opens {@code count} connections, one after another, each proven live with one small echo. */
    private List<Socket> openLive(int count, long seed) throws IOException {
        List<Socket> sockets = new ArrayList<>(count);
        SeededBytes bytes = new SeededBytes(seed);
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = Wire.connect(server.address());
                sockets.add(socket);
                Wire.roundTrip(server, "connection " + i + " of " + count, socket, bytes, (long) i * 16, 16);
            }
            return sockets;
        } catch (IOException | RuntimeException | Error e) {
            closeAll(sockets);
            throw e;
        }
    }

    /** Descriptors and threads once they stop changing (three equal readings), or after 5 s. */
    private long[] settled() throws InterruptedException {
        long[] last = {-1, -1};
        int stableReadings = 0;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (stableReadings < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            long[] now = {ProcStats.openFds(server.pid()), ProcStats.threads(server.pid())};
            stableReadings = now[0] == last[0] && now[1] == last[1] ? stableReadings + 1 : 0;
            last = now;
        }
        return last;
    }

    static void closeAll(List<Socket> sockets) {
        sockets.forEach(ManyConnectionsTest::closeQuietly);
    }

    static void closeQuietly(Socket socket) {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the server side is what is under test
        }
    }
}
