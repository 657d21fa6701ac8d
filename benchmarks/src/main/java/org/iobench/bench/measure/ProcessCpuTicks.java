package org.iobench.bench.measure;

import java.io.IOException;
import org.iobench.api.ProcStat;

/**
 * A process's CPU time as {@code /proc/<pid>/stat} counts it: {@code utime + stime}, in clock ticks
 * (USER_HZ, 10 ms on mainstream Linux). Coarse, but it keeps the time of the process's threads that
 * have ended, which the per-thread schedstat files ({@link ProcessSchedStats}) lose with the thread.
 */
public final class ProcessCpuTicks {
    private ProcessCpuTicks() {
    }

    public static long read(long pid) throws IOException {
        return read(ProcFiles.LOCAL, pid);
    }

    public static long read(ProcFiles proc, long pid) throws IOException {
        return parse(proc.read(pid + "/stat"));
    }

    /** utime + stime: fields 14 and 15 of a {@code /proc/<pid>/stat} line. */
    public static long parse(String stat) {
        ProcStat fields = ProcStat.parse(stat);
        return fields.field(14) + fields.field(15);
    }
}
