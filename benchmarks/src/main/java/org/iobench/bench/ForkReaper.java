package org.iobench.bench;

import java.time.Duration;
import java.util.List;

/**
 * Stops everything this JVM started: the forked benchmark JVMs and, below them, their servers. Each
 * fork gets SIGTERM first, so its shutdown hook stops its server cleanly (SIGTERM, then a checked
 * exit); whatever is still alive after the grace period is killed, servers included. Bounded.
 */
final class ForkReaper {
    private ForkReaper() {
    }

    /** Returns how many processes had to be killed after the grace period. */
    static int stopAll(Duration grace) {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        return left.size();
    }
}
