package org.iobench.bench.measure;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A snapshot of every thread's {@link SchedStat} of one process, by thread id. Kept per thread because
 * threads come and go during an iteration: the change over an iteration is summed thread by thread,
 * counting a thread born during it from zero. A thread that ended during the iteration takes its last
 * part with it (the kernel folds it into no per-task file), so the figures are lower bounds then.
 */
public record ProcessSchedStats(long pid, Map<Long, SchedStat> byThread) {

    public ProcessSchedStats {
        byThread = Map.copyOf(byThread);
    }

    /** Reads /proc/&lt;pid&gt;/task/*&#47;schedstat. Threads that exit while being read are skipped. */
    public static ProcessSchedStats read(long pid) throws IOException {
        return read(ProcFiles.LOCAL, pid);
    }

    /** The same under another root (tests hand it a crafted tree). */
    static ProcessSchedStats read(Path procRoot, long pid) throws IOException {
        return read(ProcFiles.under(procRoot), pid);
    }

    /** The same from wherever {@code proc} reads (the server's host, for a server started there). */
    public static ProcessSchedStats read(ProcFiles proc, long pid) throws IOException {
        String tasks = proc.describe() + "/" + pid + "/task";
        Map<Long, String> lines;
        try {
            lines = proc.perThread(pid, "schedstat");
        } catch (NoSuchFileException e) {
            throw new IOException("no process " + pid + " (" + tasks + " is missing)", e);
        }
        if (lines.isEmpty()) {
            // threads may end while being read, but not all of them while the process lives
            try {
                proc.count(pid + "/task");
            } catch (NoSuchFileException e) {
                throw new IOException("no process " + pid + " (" + tasks + " is gone)", e);
            }
            throw new IOException("no schedstat under " + tasks + ": this kernel does not provide it (CONFIG_SCHED_INFO)");
        }
        Map<Long, SchedStat> byThread = new HashMap<>();
        lines.forEach((tid, line) -> byThread.put(tid, SchedStat.parse(line)));
        return new ProcessSchedStats(pid, byThread);
    }

    /** Sum over the threads of what each accumulated since the earlier snapshot. */
    public SchedStat since(ProcessSchedStats earlier) {
        SchedStat sum = SchedStat.ZERO;
        for (Map.Entry<Long, SchedStat> thread : byThread.entrySet()) {
            SchedStat before = earlier.byThread.getOrDefault(thread.getKey(), SchedStat.ZERO);
            sum = sum.plus(thread.getValue().minus(before));
        }
        return sum;
    }

    /** What the thread that ran longest since the earlier snapshot accumulated (ZERO when none ran). */
    public SchedStat busiestSince(ProcessSchedStats earlier) {
        SchedStat busiest = SchedStat.ZERO;
        for (Map.Entry<Long, SchedStat> thread : byThread.entrySet()) {
            SchedStat delta = thread.getValue().minus(earlier.byThread.getOrDefault(thread.getKey(), SchedStat.ZERO));
            if (delta.runNanos() > busiest.runNanos()) busiest = delta;
        }
        return busiest;
    }

    /** Whether a thread of the earlier snapshot has ended since: its last part is then missing from {@link #since}. */
    public boolean threadEndedSince(ProcessSchedStats earlier) {
        return !byThread.keySet().containsAll(earlier.byThread.keySet());
    }

    public SchedStat total() {
        return since(new ProcessSchedStats(pid, Map.of()));
    }
}
