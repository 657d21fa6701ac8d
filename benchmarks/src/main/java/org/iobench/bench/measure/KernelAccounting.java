package org.iobench.bench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What the kernel's CPU accounting needs to be read right: whether softirq work done in a task's
 * context is charged to the task (CONFIG_IRQ_TIME_ACCOUNTING off, as on the development VM), and
 * which kernel threads do the softirq work that is not (ksoftirqd/N). Both matter because loopback
 * receive processing is a third of a saturated echo benchmark's CPU time: misread, it either hides a
 * neighbour or makes the workload look like one.
 */
final class KernelAccounting {
    private KernelAccounting() {
    }

    /**
     * True only when the kernel's configuration says CONFIG_IRQ_TIME_ACCOUNTING is not set; false
     * when it is set or cannot be read (then the foreign-work estimate errs towards not crying wolf).
     */
    static boolean taskTimeIncludesSoftirq() {
        Path config = Path.of("/proc/config.gz");
        if (!Files.isReadable(config)) return false;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(config))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("# CONFIG_IRQ_TIME_ACCOUNTING is not set");
        } catch (IOException e) {
            return false;
        }
    }

    /** The pids of ksoftirqd/N for the given CPUs (those that exist). */
    static List<Long> softirqThreads(List<Integer> cpus) {
        List<String> names = cpus.stream().map(cpu -> "ksoftirqd/" + cpu).toList();
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    if (names.contains(Files.readString(proc.resolve("comm")).strip())) {
                        pids.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return pids;
    }
}
