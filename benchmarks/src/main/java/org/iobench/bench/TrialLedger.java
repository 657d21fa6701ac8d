package org.iobench.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.iobench.bench.driver.DriverSnapshot;

/**
 * What the driver threads of one trial hand over: each iteration's intervals (for the profiler),
 * and the errors, split into those inside measurement iterations (they show in the {@code errors}
 * metric) and the rest (warm-up, between iterations, shutdown), which only the trial's teardown
 * can report. Thread-safe: every JMH worker thread writes, the profiler reads.
 */
final class TrialLedger {
    private final Queue<DriverSnapshot> iterationIntervals = new ConcurrentLinkedQueue<>();
    private final AtomicLong measuredErrors = new AtomicLong();
    private final AtomicLong trialErrors = new AtomicLong();
    private final List<String> errorSummaries = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger openDrivers = new AtomicInteger();

    void driverOpened() {
        openDrivers.incrementAndGet();
    }

    /** A driver thread's figures for the iteration that just ended. */
    void intervalEnded(DriverSnapshot interval, boolean measured) {
        iterationIntervals.add(interval);
        trialErrors.addAndGet(interval.errors());
        if (measured) measuredErrors.addAndGet(interval.errors());
    }

    /** A driver's lifetime errors; those not in any handed-over interval count as unmeasured. */
    void driverClosed(long lifetimeErrors, String errorSummary, long intervalErrors) {
        trialErrors.addAndGet(lifetimeErrors - intervalErrors);
        if (lifetimeErrors > 0) errorSummaries.add(errorSummary);
        openDrivers.decrementAndGet();
    }

    /** Starts a new iteration: intervals of an iteration the profiler never took are dropped. */
    void clearIteration() {
        iterationIntervals.clear();
    }

    /** Every driver thread's interval of the ended iteration, combined; null if none was handed over. */
    DriverSnapshot takeIteration() {
        DriverSnapshot combined = null;
        for (DriverSnapshot s; (s = iterationIntervals.poll()) != null; ) {
            combined = combined == null ? s : combined.plus(s);
        }
        return combined;
    }

    long measuredErrors() {
        return measuredErrors.get();
    }

    long unmeasuredErrors() {
        return trialErrors.get() - measuredErrors.get();
    }

    String errorSummary() {
        synchronized (errorSummaries) {
            return String.join("; ", errorSummaries);
        }
    }

    /**
     * JMH lets the first thread that finishes run the benchmark-scope teardown while other threads
     * may still be closing their drivers; their connections must be closed (and their errors in)
     * before the server stops. Bounded.
     */
    void awaitDriversClosed(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (openDrivers.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
