package org.iobench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.iobench.api.Settings;

/**
 * Which CPUs the driver and the server run on. On a machine with two or more CPUs they get disjoint
 * halves (driver the lower half, server the upper half), so neither steals the other's cycles and
 * the server's CPU time per echo is its own. With one CPU nothing is pinned and both share it.
 *
 * <p>BenchMain computes it once and hands it to the forked benchmark JVM as the settings
 * {@link Settings#PIN_DRIVER} and {@link Settings#PIN_SERVER}, so what is recorded is what is used;
 * {@link Settings#PIN} turns it off.
 */
public record CpuPinning(List<Integer> driverCpus, List<Integer> serverCpus, boolean pinned) {

    /** Splits the allowed CPUs: lower half to the driver, upper half (the larger half if odd) to the server. */
    public static CpuPinning split(List<Integer> allowed, boolean enabled) {
        if (allowed.isEmpty()) throw new IllegalArgumentException("no CPUs");
        if (!enabled || allowed.size() < 2) return new CpuPinning(allowed, allowed, false);
        int driverCount = allowed.size() / 2;
        return new CpuPinning(List.copyOf(allowed.subList(0, driverCount)),
                List.copyOf(allowed.subList(driverCount, allowed.size())), true);
    }

    /** The split of the CPUs this process may run on. */
    public static CpuPinning ofThisMachine() {
        boolean enabled = !"false".equalsIgnoreCase(Settings.PIN.value().strip());
        return split(allowedCpus(), enabled);
    }

    /** What BenchMain passed to this (forked) JVM, or the machine's own split (honouring iobench.pin) without it. */
    public static CpuPinning fromPropertiesOrMachine() {
        // BenchMain passes both lists when it pins, and iobench.pin=false when it does not
        if (!Settings.PIN_DRIVER.isSet() || !Settings.PIN_SERVER.isSet()) return ofThisMachine();
        return new CpuPinning(parseCpuList(Settings.PIN_DRIVER.value()), parseCpuList(Settings.PIN_SERVER.value()), true);
    }

    /** The taskset-style list of the driver's CPUs, or "" when unpinned. */
    public String driverList() {
        return pinned ? formatCpuList(driverCpus) : "";
    }

    /** The taskset-style list of the server's CPUs, or "" when unpinned. */
    public String serverList() {
        return pinned ? formatCpuList(serverCpus) : "";
    }

    /**
     * Pins every thread of this JVM (and, by inheritance, every thread it starts later) to the
     * driver CPUs. Called by the forked benchmark JVM at trial setup; JMH's host JVM is not pinned.
     */
    public void pinThisJvmToDriverCpus() throws IOException {
        if (!pinned) return;
        List<String> command = List.of("taskset", "-a", "-c", "-p", driverList(), Long.toString(ProcessHandle.current().pid()));
        Process taskset = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes());
        try {
            if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                throw new IOException("'" + String.join(" ", command) + "' failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning the driver", e);
        }
    }

    /** CPUs this process may use: Cpus_allowed_list from /proc/self/status, else 0..n-1. */
    static List<Integer> allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) return parseCpuList(line.substring(line.indexOf(':') + 1));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: fall back to the JVM's count
        }
        return IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed().toList();
    }

    /** Parses "0-3,6,8-9" into [0,1,2,3,6,8,9]. */
    public static List<Integer> parseCpuList(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.strip().split(",")) {
            if (part.isBlank()) continue;
            String[] range = part.strip().split("-");
            int from = Integer.parseInt(range[0].strip());
            int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
            if (to < from) throw new IllegalArgumentException("bad CPU range: " + part);
            for (int cpu = from; cpu <= to; cpu++) cpus.add(cpu);
        }
        if (cpus.isEmpty()) throw new IllegalArgumentException("empty CPU list: '" + list + "'");
        return List.copyOf(cpus);
    }

    /** Formats [0,1,2,3,6] as "0-3,6". */
    static String formatCpuList(List<Integer> cpus) {
        StringJoiner joined = new StringJoiner(",");
        for (int i = 0; i < cpus.size(); ) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) j++;
            joined.add(i == j ? cpus.get(i).toString() : cpus.get(i) + "-" + cpus.get(j));
            i = j + 1;
        }
        return joined.toString();
    }
}
