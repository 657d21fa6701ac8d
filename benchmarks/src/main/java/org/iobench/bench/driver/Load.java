package org.iobench.bench.driver;

/**
 * What a driver thread runs, one op at a time: steady connections ({@link LoadDriver}) or connection
 * churn ({@link ChurnDriver}). Every method is called on the thread that opened it.
 */
public interface Load extends AutoCloseable {
    /** Starts the load (once). */
    void start();

    /** Pumps until one more op (a verified echo) has completed and consumes it; returns ops consumed so far. */
    long awaitEcho();

    /**
     * Before an iteration, after a pause in which nobody pumped (JMH between iterations): an open loop
     * re-anchors its schedule; a closed loop reads, verified but not counted, the echoes that completed
     * during the pause, so that the iteration counts only what completed inside it.
     */
    void resumeAfterPause();

    /** Closes the current interval and opens the next. */
    DriverSnapshot intervalSnapshot();

    long errors();

    String errorSummary();

    @Override
    void close();
}
