package org.iobench.bench;

/**
 * A trial that stopped at a limit of the model or the machine rather than at a fault: a
 * thread-per-connection server that cannot open 100,000 connections, a descriptor limit met
 * mid-trial. Thrown from a trial's setup or benchmark with a message that says how far it got and
 * why; JMH drops the trial as for any exception, but BenchMain records it under {@code limits=}
 * instead of {@code failed=}, and the run stays valid (results contract: valid / reached a limit /
 * invalid). Anything else a trial throws is a failure.
 */
public class LimitReachedException extends RuntimeException {
    public LimitReachedException(String howFarAndWhy) {
        super(howFarAndWhy);
    }

    public LimitReachedException(String howFarAndWhy, Throwable cause) {
        super(howFarAndWhy, cause);
    }

    /** The message of a LimitReachedException in the first line JMH printed for a failed trial, or null. */
    static String fromReportedLine(String firstLine) {
        String prefix = LimitReachedException.class.getName() + ": ";
        return firstLine.startsWith(prefix) ? firstLine.substring(prefix.length()) : null;
    }
}
