package org.iobench.bench.driver;

/**
 * The server stopped answering (no echo completed within the stall timeout) or every connection
 * failed. Unchecked so a JMH {@code @Benchmark} method can let it through and fail the trial with
 * its message.
 */
public final class DriverStalledException extends RuntimeException {
    public DriverStalledException(String message) {
        super(message);
    }
}
