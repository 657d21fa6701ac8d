package org.iobench.bench.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.iobench.bench.ProcessStats;
import org.iobench.bench.driver.DriverLimits;
import org.iobench.bench.driver.DriverSnapshot;
import org.iobench.bench.driver.LoadDriver;
import org.iobench.bench.driver.LoadShape;
import org.iobench.bench.driver.SourceAddresses;
import org.iobench.bench.driver.ThreadPinning;

/**
 * The Java driver as the benchmarks run it, outside JMH: {@code threads} driver threads, each pinned
 * to one client CPU and owning one {@link LoadDriver} over its share of the connections. They connect,
 * start together, settle for the native client's warm-up, then run the measured window; this JVM's CPU time over the
 * window (every thread: drivers, GC, JIT) is read from /proc with {@link ProcessStats}, as the native
 * client's is.
 */
final class JavaDriverRun {
    /**
     * Load before the measured window: the native client's warm-up, so both halves of a round measure
     * the same phase of a fresh connection set (at 10,000 connections the first seconds after the
     * connects still carry the start's burst).
     */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(NativeLoadClient.WARMUP_SECONDS);
    /** Echoes between clock checks: keeps nanoTime off the per-echo path. */
    private static final int ECHOES_PER_CLOCK_CHECK = 64;

    /** What the run saw besides the result. */
    record Outcome(ClientResult result, DriverSnapshot drivers, String sourceAddresses) {
    }

    private JavaDriverRun() {
    }

    static Outcome run(InetSocketAddress server, int connections, LoadShape shape, List<Integer> cpus, int threads,
                       long windowNanos) throws IOException {
        SourceAddresses sources = SourceAddresses.forTarget(server, connections);
        CyclicBarrier connected = new CyclicBarrier(threads + 1);
        // The process's CPU is the sum over its live threads: a worker that ended before the window's
        // last reading would take its whole run time with it (it read -95% once), so workers wait for it.
        CountDownLatch cpuRead = new CountDownLatch(1);
        List<DriverWorker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = connections / threads + (t < connections % threads ? 1 : 0);
            workers.add(new DriverWorker(server, share, shape, sources, cpus.get(t % cpus.size()), connected, cpuRead));
        }
        workers.forEach(DriverWorker::start);
        try {
            await(connected, workers);
            long start = System.nanoTime();
            long windowStart = start + SETTLE_NANOS;
            long windowEnd = windowStart + windowNanos;
            workers.forEach(w -> w.schedule(windowStart, windowEnd));
            sleepUntil(windowStart);
            long cpuBefore = ownCpuNanos();
            sleepUntil(windowEnd);
            long cpuAfter = ownCpuNanos();
            cpuRead.countDown();
            DriverSnapshot combined = null;
            for (DriverWorker w : workers) {
                DriverSnapshot s = w.finish();
                combined = combined == null ? s : combined.plus(s);
            }
            if (combined.errors() > 0) throw new IOException("Java driver counted errors: " + errorSummaries(workers));
            return new Outcome(new ClientResult(combined.echoes(), combined.wallNanos(), cpuAfter - cpuBefore), combined,
                    sources.describe());
        } finally {
            cpuRead.countDown();
            workers.forEach(DriverWorker::stop);
        }
    }

    private static String errorSummaries(List<DriverWorker> workers) {
        return String.join("; ", workers.stream().map(DriverWorker::errorSummary).toList());
    }

    private static void await(CyclicBarrier barrier, List<DriverWorker> workers) throws IOException {
        try {
            barrier.await(DriverLimits.DEFAULT_CONNECT_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS);
        } catch (BrokenBarrierException | java.util.concurrent.TimeoutException e) {
            for (DriverWorker w : workers) w.rethrowFailure();
            throw new IOException("driver threads did not connect in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    static void sleepUntil(long nanoTime) throws IOException {
        try {
            for (long left; (left = nanoTime - System.nanoTime()) > 0; ) TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static long ownCpuNanos() throws IOException {
        return ProcessStats.read(ProcessHandle.current().pid()).cpuNanos();
    }

    /** One driver thread: connect, wait for the others, pump until the window ends. */
    private static final class DriverWorker {
        private final InetSocketAddress server;
        private final int connections;
        private final LoadShape shape;
        private final SourceAddresses sources;
        private final int cpu;
        private final CyclicBarrier connected;
        private final CountDownLatch cpuRead;
        private final Thread thread;
        private volatile long windowStart;
        private volatile long windowEnd;
        private volatile boolean scheduled;
        private volatile LoadDriver driver;
        private volatile DriverSnapshot measured;
        private volatile Exception failure;

        DriverWorker(InetSocketAddress server, int connections, LoadShape shape, SourceAddresses sources, int cpu,
                     CyclicBarrier connected, CountDownLatch cpuRead) {
            this.server = server;
            this.connections = connections;
            this.shape = shape;
            this.sources = sources;
            this.cpu = cpu;
            this.connected = connected;
            this.cpuRead = cpuRead;
            this.thread = Thread.ofPlatform().daemon().name("driver-cpu" + cpu).unstarted(this::run);
        }

        void start() {
            thread.start();
        }

        void schedule(long start, long end) {
            windowStart = start;
            windowEnd = end;
            scheduled = true;
        }

        private void run() {
            try {
                ThreadPinning.pinCurrentThread(cpu);
                LoadDriver d = LoadDriver.open(server, connections, shape, DriverLimits.defaults(), sources);
                driver = d;
                connected.await();
                while (!scheduled) Thread.onSpinWait();
                d.start();
                pumpUntil(d, windowStart);
                d.intervalSnapshot();
                pumpUntil(d, windowEnd);
                measured = d.intervalSnapshot();
                cpuRead.await(30, TimeUnit.SECONDS);   // alive until the coordinator has read the window's CPU
            } catch (Exception e) {
                failure = e;
                connected.reset(); // wakes the others and the coordinator with a BrokenBarrierException
            } finally {
                LoadDriver d = driver;
                if (d != null) d.close(); // on this thread: the driver is not thread-safe
            }
        }

        private static void pumpUntil(LoadDriver d, long nanoTime) {
            while (System.nanoTime() < nanoTime) {
                for (int i = 0; i < ECHOES_PER_CLOCK_CHECK; i++) d.awaitEcho();
            }
        }

        DriverSnapshot finish() throws IOException {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            rethrowFailure();
            if (measured == null) throw new IOException("driver thread on CPU " + cpu + " did not finish");
            return measured;
        }

        void rethrowFailure() throws IOException {
            Exception e = failure;
            if (e instanceof BrokenBarrierException || e == null) return;
            throw new IOException("driver thread on CPU " + cpu + ": " + e.getMessage(), e);
        }

        String errorSummary() {
            LoadDriver d = driver;
            return d == null ? "not connected" : d.errorSummary();
        }

        /** Stops a thread still pumping (the run failed elsewhere); it closes its own driver on the way out. */
        void stop() {
            scheduled = true;
            windowStart = 0;
            windowEnd = 0;
            thread.interrupt();
        }
    }
}
