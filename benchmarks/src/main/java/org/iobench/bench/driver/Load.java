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

    /** An open loop forgets the pause between iterations; a closed loop has nothing to restart. */
    void restartSchedule();

    /** Closes the current interval and opens the next. */
    DriverSnapshot intervalSnapshot();

    long errors();

    String errorSummary();

    @Override
    void close();
}
