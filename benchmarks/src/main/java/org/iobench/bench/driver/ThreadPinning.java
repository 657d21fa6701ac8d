package org.iobench.bench.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pins the calling thread (not the whole process) to one CPU, so each driver thread keeps its own
 * driver CPU and its caches instead of being moved around by the scheduler. Linux only: the
 * thread's kernel id comes from {@code /proc/thread-self} and {@code taskset} sets the affinity.
 */
public final class ThreadPinning {
    private ThreadPinning() {
    }

    /** Pins the calling thread to {@code cpu}; an IOException says why it could not. */
    public static void pinCurrentThread(int cpu) throws IOException {
        if (cpu < 0) throw new IllegalArgumentException("cpu must be >= 0, got " + cpu);
        String tid = currentThreadKernelId();
        List<String> command = List.of("taskset", "-c", "-p", Integer.toString(cpu), tid);
        Process taskset = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes()).strip();
        try {
            if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                throw new IOException("'" + String.join(" ", command) + "' failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning thread " + tid + " to CPU " + cpu, e);
        }
    }

    /** The kernel's id of the calling thread: /proc/thread-self links to {@code <pid>/task/<tid>}. */
    static String currentThreadKernelId() throws IOException {
        Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        return link.getFileName().toString();
    }
}
