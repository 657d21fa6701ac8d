package org.iobench.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time as {@code /proc/<pid>/stat} counts it: {@code utime + stime}, in clock ticks
 * (USER_HZ, 10 ms on mainstream Linux). Coarse, but it keeps the time of the process's threads that
 * have ended, which the per-thread schedstat files ({@link ProcessSchedStats}) lose with the thread.
 */
public final class ProcessCpuTicks {
    private ProcessCpuTicks() {
    }

    public static long read(long pid) throws IOException {
        return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /**
     * utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line. The command name (field 2) is
     * in parentheses and may itself contain spaces and parentheses, so fields are counted from the last ')'.
     */
    public static long parse(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        // after ") " come field 3 (state), 4, ... so utime (14) is index 11 and stime (15) index 12
        String[] fields = stat.substring(end + 1).strip().split("\\s+");
        if (fields.length < 13) throw new IllegalArgumentException("short /proc/<pid>/stat line: " + stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
