package org.iobench.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a process's threads were doing, read from {@code /proc/PID/task/*}: how many in each scheduler
 * state, and where the JVM's own threads that a clean stop needs (the signal dispatcher, the thread
 * it starts for the SIGTERM handler, the VM thread that runs safepoints) were waiting. Taken when a
 * server does not stop in time, before it is killed, so that the error says why without a debugger
 * (a JVM that is not handling signals may not answer {@code jcmd} either).
 */
public final class ThreadStates {
    /** Thread names (the kernel's 15-character {@code comm}) worth naming one by one. */
    private static final List<String> NAMED = List.of("Signal Dispatch", "SIGTERM handler", "VM Thread", "main");

    private ThreadStates() {
    }

    /** e.g. "10014 threads: R 9983, S 31; Signal Dispatch S futex_wait_queue, VM Thread R"; or why it cannot be read. */
    public static String of(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        Map<String, Integer> byState = new TreeMap<>();
        List<String> named = new ArrayList<>();
        int threads = 0;
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue;   // the thread ended while we looked
                }
                ProcStat parsed;
                try {
                    parsed = ProcStat.parse(stat);
                } catch (IllegalArgumentException e) {
                    continue;   // not a stat line: nothing to count
                }
                threads++;
                byState.merge(parsed.state(), 1, Integer::sum);
                if (NAMED.contains(parsed.command())) named.add(parsed.command() + " " + parsed.state() + " " + wchan(task));
            }
        } catch (IOException e) {
            return "thread states unavailable (" + e.getMessage() + ")";
        }
        StringBuilder text = new StringBuilder().append(threads).append(" threads: ");
        byState.forEach((state, count) -> text.append(state).append(' ').append(count).append(", "));
        text.setLength(text.length() - 2);
        if (!named.isEmpty()) text.append("; ").append(String.join(", ", named));
        return text.toString();
    }

    private static String wchan(Path task) {
        try {
            String where = Files.readString(task.resolve("wchan")).strip();
            return where.isEmpty() || where.equals("0") ? "-" : where;
        } catch (IOException e) {
            return "?";
        }
    }
}
