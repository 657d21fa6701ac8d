package org.iobench.bench;

import java.io.IOException;
import org.iobench.bench.driver.ChurnDriver;
import org.iobench.bench.driver.DriverLimits;
import org.iobench.bench.driver.DriverSnapshot;
import org.iobench.bench.driver.Load;
import org.iobench.bench.driver.LoadDriver;
import org.iobench.bench.driver.LoadShape;
import org.iobench.bench.driver.SourceAddresses;
import org.iobench.bench.driver.ThreadPinning;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One JMH benchmark thread's share of a trial: its slice of the connections (and of the offered
 * rate), one {@link Load} (steady connections, or churn), and the hand-over of its per-iteration
 * figures to the {@link ServerTrial}. The connections are the real concurrency; JMH threads only
 * multiplex them.
 */
final class DriverThread {
    private final ServerTrial trial;
    private final Load driver;
    private boolean measuring;
    private long postedErrors;

    private DriverThread(ServerTrial trial, Load driver) {
        this.trial = trial;
        this.driver = driver;
    }

    /** Connects this thread's slice; {@code rate} is the total offered echoes/s, NaN for the closed loop. */
    static DriverThread connect(ServerTrial trial, ThreadParams thread, int depth, double rate) throws IOException {
        int mine = myShare(trial, thread);
        LoadShape shape = Double.isNaN(rate) ? LoadShape.closedLoop(trial.payloadBytes, depth)
                : LoadShape.openLoop(trial.payloadBytes, rate * mine / trial.connections);
        // the trial's connections, not this thread's share, decide how many loopback source addresses are needed
        DriverThread driverThread = new DriverThread(trial, LoadDriver.open(trial.address(), mine, shape, DriverLimits.defaults(),
                SourceAddresses.forTarget(trial.address(), trial.connections)));
        trial.ledger.driverOpened();
        trial.awaitAccepted();
        return driverThread.started(!Double.isNaN(rate));
    }

    /** Connection churn: this thread's share of the lifecycles in flight, each connect → echoes → close. */
    static DriverThread churn(ServerTrial trial, ThreadParams thread, int messagesPerConnection) throws IOException {
        int mine = myShare(trial, thread);
        DriverThread driverThread = new DriverThread(trial, ChurnDriver.open(trial.address(), mine, trial.payloadBytes,
                messagesPerConnection, DriverLimits.defaults()));
        trial.ledger.driverOpened();
        return driverThread.started(false);
    }

    /** This thread's share of the trial's connections, after pinning the thread to its driver CPU. */
    private static int myShare(ServerTrial trial, ThreadParams thread) throws IOException {
        int mine = share(trial.connections, thread.getThreadCount(), thread.getThreadIndex());
        if (mine == 0) {
            throw new IllegalArgumentException(trial.connections + " connections cannot be shared by " + thread.getThreadCount()
                    + " driver threads (each needs at least one): use fewer JMH threads (-t)");
        }
        CpuPinning pinning = trial.pinning();
        if (pinning.pinned()) {
            // each driver thread keeps its own driver CPU (the JVM as a whole is pinned to all of them)
            ThreadPinning.pinCurrentThread(pinning.driverCpus().get(thread.getThreadIndex() % pinning.driverCpus().size()));
        }
        return mine;
    }

    private DriverThread started(boolean openLoop) {
        driver.start();
        trial.warmedUp(WarmUp.run(driver, openLoop));
        return this;
    }

    /** Thread {@code index} of {@code threads} gets total/threads connections, one more for the first total%threads. */
    static int share(int total, int threads, int index) {
        if (threads < 1 || index < 0 || index >= threads) throw new IllegalArgumentException("thread " + index + " of " + threads);
        return total / threads + (index < total % threads ? 1 : 0);
    }

    long awaitEcho() {
        return driver.awaitEcho();
    }

    /** @Setup(Level.Iteration): the driver resumes after the pause between iterations, then the interval starts. */
    void startInterval(boolean measurement) {
        measuring = measurement;
        driver.resumeAfterPause();
        driver.intervalSnapshot();
    }

    /** @TearDown(Level.Iteration), on this thread (the driver is not thread-safe). */
    void endInterval() {
        DriverSnapshot interval = driver.intervalSnapshot();
        postedErrors += interval.errors();
        trial.ledger.intervalEnded(interval, measuring);
    }

    /** @TearDown(Level.Trial): before the server stops, so its EOFs are not errors. */
    void close() {
        try {
            trial.ledger.driverClosed(driver.errors(), driver.errorSummary(), postedErrors);
        } finally {
            driver.close();
        }
    }
}
