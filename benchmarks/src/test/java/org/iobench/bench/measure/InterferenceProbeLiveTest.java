package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The probe on the real /proc: a process that is neither "driver" nor "server" burns a CPU for a
 * second, and the probe must see it as foreign work. Other load on the machine (a busy build) only adds
 * to the foreign share, so the lower bound holds on a shared machine too.
 */
class InterferenceProbeLiveTest {

    private static final long USER_HZ = 100;

    @Test
    void aBurnerOnTheWatchedCpusIsReportedAsForeignWork() throws Exception {
        Process server = new ProcessBuilder("sleep", "30").start();
        Process burner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            List<Integer> allCpus = IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed().toList();
            InterferenceProbe probe = new InterferenceProbe(ProcessHandle.current().pid(), server.pid(), allCpus, USER_HZ);
            InterferenceProbe.Snapshot before = probe.snapshot();
            Thread.sleep(1_000);
            IterationInterference interference = probe.between(before, probe.snapshot());
            // one burning CPU out of n is 1/n of the capacity; allow for a starved burner on a busy machine
            double expectedAtLeast = 0.5 / allCpus.size();
            assertTrue(interference.foreignCpuShare() >= expectedAtLeast,
                    "foreign share " + interference.foreignCpuShare() + ", expected at least " + expectedAtLeast);
            assertTrue(interference.disturbed(), interference.reasons().toString());
        } finally {
            burner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
