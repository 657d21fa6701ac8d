package org.iobench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.iobench.bench.measure.ProcessSchedStats;

/**
 * A process's cost as Linux accounts it: CPU time, resident memory and thread count. Read from
 * outside, so it works the same for a JVM and for the native server.
 *
 * <p>CPU time is the sum of the threads' run time from {@code /proc/<pid>/task/*&#47;schedstat}, in
 * nanoseconds, where the kernel provides it; {@code utime + stime} from {@code /proc/<pid>/stat}
 * counts in 10 ms ticks, which at 10,000 echoes/s over a 300 ms iteration is a quantum of 3.3 µs per
 * echo, as large as the differences between servers. The schedstat sum leaves out threads that exited
 * (no server ends threads under steady load); without schedstat the ticks are used.
 *
 * @param cpuNanos CPU time of the whole process (all threads), in nanoseconds
 * @param rssKib   resident set size (VmRSS), in KiB
 * @param threads  live threads
 */
public record ProcessStats(long cpuNanos, long rssKib, int threads) {

    private static final long CLOCK_TICKS_PER_SECOND = clockTicksPerSecond();

    public static ProcessStats read(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long cpuNanos;
        try {
            cpuNanos = ProcessSchedStats.read(pid).total().runNanos();
        } catch (IOException noSchedstat) {
            cpuNanos = parseCpuTicks(Files.readString(proc.resolve("stat"))) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        }
        String status = Files.readString(proc.resolve("status"));
        return new ProcessStats(cpuNanos, parseStatusNumber(status, "VmRSS"), (int) parseStatusNumber(status, "Threads"));
    }

    /** USER_HZ, the unit of /proc's CPU times. */
    public static long ticksPerSecond() {
        return CLOCK_TICKS_PER_SECOND;
    }

    /** Descriptors the process holds open (entries of /proc/<pid>/fd; needs the same user). */
    public static long openFiles(long pid) throws IOException {
        try (var entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return entries.count();
        }
    }

    /**
     * utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line, in clock ticks. The
     * command name (field 2) is in parentheses and may itself contain spaces and parentheses, so
     * fields are counted from the last ')'.
     */
    static long parseCpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        // after ") " come field 3 (state), 4, ... so utime (14) is index 11 and stime (15) index 12
        String[] fields = stat.substring(end + 1).strip().split("\\s+");
        if (fields.length < 13) throw new IllegalArgumentException("short /proc/<pid>/stat line: " + stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
