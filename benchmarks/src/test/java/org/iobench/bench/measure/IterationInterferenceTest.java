package org.iobench.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IterationInterferenceTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long HZ = 100;

    /** Two pinned CPUs over one second: 200 ticks of capacity. */
    private static CpuTimes twoCpus(long user, long system, long softirq, long steal) {
        long idle = 200 - user - system - softirq - steal;
        return new CpuTimes(user, 0, system, idle, 0, 0, softirq, steal);
    }

    @Test
    void aQuietIterationIsNotFlagged() {
        // driver ran 0.6 s and server 0.9 s = 150 ticks; the CPUs were busy 155 ticks: 5 ticks foreign = 2.5%
        IterationInterference quiet = IterationInterference.of(SECOND, new SchedStat(600_000_000L, 10_000_000L),
                new SchedStat(900_000_000L, 20_000_000L), twoCpus(120, 35, 20, 0), 2, HZ);
        assertEquals(0.01, quiet.driverRunQueueShare(), 1e-12);
        assertEquals(0.02, quiet.serverRunQueueShare(), 1e-12);
        assertEquals(0.025, quiet.foreignCpuShare(), 1e-12);
        assertEquals(0.10, quiet.softirqShare(), 1e-12);
        assertEquals(0, quiet.stealShare());
        assertFalse(quiet.disturbed(), quiet.reasons().toString());
    }

    @Test
    void anotherProcessOnThePinnedCpusIsFlagged() {
        // 150 ticks own, 190 busy: 40 ticks (20%) of someone else's work; the driver waited 30% of the time
        IterationInterference burnt = IterationInterference.of(SECOND, new SchedStat(600_000_000L, 300_000_000L),
                new SchedStat(900_000_000L, 300_000_000L), twoCpus(150, 40, 10, 0), 2, HZ);
        assertEquals(0.20, burnt.foreignCpuShare(), 1e-12);
        assertTrue(burnt.disturbed());
        assertEquals(List.of("driver waited for a CPU 30.0% (limit 25%)", "other work on the pinned CPUs 20.0% (limit 10%)"),
                burnt.reasons(), "the server's own wait is reported, not judged (thread-per-connection servers wait by design)");
    }

    @Test
    void withoutIrqTimeAccountingTheTasksCarryTheirSoftirqAndKsoftirqdIsOwnWork() {
        // saturated loopback: 200 ticks busy, 70 of them sampled as softirq; the driver and server ran 1.8 s
        // (their in-context softirq included) and ksoftirqd 0.2 s: nothing else ran
        IterationInterference own = IterationInterference.of(SECOND, new SchedStat(900_000_000L, 0),
                new SchedStat(900_000_000L, 0), new SchedStat(200_000_000L, 0), true, twoCpus(100, 30, 70, 0), 2, HZ);
        assertEquals(0, own.foreignCpuShare(), 1e-12);
        assertFalse(own.disturbed());
        // the same with a burner taking 40 ticks that the driver and server then did not get
        IterationInterference burnt = IterationInterference.of(SECOND, new SchedStat(700_000_000L, 0),
                new SchedStat(700_000_000L, 0), new SchedStat(200_000_000L, 0), true, twoCpus(100, 30, 70, 0), 2, HZ);
        assertEquals(0.20, burnt.foreignCpuShare(), 1e-12);
        // task-and-irq accounting alone would have missed it (own time exceeds the task ticks)
        assertEquals(0, IterationInterference.of(SECOND, new SchedStat(700_000_000L, 0), new SchedStat(700_000_000L, 0),
                twoCpus(100, 30, 70, 0), 2, HZ).foreignCpuShare(), 1e-12);
    }

    @Test
    void tickSampledBusyTimeInPhaseWithTheWorkloadIsNotForeign() {
        // open loop: the driver busy-polls CPU 0 for the whole second, the server runs 50 ms on CPU 1 in short
        // wake-ups at a steady rate. The tick happened to sample CPU 1 busy 30 times (user), far more than
        // its 5 ticks of work, while the tickless idle time (measured at each idle entry and exit) says 95.
        CpuTimes aliased = new CpuTimes(130, 0, 0, 95, 0, 0, 0, 0);
        IterationInterference open = IterationInterference.of(SECOND, new SchedStat(1_000_000_000L, 0),
                new SchedStat(50_000_000L, 0), aliased, 2, HZ);
        assertEquals(0, open.foreignCpuShare(), 1e-12);
        assertFalse(open.disturbed(), open.reasons().toString());
        // the same CPUs with a neighbour taking 40 ticks of CPU 1's idle time is still caught
        IterationInterference neighbour = IterationInterference.of(SECOND, new SchedStat(1_000_000_000L, 0),
                new SchedStat(50_000_000L, 0), new CpuTimes(170, 0, 0, 55, 0, 0, 0, 0), 2, HZ);
        assertEquals(0.20, neighbour.foreignCpuShare(), 1e-12);
    }

    @Test
    void stealIsFlagged() {
        IterationInterference stolen = IterationInterference.of(SECOND, new SchedStat(500_000_000L, 0),
                new SchedStat(500_000_000L, 0), twoCpus(80, 20, 0, 6), 2, HZ);
        assertEquals(0.03, stolen.stealShare(), 1e-12);
        assertEquals(List.of("steal 3.0% (limit 2%)"), stolen.reasons());
    }

    @Test
    void softirqIsTheWorkloadsOwnAndNeverCountsAsForeign() {
        // loopback: half the capacity in softirq (ksoftirqd's time included); tasks account for the rest exactly
        IterationInterference loopback = IterationInterference.of(SECOND, new SchedStat(400_000_000L, 0),
                new SchedStat(500_000_000L, 0), twoCpus(60, 30, 100, 0), 2, HZ);
        assertEquals(0.5, loopback.softirqShare(), 1e-12);
        assertEquals(0, loopback.foreignCpuShare(), 1e-12);
        assertFalse(loopback.disturbed());
    }

    @Test
    void ownTimeAboveTheCpusTaskTimeClampsAtZero() {
        // without IRQ time accounting the tasks are charged softirq time that /proc/stat files under softirq
        IterationInterference charged = IterationInterference.of(SECOND, new SchedStat(900_000_000L, 0),
                new SchedStat(900_000_000L, 0), twoCpus(100, 40, 40, 0), 2, HZ);
        assertEquals(0, charged.foreignCpuShare());
    }

    @Test
    void exactlyAtTheLimitIsNotFlagged() {
        IterationInterference atLimit = IterationInterference.of(SECOND, new SchedStat(0, 250_000_000L),
                new SchedStat(0, 0), twoCpus(0, 0, 0, 0), 2, HZ);
        assertEquals(IterationInterference.MAX_RUN_QUEUE_SHARE, atLimit.driverRunQueueShare(), 1e-12);
        assertFalse(atLimit.disturbed());
    }

    @Test
    void nonsenseIntervalsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> IterationInterference.of(0, SchedStat.ZERO, SchedStat.ZERO, twoCpus(0, 0, 0, 0), 2, HZ));
        assertThrows(IllegalArgumentException.class,
                () -> IterationInterference.of(SECOND, SchedStat.ZERO, SchedStat.ZERO, new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0), 2, HZ));
    }

    @Test
    void probeSumsThePinnedCpusOnly() {
        InterferenceProbe probe = new InterferenceProbe(1, 2, List.of(1), HZ);
        ProcessSchedStats none = new ProcessSchedStats(1, Map.of());
        var before = new InterferenceProbe.Snapshot(0, none, none, List.of(), Map.of(
                0, new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0), 1, new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0)), 0, 0);
        var after = new InterferenceProbe.Snapshot(SECOND, none, none, List.of(), Map.of(
                0, new CpuTimes(100, 0, 0, 0, 0, 0, 0, 0), 1, new CpuTimes(30, 0, 0, 70, 0, 0, 0, 0)), 0, 0);
        // CPU 0 (not pinned) was fully busy; on CPU 1 someone else ran 30% of the time
        assertEquals(0.30, probe.between(before, after).foreignCpuShare(), 1e-12);
    }

    @Test
    void threadsThatEndedDuringTheIterationAreStillTheProcesssOwnTime() {
        // thread per connection under churn: thread 2 ran 300 ms and ended; the per-thread sum sees only thread 1's 200 ms
        ProcessSchedStats before = new ProcessSchedStats(1, Map.of(1L, new SchedStat(0, 0), 2L, new SchedStat(0, 0)));
        ProcessSchedStats after = new ProcessSchedStats(1, Map.of(1L, new SchedStat(200_000_000L, 5_000_000L)));
        assertEquals(new SchedStat(500_000_000L, 5_000_000L), InterferenceProbe.ownAndWaited(before, after, 500_000_000L),
                "the ticks (which keep ended threads) count");
        // while every thread lives, the precise per-thread sum counts, whatever the coarse ticks say
        ProcessSchedStats alive = new ProcessSchedStats(1, Map.of(1L, new SchedStat(200_000_000L, 5_000_000L),
                2L, new SchedStat(300_000_000L, 0)));
        // (the wait is the busiest thread's: thread 2's, which did not wait)
        assertEquals(new SchedStat(500_000_000L, 0), InterferenceProbe.ownAndWaited(before, alive, 490_000_000L));
    }

    @Test
    void theBusiestThreadsWaitCountsNotTheWaitOfThreadsQueuedBehindIt() {
        // a JVM: the worker ran 0.9 s and waited 10 ms; its compiler thread ran 50 ms and waited 300 ms behind it
        ProcessSchedStats before = new ProcessSchedStats(1, Map.of(1L, new SchedStat(0, 0), 2L, new SchedStat(0, 0)));
        ProcessSchedStats after = new ProcessSchedStats(1, Map.of(1L, new SchedStat(900_000_000L, 10_000_000L),
                2L, new SchedStat(50_000_000L, 300_000_000L), 3L, new SchedStat(1_000_000L, 0)));
        assertEquals(new SchedStat(900_000_000L, 10_000_000L), after.busiestSince(before));
        assertEquals(new SchedStat(951_000_000L, 310_000_000L), after.since(before));
    }
}
