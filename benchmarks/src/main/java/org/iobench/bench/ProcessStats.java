package org.iobench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The server process's cost as Linux accounts it: user+system CPU time from {@code /proc/<pid>/stat},
 * resident memory and thread count from {@code /proc/<pid>/status}. Read from outside, so it works
 * the same for a JVM and for the native server.
 *
 * @param cpuNanos user + system CPU time of the whole process (all threads), in nanoseconds
 * @param rssKib   resident set size (VmRSS), in KiB
 * @param threads  live threads
 */
public record ProcessStats(long cpuNanos, long rssKib, int threads) {

    private static final long CLOCK_TICKS_PER_SECOND = clockTicksPerSecond();

    public static ProcessStats read(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long ticks = parseCpuTicks(Files.readString(proc.resolve("stat")));
        String status = Files.readString(proc.resolve("status"));
        return new ProcessStats(ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND),
                parseStatusNumber(status, "VmRSS"), (int) parseStatusNumber(status, "Threads"));
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
