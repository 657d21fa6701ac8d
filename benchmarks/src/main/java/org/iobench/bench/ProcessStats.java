package org.iobench.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.iobench.bench.measure.ProcFiles;
import org.iobench.bench.measure.ProcessCpuTicks;
import org.iobench.bench.measure.ProcessSchedStats;

/**
 * A process's cost as Linux accounts it: CPU time, resident memory and thread count. Read from
 * outside, so it works the same for a JVM and for the native server.
 *
 * <p>CPU time is the sum of the threads' run time from {@code /proc/<pid>/task/*&#47;schedstat}, in
 * nanoseconds, where the kernel provides it; {@code utime + stime} from {@code /proc/<pid>/stat}
 * counts in 10 ms ticks, which at 10,000 echoes/s over a 300 ms iteration is a quantum of 3.3 µs per
 * echo, as large as the differences between servers. The schedstat sum covers the live threads only:
 * a thread that ends takes its run time out of it. So {@link #cpuNanosSince} uses it only when no thread
 * ended between the two readings, and otherwise the ticks, which the kernel keeps for ended threads too
 * (thread-per-connection under churn ends a thread per connection); without schedstat the ticks are used.
 *
 * @param cpuNanos      CPU time of the process's live threads, in nanoseconds (schedstat, else ticks)
 * @param rssKib        resident set size (VmRSS), in KiB
 * @param threads       live threads
 * @param allCpuNanos   CPU time of the whole process, ended threads included ({@code utime + stime}, 10 ms
 *                      ticks)
 * @param schedStats    the live threads' schedstat {@code cpuNanos} was summed from; null when read by ticks
 */
public record ProcessStats(long cpuNanos, long rssKib, int threads, long allCpuNanos, ProcessSchedStats schedStats) {

    /** Figures without per-thread detail (tests, and processes read by ticks): the delta is the plain difference. */
    public ProcessStats(long cpuNanos, long rssKib, int threads) {
        this(cpuNanos, rssKib, threads, cpuNanos, null);
    }

    /**
     * CPU time the process spent since {@code earlier}: the precise schedstat difference when every thread
     * of {@code earlier} is still alive, else the tick difference, which counts the threads that ended.
     */
    public long cpuNanosSince(ProcessStats earlier) {
        boolean threadEnded = earlier.schedStats != null && schedStats != null && schedStats.threadEndedSince(earlier.schedStats);
        return threadEnded ? allCpuNanos - earlier.allCpuNanos : cpuNanos - earlier.cpuNanos;
    }

    private static final long CLOCK_TICKS_PER_SECOND = clockTicksPerSecond();

    public static ProcessStats read(long pid) throws IOException {
        return read(ProcFiles.LOCAL, pid);
    }

    /** The same from wherever {@code proc} reads: the server's own host, for a server started there. */
    public static ProcessStats read(ProcFiles proc, long pid) throws IOException {
        long allCpuNanos = ProcessCpuTicks.read(proc, pid) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        ProcessSchedStats threads = null;
        try {
            threads = ProcessSchedStats.read(proc, pid);
        } catch (IOException noSchedstat) {
            // the ticks, then
        }
        long cpuNanos = threads == null ? allCpuNanos : threads.total().runNanos();
        String status = proc.read(pid + "/status");
        return new ProcessStats(cpuNanos, parseStatusNumber(status, "VmRSS"), (int) parseStatusNumber(status, "Threads"),
                allCpuNanos, threads);
    }

    /** USER_HZ, the unit of /proc's CPU times. */
    public static long ticksPerSecond() {
        return CLOCK_TICKS_PER_SECOND;
    }

    /** Descriptors the process holds open (entries of /proc/<pid>/fd; needs the same user). */
    public static long openFiles(long pid) throws IOException {
        return openFiles(ProcFiles.LOCAL, pid);
    }

    public static long openFiles(ProcFiles proc, long pid) throws IOException {
        return proc.count(pid + "/fd");
    }

    /** The number in a {@code /proc/<pid>/status} line such as {@code VmRSS:    1234 kB}. */
    static long parseStatusNumber(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).strip().split("\\s+")[0]);
            }
        }
        throw new IllegalArgumentException("no '" + key + "' in /proc/<pid>/status");
    }

    /** USER_HZ: 100 on every mainstream Linux; asked of getconf in case this one differs. */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                long hz = Long.parseLong(out);
                if (hz > 0 && 1_000_000_000L % hz == 0) return hz;
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
