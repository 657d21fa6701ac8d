package org.iobench.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One CPU's time from a {@code cpuN} line of {@code /proc/stat}, in clock ticks (USER_HZ, 100 per second
 * on mainstream Linux): "user nice system idle iowait irq softirq steal [guest guest_nice]". Guest time
 * is already part of user time, so it is not added again. Steal is time the hypervisor gave this virtual
 * CPU to someone else; older kernels omit it (read as 0).
 */
public record CpuTimes(long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal) {

    /** The per-CPU lines of a /proc/stat text, by CPU number (the aggregate "cpu" line is left out). */
    public static Map<Integer, CpuTimes> parsePerCpu(String procStat) {
        Map<Integer, CpuTimes> byCpu = new HashMap<>();
        for (String line : procStat.split("\n")) {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) continue;
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 8) throw new IllegalArgumentException("short /proc/stat line: '" + line + "'");
            try {
                int cpu = Integer.parseInt(fields[0].substring(3));
                byCpu.put(cpu, new CpuTimes(tick(fields, 1), tick(fields, 2), tick(fields, 3), tick(fields, 4),
                        tick(fields, 5), tick(fields, 6), tick(fields, 7), tick(fields, 8)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a /proc/stat CPU line: '" + line + "'", e);
            }
        }
        if (byCpu.isEmpty()) throw new IllegalArgumentException("no per-CPU lines in /proc/stat text");
        return byCpu;
    }

    public static Map<Integer, CpuTimes> readPerCpu() throws IOException {
        return parsePerCpu(Files.readString(Path.of("/proc/stat")));
    }

    private static long tick(String[] fields, int index) {
        return index < fields.length ? Long.parseLong(fields[index]) : 0;
    }

    public CpuTimes minus(CpuTimes earlier) {
        return new CpuTimes(user - earlier.user, nice - earlier.nice, system - earlier.system, idle - earlier.idle,
                iowait - earlier.iowait, irq - earlier.irq, softirq - earlier.softirq, steal - earlier.steal);
    }

    public CpuTimes plus(CpuTimes other) {
        return new CpuTimes(user + other.user, nice + other.nice, system + other.system, idle + other.idle,
                iowait + other.iowait, irq + other.irq, softirq + other.softirq, steal + other.steal);
    }

    /** Every tick of the interval: what the CPU did, idled, or lost to the hypervisor. */
    public long totalTicks() {
        return user + nice + system + idle + iowait + irq + softirq + steal;
    }

    /** Time running tasks or hard interrupts: user, nice, system and irq (softirq and steal are kept apart). */
    public long taskAndIrqTicks() {
        return user + nice + system + irq;
    }
}
