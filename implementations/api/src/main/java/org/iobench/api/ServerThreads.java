package org.iobench.api;

import java.util.concurrent.TimeUnit;

/**
 * Joining a server's threads in {@code close()}: the contract says they are gone when it returns, and
 * neither the JDK's channel groups nor Netty's event-loop groups guarantee that when they report
 * termination (both signal it just before their threads exit).
 */
public final class ServerThreads {
    private ServerThreads() {
    }

    /**
     * Waits for each thread until the deadline ({@link System#nanoTime()} based); an interrupted caller
     * stops waiting but keeps its flag. Threads still alive afterwards are reported in one line, not
     * one line each (there may be 10,000). Null entries and the calling thread are skipped.
     *
     * @return how many threads are still alive
     */
    public static int joinAll(String serverId, Iterable<Thread> threads, long deadlineNanos) {
        int stillAlive = 0;
        for (Thread thread : threads) {
            if (thread == null || thread == Thread.currentThread()) continue;
            long remainingNanos = deadlineNanos - System.nanoTime();
            try {
                if (remainingNanos > 0 && !Thread.currentThread().isInterrupted()) {
                    thread.join(TimeUnit.NANOSECONDS.toMillis(remainingNanos) + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) stillAlive++;
        }
        if (stillAlive > 0) {
            System.err.println("iobench: " + serverId + ": " + stillAlive + " thread(s) still running at the close deadline");
        }
        return stillAlive;
    }
}
