package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcParsersTest {

    @Test
    void schedstatLineGivesRunAndRunQueueWait() {
        SchedStat stat = SchedStat.parse("521574 112498 2\n");
        assertEquals(521574, stat.runNanos());
        assertEquals(112498, stat.waitNanos());
    }

    @Test
    void badSchedstatLinesAreRefusedWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SchedStat.parse("garbage"));
        assertTrue(e.getMessage().contains("garbage"));
        assertThrows(IllegalArgumentException.class, () -> SchedStat.parse("12 x 3"));
    }

    @Test
    void changeIsSummedThreadByThreadCountingNewThreadsFromZero() {
        ProcessSchedStats before = new ProcessSchedStats(1, Map.of(
                10L, new SchedStat(1_000, 100), 11L, new SchedStat(5_000, 500), 12L, new SchedStat(9_000, 900)));
        // 10 ran on, 11 did nothing, 12 ended (its part is lost, not negative), 13 was born
        ProcessSchedStats after = new ProcessSchedStats(1, Map.of(
                10L, new SchedStat(3_000, 150), 11L, new SchedStat(5_000, 500), 13L, new SchedStat(400, 40)));
        assertEquals(new SchedStat(2_400, 90), after.since(before));
        assertEquals(new SchedStat(8_400, 690), after.total());
    }

    private static final String PROC_STAT = """
            cpu  4733 0 1330 41947 86 0 22 6 0 0
            cpu0 2250 0 610 21160 17 0 3 2 0 0
            cpu1 2483 1 720 20786 69 5 18 4 0 0
            intr 113296 0 0 0
            ctxt 283557
            """;

    @Test
    void procStatPerCpuLinesWithoutTheAggregate() {
        Map<Integer, CpuTimes> cpus = CpuTimes.parsePerCpu(PROC_STAT);
        assertEquals(2, cpus.size());
        assertEquals(new CpuTimes(2483, 1, 720, 20786, 69, 5, 18, 4), cpus.get(1));
        assertEquals(2483 + 1 + 720 + 5, cpus.get(1).taskAndIrqTicks());
        assertEquals(2483 + 1 + 720 + 20786 + 69 + 5 + 18 + 4, cpus.get(1).totalTicks());
    }

    @Test
    void kernelsWithoutAStealColumnReadZeroSteal() {
        assertEquals(0, CpuTimes.parsePerCpu("cpu0 10 0 5 100 0 0 1\n").get(0).steal());
    }

    @Test
    void notProcStatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parsePerCpu("intr 1 2 3\n"));
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parsePerCpu("cpu0 1 2\n"));
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parsePerCpu("cpuX 1 2 3 4 5 6 7\n"));
    }

    @Test
    void liveThisJvmsOwnSchedstatCountsItsOwnCpuTime() throws IOException {
        long pid = ProcessHandle.current().pid();
        ProcessSchedStats before = ProcessSchedStats.read(pid);
        long spinUntil = System.nanoTime() + 200_000_000L;
        long sink = 0;
        while (System.nanoTime() < spinUntil) sink += System.nanoTime() % 7;
        ProcessSchedStats after = ProcessSchedStats.read(pid);
        assertTrue(sink >= 0);
        assertTrue(after.byThread().size() > 1, "a JVM has more than one thread");
        SchedStat spent = after.since(before);
        // 200 ms of wall time spinning: at least half of it on a CPU even on a busy 2-core machine
        assertTrue(spent.runNanos() >= 100_000_000L, "ran " + spent.runNanos() + " ns");
        assertTrue(spent.waitNanos() >= 0);
        assertFalse(CpuTimes.readPerCpu().isEmpty());
    }

    @Test
    void readsEveryThreadOfACraftedProcTree(@TempDir Path proc) throws IOException {
        writeSchedstat(proc, 42, 42, "1000 200 5\n");
        writeSchedstat(proc, 42, 43, "3000 400 7\n");
        ProcessSchedStats stats = ProcessSchedStats.read(proc, 42);
        assertEquals(Map.of(42L, new SchedStat(1000, 200), 43L, new SchedStat(3000, 400)), stats.byThread());
    }

    @Test
    void aThreadWhoseFileCannotBeReadAsItExitsIsSkipped(@TempDir Path proc) throws IOException {
        writeSchedstat(proc, 42, 42, "1000 200 5\n");
        // an exiting thread is still listed but its file fails with ESRCH; any read error stands in for that here
        Files.createDirectories(proc.resolve("42/task/43/schedstat"));
        assertEquals(Map.of(42L, new SchedStat(1000, 200)), ProcessSchedStats.read(proc, 42).byThread());
    }

    @Test
    void aKernelWithoutSchedstatIsAClearErrorNotSilentZeros(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("42/task/42"));
        IOException e = assertThrows(IOException.class, () -> ProcessSchedStats.read(proc, 42));
        assertTrue(e.getMessage().contains("no schedstat"), e.getMessage());
    }

    private static void writeSchedstat(Path proc, long pid, long tid, String line) throws IOException {
        Path thread = Files.createDirectories(proc.resolve(pid + "/task/" + tid));
        Files.writeString(thread.resolve("schedstat"), line);
    }

    @Test
    void aProcessThatIsNotThereIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> ProcessSchedStats.read(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains(Integer.toString(Integer.MAX_VALUE)), e.getMessage());
    }
}
