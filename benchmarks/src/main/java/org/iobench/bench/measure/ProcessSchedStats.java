package org.iobench.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

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
        return read(Path.of("/proc"), pid);
    }

    /** The same under another root (tests hand it a crafted tree). */
    static ProcessSchedStats read(Path procRoot, long pid) throws IOException {
        Path tasks = procRoot.resolve(Long.toString(pid)).resolve("task");
        Map<Long, SchedStat> byThread = new HashMap<>();
        int listed = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                listed++;
                try {
                    byThread.put(Long.parseLong(thread.getFileName().toString()),
                            SchedStat.parse(Files.readString(thread.resolve("schedstat"))));
                } catch (IOException ended) {
                    // The thread ended between listing and reading: its entry is gone (NoSuchFileException),
                    // or still listed while the thread exits, when reading it fails with ESRCH ("No such
                    // process"; connection churn on thread-per-connection ends threads all the time).
                    // Only the whole process being gone fails the read: that is checked below.
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException("no process " + pid + " (" + tasks + " is missing)", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (byThread.isEmpty() && !Files.isDirectory(tasks)) throw new IOException("no process " + pid + " (" + tasks + " is gone)");
        // threads may end while being read, but not all of them while the process lives: the file is missing
        if (listed > 0 && byThread.isEmpty()) {
            throw new IOException("no schedstat under " + tasks + ": this kernel does not provide it (CONFIG_SCHED_INFO)");
        }
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
